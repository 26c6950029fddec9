import { z } from "zod";

// customers:erase is its own scope, not part of customers:write: erasure can't be undone and
// forfeits the customer's points, so a key that keeps a customer list in step can't do it.
// program:manage reads and changes the program's rules (earn rate, expiry, ...): an owner's
// decision, so no points or customers key can.
export const API_KEY_SCOPES = ["points:read", "points:write", "customers:read", "customers:write", "customers:erase", "webhooks:manage", "program:manage"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);

// A key created without scopes can do everything a key can (like a Stripe secret key);
// restricted keys list what they may do.
export function keyAllows(scopes: readonly string[], needed: ApiKeyScope): boolean {
  return scopes.length === 0 || scopes.includes(needed);
}

// Least privilege: a customer's name, email, phone and notes are answered only to keys that
// may read or write customers; a till's points key sees ids, balances and rewards.
export function keySeesPersonalData(scopes: readonly string[]): boolean {
  return keyAllows(scopes, "customers:read") || keyAllows(scopes, "customers:write");
}
