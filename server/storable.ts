// Text and dates Postgres can store. JSON lets a client send strings Postgres refuses (a NUL
// character, half a surrogate pair) and dates outside its range; validating them here turns
// what would be a database error into a 400 that names the field.
import { z } from "zod";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

const NOT_STORABLE = "must not contain NUL characters or broken Unicode";

export function storableText(max: number) {
  return z.string().trim().max(max).refine(isStorableText, NOT_STORABLE);
}

// Every string (keys included) anywhere inside a JSON value.
export function isStorableJson(value: unknown): boolean {
  if (typeof value === "string") return isStorableText(value);
  if (Array.isArray(value)) return value.every(isStorableJson);
  if (value && typeof value === "object") return Object.entries(value).every(([k, v]) => isStorableText(k) && isStorableJson(v));
  return true;
}

export const storableJsonMessage = NOT_STORABLE;

// Whether a JSON value has at most `levels` levels of arrays/objects; stops descending past
// the limit, so its own recursion stays shallow whatever it is handed.
export function nestsWithin(value: unknown, levels: number): boolean {
  if (!value || typeof value !== "object") return true;
  if (levels <= 0) return false;
  return (Array.isArray(value) ? value : Object.values(value)).every((v) => nestsWithin(v, levels - 1));
}

// Years 1970-9999: Postgres's timestamptz goes wider, but nothing in a loyalty programme
// happens outside this, and JS dates beyond year 9999 don't even serialise as ISO 8601.
// Only a string (or a Date, from our own callers) is a date: coercion alone read null as
// 1970-01-01, and true or a number as moments in 1970.
export const storableDate = z.preprocess(
  (value) => (typeof value === "string" || value instanceof Date ? value : "not a date"),
  z.coerce
    .date({ error: "must be a date (ISO 8601)" })
    .min(new Date("1970-01-01T00:00:00Z"), "must be in 1970 or later")
    .max(new Date("9999-12-31T23:59:59.999Z"), "must be before the year 10000"),
);
