// Where auth.setup.ts saves the signed-in admin. Specs import the path from here: Playwright
// refuses a spec that imports another test file, and auth.setup.ts is one.
// Named per run (the port), so two runs on one machine never overwrite each other's session.
export const ADMIN_STATE = `e2e/.auth/admin-${process.env.E2E_PORT}.json`;
