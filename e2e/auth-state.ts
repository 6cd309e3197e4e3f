// Where auth.setup.ts saves the signed-in admin. Specs import the path from here: Playwright
// refuses a spec that imports another test file, and auth.setup.ts is one.
export const ADMIN_STATE = "e2e/.auth/admin.json";
