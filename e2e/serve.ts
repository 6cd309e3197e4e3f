// The e2e server: a clean embedded database every run, then exactly what `npm start` does.
import { rmSync } from "node:fs";

const dataDir = process.env.KEYDESK_DATA_DIR;
if (!dataDir?.startsWith(".tmp/"))
  throw new Error("e2e/serve.ts only runs on a throwaway KEYDESK_DATA_DIR under .tmp/");
rmSync(dataDir, { recursive: true, force: true });
// start.ts stops PostgreSQL before it exits; then the throwaway data can go.
process.on("exit", () => rmSync(dataDir, { recursive: true, force: true }));
await import("../scripts/start");
