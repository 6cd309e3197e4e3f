import { badRequest } from "@/lib/api/errors";
import type { CredentialField, FieldFormat } from "./catalog/catalog-schema";
import type { Factory } from "./catalog";
import { isPlainHttpUrl } from "./schemas";
import { decryptSecret, encryptSecret, maskSecret } from "./secret-box";

// A factory's credentials: `api_key` as a string (the factory's one secret field), or an object of
// its credential fields. Secret fields are sealed together with the AES-256-GCM box; the others
// (region, endpoint, reference id, …) are settings, stored in clear and safe to show.

export type Credentials = Record<string, string>;
export type CredentialInput = string | Record<string, string> | undefined;

/** Where a field's error goes: `api_key` for one-field factories, `api_key.<field>` otherwise. */
export function credentialPath(factory: Factory, field: string): string {
  return isSingleKey(factory) ? "api_key" : `api_key.${field}`;
}

function isSingleKey(factory: Factory): boolean {
  return factory.credentialFields.length === 1 && factory.credentialFields[0].name === "api_key";
}

/** The field a refused key is reported at: the first secret one (the API key, access key id, …). */
export function keyField(factory: Factory): CredentialField | undefined {
  return factory.credentialFields.find((field) => field.secret);
}

function asObject(factory: Factory, input: CredentialInput): Record<string, string> {
  if (input === undefined) return {};
  if (typeof input !== "string") return input;
  const text = input.trim();
  if (text === "") return {};
  // The CLI and RAGFlow-style clients send several fields as one JSON string.
  if (!isSingleKey(factory) && text.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
        const entries = Object.entries(parsed).filter(
          (entry): entry is [string, string] => typeof entry[1] === "string",
        );
        return Object.fromEntries(entries);
      }
    } catch {
      // Not JSON after all: it is the key itself.
    }
  }
  const first = keyField(factory) ?? factory.credentialFields[0];
  return first ? { [first.name]: text } : {};
}

const FORMATS: Record<FieldFormat, { test: (value: string) => boolean; hint: string }> = {
  url: { test: isPlainHttpUrl, hint: "an http:// or https:// URL without a query string" },
  region: { test: (value) => /^[a-z]{2,}(-[a-z0-9]+){1,3}$/.test(value), hint: "a region such as us-east-1" },
  identifier: { test: (value) => /^[A-Za-z0-9._:-]{1,200}$/.test(value), hint: "letters, digits, . _ : -" },
  list: {
    test: (value) => value.split(",").every((item) => /^[A-Za-z0-9._/-]{1,100}$/.test(item.trim())),
    hint: "names separated by commas",
  },
  "service-account": { test: isServiceAccountJson, hint: "the JSON key file of a service account" },
};

export type ServiceAccount = { client_email: string; private_key: string; project_id?: string };

export function parseServiceAccount(value: string): ServiceAccount | null {
  try {
    const parsed: unknown = JSON.parse(value);
    if (!parsed || typeof parsed !== "object") return null;
    const record = parsed as Record<string, unknown>;
    if (typeof record.client_email !== "string" || typeof record.private_key !== "string") return null;
    if (!record.private_key.includes("PRIVATE KEY")) return null;
    return {
      client_email: record.client_email,
      private_key: record.private_key,
      ...(typeof record.project_id === "string" ? { project_id: record.project_id } : {}),
    };
  } catch {
    return null;
  }
}

function isServiceAccountJson(value: string): boolean {
  return parseServiceAccount(value) !== null;
}

/**
 * Checks the given credentials against the factory's fields; a 400 names each bad field and
 * never repeats a value. Unknown fields are refused so a typo is not silently dropped.
 */
