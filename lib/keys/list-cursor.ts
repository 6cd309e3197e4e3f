// The `cursor` of GET /keys (SPEC §4): an opaque token for the position after a page's last key,
// so the next page starts there through the sort's index at any depth. It holds the sort, the
// last key's sort value and its id (the tie-breaker). Free of server imports: the list query
// schema, which client components load, decodes it.
import { z } from "zod";

export type KeyCursor = {
  sort: string;
  /** The last key's sort value: a name, an ISO time, or null for a never-used or never-expiring key. */
  value: string | null;
  id: string;
};

const cursorSchema = z.strictObject({
  s: z.string().max(20),
  v: z.union([z.string().max(200), z.null()]),
  i: z.string().min(1).max(64),
});

const toBase64Url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");

function fromBase64Url(token: string): string {
  const binary = atob(token.replaceAll("-", "+").replaceAll("_", "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeKeyCursor(cursor: KeyCursor): string {
  return toBase64Url(JSON.stringify({ s: cursor.sort, v: cursor.value, i: cursor.id }));
}

/** The position a token names, or null for anything that is not a token next_cursor gave out. */
export function decodeKeyCursor(token: string): KeyCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(fromBase64Url(token)));
    if (!parsed.success) return null;
    const { s, v, i } = parsed.data;
    // Times go into SQL as timestamps: anything else here was not written by encodeKeyCursor.
    if (s.replace(/^-/, "") !== "name" && v !== null && !z.iso.datetime().safeParse(v).success) return null;
    return { sort: s, value: v, id: i };
  } catch {
    return null;
  }
}
