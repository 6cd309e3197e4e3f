// `npm run db:migrate`: applies pending migrations offline (embedded database unless DATABASE_URL is set).
import { prepareDatabase } from "@/lib/setup/prepare";

const prepared = await prepareDatabase((line) => console.log(`[keydesk] ${line}`));
await prepared.stop();
