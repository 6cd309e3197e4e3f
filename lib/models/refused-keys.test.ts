import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addProvider, allowPrivateProviderNetworks, newUser, providerRows } from "@/tests/support/models";
import { ADDABLE_FACTORIES, type Factory } from "./catalog";
import { credentialPath, keyField } from "./credentials";
import { startFakeProviderServer, type FakeProviderServer } from "./fake-provider-server";

// Issue 12, item 5, for every factory of the catalog: a key its provider refuses is a 400 that says
// the key was refused, placed at the key field, and nothing is saved.

allowPrivateProviderNetworks();

const WRONG = "wrong-key-0123456789abcdef";
const OTHER_PEM = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();
const PUBLIC_PEM = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .publicKey.export({ type: "spki", format: "pem" })
  .toString();

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await startFakeProviderServer({
    acceptKey: "the-right-key-0123456789",
    acceptSecret: "the-right-secret-0123456789",
    referenceId: "voice-1",
    endpointId: "ep-good",
    googlePublicKey: PUBLIC_PEM,
    googleClientEmail: "sa@example.iam.gserviceaccount.com",
  });
});
afterAll(() => fake.close());

/** Protocols whose paths sit at the server root rather than under /v1. */
const AT_ROOT = new Set([
  "azure-openai",
  "bedrock-sigv4",
  "baidu-oauth",
  "google-service-account",
  "tencent-tc3",
  "ollama-tags",
]);

function wrongCredentials(factory: Factory): Record<string, string> {
  const sample: Record<string, string> = {
    region: "us-east-1",
    api_version: "2024-10-21",
    endpoint: fake.origin,
    reference_id: "voice-1",
    endpoint_id: "ep-good",
    project_id: "keydesk",
    provider_order: "openai",
    service_account_json: JSON.stringify({
      type: "service_account",
      client_email: "sa@example.iam.gserviceaccount.com",
      private_key: OTHER_PEM,
    }),
  };
  return Object.fromEntries(
    factory.credentialFields.map((field) => [
      field.name,
      field.secret && field.format !== "service-account" ? WRONG : (sample[field.name] ?? WRONG),
    ]),
  );
}

describe("a refused key, for every factory", () => {
  it.each(ADDABLE_FACTORIES.map((factory) => [factory.name, factory] as const))(
    "%s says its key was refused, at the key field",
    async (_, factory) => {
      const { user, key } = await newUser();
      const credentials = wrongCredentials(factory);
      const single = factory.credentialFields.length === 1 && factory.credentialFields[0].name === "api_key";
      const baseUrl =
        AT_ROOT.has(factory.check.kind) ||
        (factory.check.kind === "bearer-get" && factory.check.path.startsWith("/model/"))
          ? fake.origin
          : fake.url;
      const response = await addProvider(key, {
        llm_factory: factory.name,
        api_key: single ? credentials.api_key : credentials,
        base_url: baseUrl,
      });
      const field = keyField(factory);
      expect(field).toBeDefined();
      expect(response.status).toBe(400);
      expect(response.message.startsWith(`${factory.name} refused the ${field?.label}: `)).toBe(true);
      expect(Object.keys(response.data.fields)).toEqual([credentialPath(factory, field?.name ?? "")]);
      expect(JSON.stringify(response)).not.toContain(WRONG);
      expect(await providerRows(user.id)).toEqual([]);
    },
  );
});
