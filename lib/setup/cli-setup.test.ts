// `keydesk setup` as an operator runs it: the real binary against this file's database.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyKey } from "@/lib/keys/verify";

const run = promisify(execFile);

function setup(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ["bin/keydesk.mjs", "setup", ...args], {
    env: { ...process.env, ADMIN_EMAIL: "Ops@Example.test", ADMIN_PASSWORD: "operator-password-1", ...env },
    timeout: 60_000,
  });
}

describe("keydesk setup", () => {
  it("creates the first admin once and prints an admin-scoped key only on stdout", async () => {
    const first = await setup(["--admin-key"]);
    expect(first.stderr).toContain("Created the first admin: ops@example.test");
    expect(first.stderr).not.toContain("operator-password-1");
    const secret = first.stdout.trim();
    expect(secret).toMatch(/^kd_[0-9A-Za-z]{38}$/);

    const admin = await db.user.findUniqueOrThrow({
      where: { email: "ops@example.test" },
      select: { id: true, role: true },
    });
    expect(admin.role).toBe("ADMIN");
    const verified = await verifyKey(secret);
    expect(verified).toMatchObject({
      valid: true,
      key: { ownerId: admin.id, scopes: expect.arrayContaining(["admin", "keys:write"]) },
    });

    const second = await setup([]);
    expect(second.stderr).toContain("Admin account exists (ops@example.test)");
    expect(second.stdout).toBe("");
    expect(await db.user.count({ where: { role: "ADMIN" } })).toBe(1);
    // Two runs of the binary (node, tsx, migrations, argon2): slow on a busy machine.
  }, 90_000);

  it("refuses an ADMIN_PASSWORD shorter than 12 characters", async () => {
    await db.user.deleteMany({});
    await expect(setup([], { ADMIN_PASSWORD: "short" })).rejects.toMatchObject({ code: 1 });
    expect(await db.user.count()).toBe(0);
  });
});
