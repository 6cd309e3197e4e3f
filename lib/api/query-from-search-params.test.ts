import { describe, expect, it } from "vitest";
import { queryFromSearchParams } from "@/lib/api/query-from-search-params";
import { listUsersQuerySchema } from "@/lib/users/schemas";

const DEFAULTS = { page: 1, per_page: 20, sort: "-created_at" };

describe("queryFromSearchParams", () => {
  it("parses a valid query with the API's own schema", () => {
    expect(
      queryFromSearchParams(listUsersQuerySchema, {
        page: "2",
        per_page: "50",
        q: " ann ",
        role: "ADMIN",
        disabled: "true",
        sort: "email",
      }),
    ).toEqual({
      page: 2,
      per_page: 50,
      q: "ann",
      role: "ADMIN",
      disabled: true,
      sort: "email",
    });
  });

  it("drops each invalid value on its own and keeps the rest", () => {
    expect(
      queryFromSearchParams(listUsersQuerySchema, {
        page: "abc",
        q: "ann",
        role: "OWNER",
        disabled: "maybe",
        sort: "name",
      }),
    ).toEqual({ ...DEFAULTS, q: "ann" });
  });

  it("ignores unknown params, empty values and repeats beyond the first", () => {
    expect(
      queryFromSearchParams(listUsersQuerySchema, {
        status: "active",
        q: "",
        role: ["USER", "ADMIN"],
        page: undefined,
      }),
    ).toEqual({ ...DEFAULTS, role: "USER" });
  });

  it("falls back to the defaults for an empty query", () => {
    expect(queryFromSearchParams(listUsersQuerySchema, {})).toEqual(DEFAULTS);
  });
});
