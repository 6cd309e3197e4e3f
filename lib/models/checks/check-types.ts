import type { Factory } from "../catalog";
import type { Credentials } from "../credentials";
import type { Resolver } from "../guarded-http";
import type { ModelType } from "../model-types";

export interface CheckContext {
  factory: Factory;
  credentials: Credentials;
  /** The factory's base URL after templating, or the user's base_url. */
  baseUrl: URL;
  timeoutMs: number;
  allowPrivate: boolean;
  resolve?: Resolver;
}

/** A model a server said it serves; `types` is empty when it did not say what kind. */
export type DiscoveredModel = { name: string; types: ModelType[]; maxTokens: number };

export type CheckFailureKind = "rejected" | "unreachable" | "bad_response" | "blocked";
/** `field` is the credential field the failure is about (the key, a reference id), when it is one. */
export type CheckFailure = { ok: false; kind: CheckFailureKind; message: string; field?: string };
export type CheckResult = { ok: true; message: string; models: DiscoveredModel[] | null } | CheckFailure;

export type Check = (context: CheckContext) => Promise<CheckResult>;
