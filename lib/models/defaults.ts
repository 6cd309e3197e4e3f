import "server-only";
import { badRequest } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { requireScope, type Caller } from "@/lib/auth/caller";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { findFactory } from "./catalog";
import {
  BUILTIN_FACTORY,
  DEFAULT_FIELDS,
  DEFAULT_FIELD_NAMES,
  parseModelId,
  type DefaultField,
  type ModelType,
} from "./model-types";
import type { SetDefaultsInput } from "./schemas";

/** GET/POST /models/default: the six fields, null where unset. */
export type DefaultsDto = Record<DefaultField, string | null>;
export type DefaultModelRef = { name: string; factory: string; type: ModelType };
type Tx = Prisma.TransactionClient;

const COLUMNS = {
  llm_id: "llmId",
  embd_id: "embdId",
  asr_id: "asrId",
  img2txt_id: "img2txtId",
  rerank_id: "rerankId",
  tts_id: "ttsId",
} as const satisfies Record<DefaultField, keyof Prisma.DefaultModelsUncheckedUpdateInput>;

const defaultsSelect = {
  llmId: true,
  embdId: true,
  asrId: true,
  img2txtId: true,
  rerankId: true,
  ttsId: true,
} as const;
type DefaultsRow = Prisma.DefaultModelsGetPayload<{ select: typeof defaultsSelect }>;

type Columns = Partial<Record<(typeof COLUMNS)[DefaultField], string | null>>;

function toDto(row: DefaultsRow | null): DefaultsDto {
  return {
    llm_id: row?.llmId ?? null,
    embd_id: row?.embdId ?? null,
    asr_id: row?.asrId ?? null,
    img2txt_id: row?.img2txtId ?? null,
    rerank_id: row?.rerankId ?? null,
    tts_id: row?.ttsId ?? null,
  };
}

/** Only the given fields, so an update leaves the others alone. */
function toColumns(values: Partial<DefaultsDto>): Columns {
  const data: Columns = {};
  for (const field of DEFAULT_FIELD_NAMES) if (values[field] !== undefined) data[COLUMNS[field]] = values[field];
  return data;
}

/**
 * Serialises changes to one user's providers and defaults. Without it, setDefaults could check a
 * model while a concurrent removal deletes it, and store a default that points at nothing.
 * NO KEY UPDATE conflicts with itself but not with inserts that reference the user row.
 */
export async function lockModelSettings(tx: Tx, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM users WHERE id = ${userId} FOR NO KEY UPDATE`;
}

/** Clears every default whose model matches; returns the cleared fields. Call under lockModelSettings. */
export async function clearDefaults(
  tx: Tx,
  userId: string,
  matches: (model: DefaultModelRef) => boolean,
): Promise<DefaultField[]> {
  const current = toDto(await tx.defaultModels.findUnique({ where: { userId }, select: defaultsSelect }));
  const cleared = DEFAULT_FIELD_NAMES.filter((field) => {
    const parsed = current[field] ? parseModelId(current[field]) : null;
    return parsed !== null && matches({ ...parsed, type: DEFAULT_FIELDS[field] });
  });
  if (cleared.length > 0) {
    const values: Partial<DefaultsDto> = {};
    for (const field of cleared) values[field] = null;
    await tx.defaultModels.update({ where: { userId }, data: toColumns(values) });
  }
  return cleared;
}

async function configuredModels(tx: Tx, userId: string): Promise<DefaultModelRef[]> {
  const rows = await tx.providerModel.findMany({
    where: { provider: { userId } },
    select: { name: true, type: true, provider: { select: { factory: true } } },
  });
  return rows.map((row) => ({ name: row.name, type: row.type, factory: row.provider.factory }));
}

/**
 * Why a model id cannot be the default for a type, or null when it can. Builtin models count as
 * configured for everyone; other factories' models must be among the user's provider models.
 * The reason starts with a fixed phrase so the page and CLI can show it as is.
 */
export function defaultProblem(id: string, type: ModelType, configured: readonly DefaultModelRef[]): string | null {
  const parsed = parseModelId(id);
  if (!parsed) return "malformed: expected name@Factory, such as gpt-4o@OpenAI";
  const { name, factory } = parsed;
  const catalogFactory = findFactory(factory);
  if (!catalogFactory) return `unknown model: there is no model factory named ${factory}`;
  const inCatalog = catalogFactory.models.filter((model) => model.name === name).map((model) => model.type);
  const available =
    factory === BUILTIN_FACTORY
      ? inCatalog
      : configured.filter((model) => model.factory === factory && model.name === name).map((model) => model.type);
  if (available.includes(type)) return null;
  const known = new Set([...available, ...inCatalog]);
  if (known.size > 0 && !known.has(type)) return `wrong type: expected ${type}, but ${id} is ${[...known].join(" / ")}`;
  if (known.has(type))
    return `not configured: ${name} is not among your ${factory} models; add it with the ${factory} provider first`;
  return `unknown model: ${factory} has no ${type} model named ${name}`;
}

export async function getDefaults(caller: Caller): Promise<DefaultsDto> {
  requireScope(caller, "models:read");
  return toDto(await db.defaultModels.findUnique({ where: { userId: caller.user.id }, select: defaultsSelect }));
}

/**
 * POST /models/default. All or nothing: every given field is checked before anything is written,
 * and the check and the write share one transaction under the user's lock.
 */
export async function setDefaults(caller: Caller, input: SetDefaultsInput): Promise<DefaultsDto> {
  requireScope(caller, "models:write");
  const given = DEFAULT_FIELD_NAMES.filter((field) => input[field] !== undefined);
  if (given.length === 0) {
    throw badRequest("Give at least one default model", {
      _: [`Set one or more of ${DEFAULT_FIELD_NAMES.join(", ")}`],
    });
  }
  const values: Partial<DefaultsDto> = {};
  for (const field of given) values[field] = input[field] || null;
  const userId = caller.user.id;

  return db.$transaction(async (tx) => {
    await lockModelSettings(tx, userId);
    const configured = await configuredModels(tx, userId);
    const problems: Record<string, string[]> = {};
    for (const field of given) {
      const id = values[field];
      const problem = id ? defaultProblem(id, DEFAULT_FIELDS[field], configured) : null;
      if (problem) problems[field] = [problem];
    }
    if (Object.keys(problems).length > 0) throw badRequest("Invalid default models: nothing was changed", problems);

    const before = toDto(await tx.defaultModels.findUnique({ where: { userId }, select: defaultsSelect }));
    const data = toColumns(values);
    const row = await tx.defaultModels.upsert({
      where: { userId },
      create: { userId, ...data },
      update: data,
      select: defaultsSelect,
    });
    const changed = given.filter((field) => before[field] !== values[field]);
    if (changed.length > 0) {
      const details = Object.fromEntries(changed.map((field) => [field, values[field] ?? null]));
      await recordAudit(
        caller,
        { action: "defaults.updated", target: { type: "user", id: userId }, details: { changed: details } },
        tx,
      );
    }
    return toDto(row);
  });
}
