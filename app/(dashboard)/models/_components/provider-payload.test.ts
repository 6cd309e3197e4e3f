import { describe, expect, it } from "vitest";
import type { FactoryChoice } from "./add-provider-form";
import { credentialErrorPath, providerPayload } from "./provider-payload";

const field = (name: string) => ({
  name,
  label: name,
  secret: true,
  required: true,
  placeholder: null,
  multiline: false,
});
const factory = (name: string, fields: string[]): FactoryChoice => ({
  name,
  self_hosted: false,
  default_base_url: null,
  check_protocol: "bearer-models",
  credential_fields: fields.map(field),
  configured: false,
});
const openAi = factory("OpenAI", ["api_key"]);
const bedrock = factory("Bedrock", ["access_key_id", "secret_access_key", "region"]);

describe("providerPayload", () => {
  it("sends a one-key factory's key as a string and leaves out what was not typed", () => {
    expect(
      providerPayload(openAi, {
        llm_factory: "OpenAI",
        base_url: undefined,
        credentials: { api_key: "sk-1" },
        models: null,
      }),
    ).toEqual({ llm_factory: "OpenAI", api_key: "sk-1" });
    expect(
      providerPayload(openAi, { llm_factory: "OpenAI", base_url: "", credentials: { api_key: " " }, models: null }),
    ).toEqual({ llm_factory: "OpenAI" });
  });

  it("sends several fields as one object, with only the chosen discovered models", () => {
    const payload = providerPayload(bedrock, {
      llm_factory: "Bedrock",
      base_url: "http://127.0.0.1:9",
      credentials: { access_key_id: "AKIA", secret_access_key: "s", region: undefined },
      models: [
        { name: "a", type: "chat", maxTokens: 10, selected: true },
        { name: "b", type: "rerank", maxTokens: 0, selected: false },
      ],
    });
    expect(payload).toEqual({
      llm_factory: "Bedrock",
      api_key: { access_key_id: "AKIA", secret_access_key: "s" },
      base_url: "http://127.0.0.1:9",
      models: [{ name: "a", type: "chat", max_tokens: 10 }],
    });
  });
});

describe("credentialErrorPath", () => {
  it("puts api_key errors on the input they name, else on the factory's first input", () => {
    expect(credentialErrorPath(openAi, "api_key")).toBe("credentials.api_key");
    expect(credentialErrorPath(bedrock, "api_key.region")).toBe("credentials.region");
    expect(credentialErrorPath(bedrock, "api_key")).toBe("credentials.access_key_id");
    expect(credentialErrorPath(bedrock, "base_url")).toBeUndefined();
    expect(credentialErrorPath(undefined, "api_key")).toBeUndefined();
  });
});