export function parseCredentials(factory: Factory, input: CredentialInput): Credentials {
  const given = asObject(factory, input);
  const problems: Record<string, string[]> = {};
  const known = new Set(factory.credentialFields.map((field) => field.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) problems[`api_key.${name}`] = [`${factory.name} has no credential field ${name}`];
  }
  const values: Credentials = {};
  for (const field of factory.credentialFields) {
    const value = (given[field.name] ?? "").trim();
    const path = credentialPath(factory, field.name);
    if (value === "") {
      if (field.required) problems[path] = [`Required for ${factory.name}`];
      continue;
    }
    const format = field.format ? FORMATS[field.format] : undefined;
    if (value.length > 16_384) problems[path] = [`${field.label} is too long`];
    else if (format && !format.test(value)) problems[path] = [`${field.label} must be ${format.hint}`];
    else values[field.name] = value;
  }
  if (Object.keys(problems).length > 0) {
    const missingKey = Object.keys(given).length === 0;
    throw badRequest(
      missingKey ? `${factory.name} needs an API key` : `Check the ${factory.name} credentials`,
      problems,
    );
  }
  return values;
}

export type SealedCredentials = {
  apiKeyEncrypted: string | null;
  apiKeyMasked: string | null;
  credentialSettings: Record<string, string> | null;
};

function secretsOf(factory: Factory, credentials: Credentials): Credentials {
  return Object.fromEntries(
    factory.credentialFields
      .filter((field) => field.secret && credentials[field.name])
      .map((field) => [field.name, credentials[field.name]]),
  );
}

/** One factory key stays a plain string in the box (as before fields existed); several go as JSON. */
export function sealCredentials(factory: Factory, credentials: Credentials, key: Buffer | null): SealedCredentials {
  const secrets = secretsOf(factory, credentials);
  const settings = Object.fromEntries(
    factory.credentialFields
      .filter((field) => !field.secret && credentials[field.name])
      .map((field) => [field.name, credentials[field.name]]),
  );
  const names = Object.keys(secrets);
  let sealed: string | null = null;
  if (names.length > 0 && key) {
    sealed = isSingleKey(factory) ? encryptSecret(secrets.api_key, key) : encryptSecret(JSON.stringify(secrets), key);
  }
  return {
    apiKeyEncrypted: sealed,
    apiKeyMasked: names.length > 0 ? maskedForm(factory, secrets) : null,
    credentialSettings: Object.keys(settings).length > 0 ? settings : null,
  };
}

function maskedForm(factory: Factory, secrets: Credentials): string {
  const field = factory.credentialFields.find((candidate) => candidate.secret && secrets[candidate.name]);
  if (!field) return "…";
  // A service account's key file is all secret but for its e-mail, which says which account it is.
  if (field.format === "service-account") return parseServiceAccount(secrets[field.name])?.client_email ?? "…";
  return maskSecret(secrets[field.name]);
}

/** The saved credentials again, for a re-check. */
export function openCredentials(
  factory: Factory,
  row: { apiKeyEncrypted: string | null; credentialSettings: unknown },
  key: Buffer | null,
): Credentials {
  const settings: Credentials = {};
  if (row.credentialSettings && typeof row.credentialSettings === "object") {
    for (const [name, value] of Object.entries(row.credentialSettings))
      if (typeof value === "string") settings[name] = value;
  }
  if (!row.apiKeyEncrypted || !key) return settings;
  const plain = decryptSecret(row.apiKeyEncrypted, key);
  if (isSingleKey(factory)) return { ...settings, api_key: plain };
  let secrets: unknown;
  try {
    secrets = JSON.parse(plain);
  } catch {
    // Saved before the factory had several fields: the plain key. (A parse error would quote it.)
    const first = keyField(factory);
    return first ? { ...settings, [first.name]: plain } : settings;
  }
  return { ...settings, ...(secrets && typeof secrets === "object" ? (secrets as Credentials) : {}) };
}

/** Every secret value, for scrubbing provider messages; a service account's private key as well. */
export function secretValues(factory: Factory, credentials: Credentials): string[] {
  const values = Object.values(secretsOf(factory, credentials));
  for (const field of factory.credentialFields) {
    if (field.format !== "service-account" || !credentials[field.name]) continue;
    const account = parseServiceAccount(credentials[field.name]);
    if (account) values.push(account.private_key);
  }
  return values.filter((value) => value.length >= 4);
}
