import { describe, expect, it } from "vitest";
import { auditDetails, auditPhrase } from "./describe";

describe("auditPhrase", () => {
  it("reads an action as a verb and the kind of thing acted on", () => {
    expect(auditPhrase("key.revoked")).toEqual({ verb: "revoked", noun: "key" });
    expect(auditPhrase("auth.login")).toEqual({ verb: "signed in", noun: null });
    expect(auditPhrase("settings.updated")).toEqual({ verb: "changed the key policies", noun: null });
  });

  it("keeps an unknown action's own name", () => {
    // An action a newer server records, which this build has no words for.
    expect(auditPhrase("key.archived")).toEqual({ verb: "key.archived", noun: null });
  });
});

describe("auditDetails", () => {
  it("labels each recorded value and writes lists and flags as text", () => {
    expect(
      auditDetails({ owner_id: "u1", scopes: ["keys:read", "keys:write"], renewed: false, changed: { llm_id: "a" } }),
    ).toEqual([
      { label: "Owner", value: "u1" },
      { label: "Scopes", value: "keys:read, keys:write" },
      { label: "Renewed", value: "no" },
      { label: "Changed", value: "Llm id: a" },
    ]);
  });

  it("has nothing to show for no details", () => {
    expect(auditDetails(null)).toEqual([]);
    expect(auditDetails(["not", "an", "object"])).toEqual([]);
  });
});
