// Proves the hand-written migrations match schema.prisma: every model is written and read back
// through the generated client, with every column, enum, array, JSON field, default and relation.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";

const SETTINGS_ROW = {
  keyDefaultTtlDays: 90,
  keyMaxTtlDays: 90,
  keyAllowNoExpiry: false,
  userGrantableScopes: [],
  usersCanCreateKeys: true,
  idleKeyDays: 90,
  expiryWarningDays: 7,
};

describe("migrated database matches schema.prisma", () => {
  it("round-trips every model through the Prisma client", async () => {
    const user = await db.user.create({
      data: {
        email: "round@trip.test",
        name: "Round Trip",
        passwordHash: "hash",
        role: "ADMIN",
        disabled: true,
        lastLoginAt: new Date("2026-01-02T03:04:05.678Z"),
      },
      select: {
        id: true,
        email: true,
        name: true,
        passwordHash: true,
        role: true,
        disabled: true,
        createdAt: true,
        updatedAt: true,
        lastLoginAt: true,
        sessionVersion: true,
      },
    });
    expect(user).toMatchObject({
      email: "round@trip.test",
      name: "Round Trip",
      passwordHash: "hash",
      role: "ADMIN",
      disabled: true,
      sessionVersion: 0,
    });
    expect(user.lastLoginAt?.toISOString()).toBe("2026-01-02T03:04:05.678Z");
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);

    const key = await db.apiKey.create({
      data: {
        ownerId: user.id,
        name: "k",
        alias: "ci",
        start: "kd_123456789",
        hash: "a".repeat(64),
        scopes: ["keys:read", "admin"],
        ttlDays: 30,
        expiresAt: new Date("2027-01-01T00:00:00.000Z"),
        revokedAt: new Date("2026-06-01T00:00:00.000Z"),
        createdById: user.id,
      },
      select: {
        id: true,
        hash: true,
        scopes: true,
        ttlDays: true,
        alias: true,
        createdAt: true,
        owner: { select: { email: true } },
        createdBy: { select: { id: true } },
      },
    });
    expect(key).toMatchObject({
      hash: "a".repeat(64),
      scopes: ["keys:read", "admin"],
      ttlDays: 30,
      alias: "ci",
      owner: { email: "round@trip.test" },
      createdBy: { id: user.id },
    });

    const successor = await db.apiKey.create({
      data: {
        ownerId: user.id,
        name: "k2",
        start: "kd_abcdefghi",
        hash: "b".repeat(64),
        scopes: [],
        predecessorId: key.id,
      },
      select: { predecessor: { select: { id: true } } },
    });
    await db.apiKey.update({ where: { id: key.id }, data: { rolledAt: new Date("2026-06-02T00:00:00.000Z") } });
    expect(successor.predecessor).toEqual({ id: key.id });
    expect(
      await db.apiKey.findUniqueOrThrow({
        where: { id: key.id },
        select: { rolledAt: true, successor: { select: { name: true } } },
      }),
    ).toEqual({ rolledAt: new Date("2026-06-02T00:00:00.000Z"), successor: { name: "k2" } });

    // A new key's last-use row is the trigger's (migration key_last_used), not the client's.
    await db.keyLastUsed.update({
      where: { keyId: key.id },
      data: { lastUsedAt: new Date("2026-05-01T00:00:00.000Z") },
    });
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { lastUse: true } })).toEqual({
      lastUse: { keyId: key.id, ownerId: user.id, lastUsedAt: new Date("2026-05-01T00:00:00.000Z") },
    });

    const settings = await db.settings.create({
      data: {
        keyDefaultTtlDays: 30,
        keyMaxTtlDays: 90,
        keyAllowNoExpiry: true,
        userGrantableScopes: ["keys:read"],
        usersCanCreateKeys: false,
        idleKeyDays: 0,
        expiryWarningDays: 14,
      },
    });
    expect(settings).toMatchObject({
      id: 1,
      keyDefaultTtlDays: 30,
      keyMaxTtlDays: 90,
      keyAllowNoExpiry: true,
      userGrantableScopes: ["keys:read"],
      usersCanCreateKeys: false,
      idleKeyDays: 0,
      expiryWarningDays: 14,
    });

    const usage = await db.keyUsage.create({
      data: {
        keyId: key.id,
        hour: new Date("2026-06-01T10:00:00.000Z"),
        valid: 4,
        revoked: 3,
        expired: 2,
        ownerDisabled: 1,
      },
      select: {
        hour: true,
        valid: true,
        revoked: true,
        expired: true,
        ownerDisabled: true,
        keyId: true,
      },
    });
    expect(usage).toEqual({
      hour: new Date("2026-06-01T10:00:00.000Z"),
      valid: 4,
      revoked: 3,
      expired: 2,
      ownerDisabled: 1,
      keyId: key.id,
    });
    // One row per key and hour; a key's counts go with it.
    await expect(
      db.keyUsage.create({ data: { keyId: key.id, hour: new Date("2026-06-01T10:00:00.000Z") } }),
    ).rejects.toMatchObject({ code: "P2002" });

    const event = await db.auditEvent.create({
      data: {
        actorId: user.id,
        actorEmail: user.email,
        actorKeyId: key.id,
        action: "key.created",
        targetType: "key",
        targetId: key.id,
        ip: "::1",
        userAgent: "ua",
        details: { nested: { list: [1, "two", null] } },
      },
    });
    expect(event.details).toEqual({ nested: { list: [1, "two", null] } });

    const provider = await db.modelProvider.create({
      data: {
        userId: user.id,
        factory: "OpenAI",
        apiKeyEncrypted: "v1.x.y.z",
        apiKeyMasked: "sk-…abcd",
        baseUrl: "http://x",
        credentialSettings: { region: "us-east-1" },
        status: "unverified",
        lastCheckedAt: new Date("2026-12-02T01:02:03.456Z"),
        lastCheckOk: false,
        lastCheckMessage: "could not reach http://x",
        models: { create: [{ name: "gpt", type: "chat", maxTokens: 8, status: "active", usedTokens: 3 }] },
      },
      select: {
        id: true,
        status: true,
        credentialSettings: true,
        lastCheckedAt: true,
        lastCheckOk: true,
        lastCheckMessage: true,
        models: { select: { name: true, type: true, maxTokens: true, usedTokens: true } },
      },
    });
    expect(provider.models).toEqual([{ name: "gpt", type: "chat", maxTokens: 8, usedTokens: 3 }]);
    expect(provider).toMatchObject({
      credentialSettings: { region: "us-east-1" },
      lastCheckOk: false,
      lastCheckMessage: "could not reach http://x",
    });
    expect(provider.lastCheckedAt?.toISOString()).toBe("2026-12-02T01:02:03.456Z");

    const limit = await db.loginLimit.create({
      data: { key: "account:round@trip.test", hits: 3, resetAt: new Date("2026-01-02T03:19:05.678Z") },
    });
    expect(limit).toEqual({ key: "account:round@trip.test", hits: 3, resetAt: new Date("2026-01-02T03:19:05.678Z") });

    const defaults = await db.defaultModels.create({
      data: {
        userId: user.id,
        llmId: "gpt@OpenAI",
        embdId: "e@Builtin",
        asrId: null,
        img2txtId: "v@OpenAI",
        rerankId: "r@Builtin",
        ttsId: "t@OpenAI",
      },
    });
    expect(defaults).toMatchObject({
      llmId: "gpt@OpenAI",
      embdId: "e@Builtin",
      asrId: null,
      img2txtId: "v@OpenAI",
      rerankId: "r@Builtin",
      ttsId: "t@OpenAI",
    });
  });

  it("enforces the unique indexes and cascades of the schema", async () => {
    const owner = await db.user.create({ data: { email: "unique@trip.test" }, select: { id: true } });
    await expect(db.user.create({ data: { email: "unique@trip.test" } })).rejects.toMatchObject({ code: "P2002" });
    const base = { ownerId: owner.id, name: "k", start: "kd_x", scopes: [] };
    await db.apiKey.create({ data: { ...base, hash: "h1", alias: "same" } });
    await expect(db.apiKey.create({ data: { ...base, hash: "h2", alias: "same" } })).rejects.toMatchObject({
      code: "P2002",
    });
    await expect(db.apiKey.create({ data: { ...base, hash: "h1" } })).rejects.toMatchObject({ code: "P2002" });
    await db.modelProvider.create({ data: { userId: owner.id, factory: "Ollama" } });
    await expect(db.modelProvider.create({ data: { userId: owner.id, factory: "Ollama" } })).rejects.toMatchObject({
      code: "P2002",
    });
    const predecessor = await db.apiKey.create({ data: { ...base, hash: "h3" }, select: { id: true } });
    await db.apiKey.create({ data: { ...base, hash: "h4", predecessorId: predecessor.id } });
    await expect(
      db.apiKey.create({ data: { ...base, hash: "h5", predecessorId: predecessor.id } }),
    ).rejects.toMatchObject({ code: "P2002" });
    await db.keyUsage.create({ data: { keyId: predecessor.id, hour: new Date("2026-06-01T00:00:00.000Z"), valid: 1 } });
    await db.apiKey.delete({ where: { id: predecessor.id } });
    expect(await db.keyUsage.count({ where: { keyId: predecessor.id } })).toBe(0);
    expect(await db.apiKey.findUniqueOrThrow({ where: { hash: "h4" }, select: { predecessorId: true } })).toEqual({
      predecessorId: null,
    });
    // One row of settings at most (the CHECK refuses any other id), its default within its maximum.
    await db.settings.upsert({ where: { id: 1 }, create: SETTINGS_ROW, update: {} });
    await expect(db.settings.create({ data: { ...SETTINGS_ROW, id: 2 } })).rejects.toThrow(/settings_single_row/);
    await expect(db.settings.update({ where: { id: 1 }, data: { keyDefaultTtlDays: 91 } })).rejects.toThrow(
      /settings_default_within_max/,
    );
    await db.defaultModels.create({ data: { userId: owner.id } });
    await db.user.delete({ where: { id: owner.id } });
    expect(await db.apiKey.count({ where: { ownerId: owner.id } })).toBe(0);
    expect(await db.modelProvider.count({ where: { userId: owner.id } })).toBe(0);
    expect(await db.defaultModels.count({ where: { userId: owner.id } })).toBe(0);
  });

  it("omits the password hash and key hash unless a query asks for them", async () => {
    const user = await db.user.create({ data: { email: "omit@trip.test", passwordHash: "secret-hash" } });
    expect(user).not.toHaveProperty("passwordHash");
    const key = await db.apiKey.create({
      data: { ownerId: user.id, name: "k", start: "kd_x", hash: "hidden", scopes: [] },
    });
    expect(key).not.toHaveProperty("hash");
  });
});
