import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { apiKeyScopeSchema } from "./api-key-scopes";

export const KEY_PREFIX = "ll_live_";
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export const MAX_RATE_LIMIT_PER_MINUTE = 100_000;

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "a name is required").max(100),
  scopes: z.array(apiKeyScopeSchema).max(10).default([]),
  rateLimitPerMinute: z.number().int().min(1).max(MAX_RATE_LIMIT_PER_MINUTE).optional(),
});

export type PublicApiKey = {
  id: string;
  name: string;
  prefix: string;
  last4: string;
  scopes: string[];
  rateLimitPerMinute: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

// 32 base62 characters: ~190 bits, unguessable; the prefix makes leaked keys greppable.
function generateKey(): string {
  const bytes = randomBytes(32);
  return KEY_PREFIX + Array.from(bytes, (b) => ALPHABET[b % 62]).join("");
}

export function toPublicApiKey(row: PublicApiKey & Record<string, unknown>): PublicApiKey {
  const { id, name, prefix, last4, scopes, rateLimitPerMinute, createdAt, lastUsedAt, revokedAt } = row;
  return { id, name, prefix, last4, scopes, rateLimitPerMinute, createdAt, lastUsedAt, revokedAt };
}

// Returns the key in clear exactly once; only its hash is stored.
export async function createApiKey(db: DbOrTx, actor: Actor, input: z.input<typeof createApiKeyInput>) {
  const data = createApiKeyInput.parse(input);
  const key = generateKey();
  const row = await db.apiKey.create({
    data: {
      businessId: actor.businessId,
      name: data.name,
      prefix: KEY_PREFIX,
      last4: key.slice(-4),
      hash: hashApiKey(key),
      scopes: data.scopes,
      rateLimitPerMinute: data.rateLimitPerMinute,
      createdById: actor.type === "USER" ? actor.id : null,
    },
  });
  await recordAudit(db, actor, { action: "api_key.created", targetType: "api_key", targetId: row.id, details: { name: data.name, scopes: data.scopes } });
  return { apiKey: toPublicApiKey(row), key };
}
