import { main } from "@/lib/cli/main";

process.exitCode = await main(process.argv.slice(2));
