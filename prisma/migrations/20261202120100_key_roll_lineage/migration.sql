-- Roll lineage (SPEC §3 Roll): a key can be rolled once. The new key points at the one it
-- replaced (unique, so no key ever has two successors), and the old key records when it was
-- rolled, which stays true even if its successor is later deleted.

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN "predecessor_id" TEXT,
ADD COLUMN "rolled_at" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_predecessor_id_key" ON "api_keys"("predecessor_id");

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_predecessor_id_fkey" FOREIGN KEY ("predecessor_id") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;
