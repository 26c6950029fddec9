// A product as the API and the portal show it, and the comparison an upsert makes: only the
// fields a request names and that differ are written, so a replay writes (and audits) nothing.
import type { Product } from "../db/generated/client";
import type { ProductFields } from "./product-schemas";

export type PublicProduct = Pick<Product, "id" | "externalId" | "sku" | "name" | "category" | "priceMinor" | "excluded" | "active" | "createdAt" | "updatedAt">;

export const toPublicProduct = ({ id, externalId, sku, name, category, priceMinor, excluded, active, createdAt, updatedAt }: Product): PublicProduct => ({
  id, externalId, sku, name, category, priceMinor, excluded, active, createdAt, updatedAt,
});

export const PRODUCT_FIELDS = ["name", "sku", "category", "priceMinor", "excluded", "active"] as const;
type Changes = Partial<Pick<Product, (typeof PRODUCT_FIELDS)[number]>>;

// The sent fields whose value differs from the stored one; null when none does.
export function productChanges(current: Product, fields: Omit<ProductFields, "externalId">): Changes | null {
  const changes: Record<string, unknown> = {};
  for (const key of PRODUCT_FIELDS) {
    const value = fields[key];
    if (value !== undefined && value !== current[key]) changes[key] = value;
  }
  return Object.keys(changes).length ? (changes as Changes) : null;
}
