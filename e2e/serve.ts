// The e2e server: a clean embedded database every run, then exactly what `npm start` does.
import { rmSync } from "node:fs";

rmSync(process.env.KEYDESK_DATA_DIR ?? ".tmp/e2e-postgres", { recursive: true, force: true });
await import("../scripts/start");
