// One more app instance for the fault specs: server.ts from the production build, exactly as
// `npm start` serves it, on the DATABASE_URL it is given. start.ts's set-up steps (secrets,
// migrations, first admin, build) are the spec's business: it migrates once for all instances.
export {};

if (!process.env.DATABASE_URL?.includes("127.0.0.1"))
  throw new Error("e2e/serve-instance.ts only runs on a local throwaway database");
Object.assign(process.env, { NODE_ENV: "production" });
const { startServer } = await import("../server");
const server = await startServer({ port: Number(process.env.PORT) });
process.once("SIGTERM", () => {
  server.close().finally(() => process.exit(0));
});
console.log("instance ready");
