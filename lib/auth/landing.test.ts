import { describe, expect, it } from "vitest";
import { landingPath } from "./landing";

describe("landingPath", () => {
  it("sends an admin to the admin area and a user to their keys", () => {
    expect(landingPath({ role: "ADMIN" })).toBe("/admin");
    expect(landingPath({ role: "USER" })).toBe("/keys");
  });
});
