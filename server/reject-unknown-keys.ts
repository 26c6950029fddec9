// zod drops keys a schema doesn't name, so a misspelt filter (?statusFilter=) or field
// (customer_email) would be silently ignored and the request answered as if it weren't there:
// every customer listed, a field never stored. Requests are checked against the keys their
// schema names (aliases included, as they are part of the schema) before they are parsed.
import { z } from "zod";

type AnySchema = z.core.$ZodType;

// Schemas are built once at startup; requests only look their keys up.
const cache = new WeakMap<AnySchema, Set<string> | null>();

// The top-level keys a schema names: an object's shape, both sides of an intersection, every
// option of a union, the input side of a pipe. null when it takes any key (a record, a loose
// object) or can't tell (a preprocess step, which may rename keys before the schema sees them).
export function knownKeys(schema: AnySchema): Set<string> | null {
  let keys = cache.get(schema);
  if (keys === undefined) cache.set(schema, (keys = readKeys(schema)));
  return keys;
}

function readKeys(schema: AnySchema): Set<string> | null {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  switch (def.type) {
    case "object": {
      const catchall = def.catchall as AnySchema | undefined;
      if (catchall && catchall._zod.def.type !== "never") return null;
      return new Set(Object.keys((schema as z.ZodObject).shape));
    }
    case "intersection":
      return merge([def.left as AnySchema, def.right as AnySchema]);
    case "union":
      return merge(def.options as AnySchema[]);
    case "pipe":
      return knownKeys(def.in as AnySchema);
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      return knownKeys(def.innerType as AnySchema);
    default:
      return null;
  }
}

function merge(schemas: AnySchema[]): Set<string> | null {
  const all = new Set<string>();
  for (const schema of schemas) {
    const keys = knownKeys(schema);
    if (!keys) return null;
    for (const key of keys) all.add(key);
  }
  return all;
}

// Throws a ZodError (a 400 VALIDATION_ERROR wherever zod errors are answered) with one issue
// per key of `value` the schema doesn't name, each naming the key and what is accepted.
// `schema` undefined: nothing is accepted (an operation without query parameters).
export function rejectUnknownKeys(value: unknown, schema: AnySchema | undefined, noun: string): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return;
  const known = schema ? knownKeys(schema) : new Set<string>();
  if (!known) return;
  const unknown = Object.keys(value).filter((key) => !known.has(key));
  if (unknown.length === 0) return;
  const accepted = known.size ? `accepted: ${[...known].join(", ")}` : "none are accepted here";
  throw new z.ZodError(unknown.map((key) => ({ code: "custom" as const, path: [key], message: `unknown ${noun} (${accepted})`, input: undefined })));
}
