import { describe, expect, it } from "vitest";
import type { DefaultsDto } from "@/lib/models/defaults";
import type { ModelsByFactory } from "@/lib/models/service";
import { defaultFormValues, defaultOptions } from "./model-options";

const none: DefaultsDto = {
  llm_id: null,
  embd_id: null,
  asr_id: null,
  img2txt_id: null,
  rerank_id: null,
  tts_id: null,
};
const models: ModelsByFactory = {
  Builtin: {
    tags: "LLM,TEXT EMBEDDING",
    llm: [
      { type: "chat", name: "builtin-chat", used_token: 0 },
      { type: "embedding", name: "builtin-embedding", used_token: 0 },
    ],
  },
  OpenAI: {
    tags: "LLM",
    llm: [
      { type: "chat", name: "gpt-4o", used_token: 0 },
      { type: "image2text", name: "gpt-4o", used_token: 0 },
    ],
  },
};

describe("defaultOptions", () => {
  it("offers each field only its type's models, grouped by factory, as name@Factory", () => {
    const options = defaultOptions(models, none);
    expect(options.llm_id).toEqual([
      { factory: "Builtin", options: [{ id: "builtin-chat@Builtin", name: "builtin-chat" }] },
      { factory: "OpenAI", options: [{ id: "gpt-4o@OpenAI", name: "gpt-4o" }] },
    ]);
    expect(options.img2txt_id).toEqual([{ factory: "OpenAI", options: [{ id: "gpt-4o@OpenAI", name: "gpt-4o" }] }]);
    expect(options.embd_id.map((group) => group.factory)).toEqual(["Builtin"]);
    expect(options.tts_id).toEqual([]);
  });

  it("keeps a saved default that is no longer offered visible instead of showing None", () => {
    const options = defaultOptions(models, { ...none, tts_id: "tts-1@OpenAI" });
    expect(options.tts_id).toEqual([
      { factory: "Unavailable", options: [{ id: "tts-1@OpenAI", name: "tts-1@OpenAI (no longer available)" }] },
    ]);
  });
});

describe("defaultFormValues", () => {
  it("uses the empty string, the None option, for unset defaults", () => {
    expect(defaultFormValues({ ...none, llm_id: "gpt-4o@OpenAI" })).toEqual({
      llm_id: "gpt-4o@OpenAI",
      embd_id: "",
      asr_id: "",
      img2txt_id: "",
      rerank_id: "",
      tts_id: "",
    });
  });
});
