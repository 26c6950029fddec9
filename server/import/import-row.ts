// One CSV row of a customer import, checked and normalised with the same rules as the API's
// customer fields, so an imported customer is found later by the same email or phone.
import { z } from "zod";
import { emailSchema, externalIdSchema, phoneSchema } from "../customers/customer-schemas";
import { MAX_POINTS_PER_OPERATION } from "../ledger/ledger-schemas";
import { storableText } from "../storable";

export type ImportField = "email" | "phone" | "external_id" | "name" | "birthday" | "opening_balance" | "tier";
export type RowError = { line: number; field: string; reason: string };
export type ImportRow = {
  email: string | null;
  phone: string | null;
  externalId: string | null;
  name: string | null;
  birthday: string | null;
  opening: number;
  tier: string | null;
};

// Header spellings people export from other systems: case, spaces, dashes and underscores
// don't matter ("External ID", "external_id", "externalId").
const HEADERS: Record<string, ImportField> = {
  email: "email",
  phone: "phone",
  externalid: "external_id",
  name: "name",
  birthday: "birthday",
  openingbalance: "opening_balance",
  balance: "opening_balance",
  tier: "tier",
};

// Maps the header row to fields; a column we don't know is refused (a typo would otherwise
// drop a whole column silently).
export function readHeader(header: string[]): { columns: (ImportField | null)[]; problems: string[] } {
  const problems: string[] = [];
  const seen = new Set<ImportField>();
  const columns = header.map((raw) => {
    const field = HEADERS[raw.toLowerCase().replace(/[\s_-]/g, "")];
    if (!field) problems.push(`unknown column "${raw}" (expected ${[...new Set(Object.values(HEADERS))].join(", ")})`);
    else if (seen.has(field)) problems.push(`column "${raw}" appears twice`);
    if (field) seen.add(field);
    return field ?? null;
  });
  if (!seen.has("email") && !seen.has("phone") && !seen.has("external_id")) problems.push("the file needs an email, phone or external id column");
  return { columns, problems };
}

const birthdaySchema = z.iso
  .date("must be a date as YYYY-MM-DD")
  .refine((d) => d >= "1900-01-01" && d <= new Date().toISOString().slice(0, 10), "must be between 1900 and today");
const openingSchema = z
  .string()
  .regex(/^\d+$/, "must be a whole number of points, 0 or more")
  .transform(Number)
  .pipe(z.number().max(MAX_POINTS_PER_OPERATION, `must be at most ${MAX_POINTS_PER_OPERATION}`));
const fieldSchemas = {
  email: emailSchema,
  phone: phoneSchema,
  external_id: externalIdSchema,
  name: storableText(200),
  birthday: birthdaySchema,
  opening_balance: openingSchema,
  tier: storableText(100),
} satisfies Record<ImportField, z.ZodType>;

export function readRow(line: number, columns: (ImportField | null)[], record: string[]): { row?: ImportRow; errors: RowError[] } {
  if (record.length !== columns.length) {
    return { errors: [{ line, field: "row", reason: `has ${record.length} columns, the header has ${columns.length}` }] };
  }
  const errors: RowError[] = [];
  const values: Partial<Record<ImportField, unknown>> = {};
  columns.forEach((field, i) => {
    const raw = record[i]!.trim();
    if (!field || raw === "") return;
    const parsed = fieldSchemas[field].safeParse(raw);
    if (parsed.success) values[field] = parsed.data;
    else errors.push({ line, field, reason: parsed.error.issues[0]?.message ?? "is not valid" });
  });
  if (errors.length) return { errors };
  if (values.email === undefined && values.phone === undefined && values.external_id === undefined) {
    return { errors: [{ line, field: "email", reason: "needs an email, phone or external id" }] };
  }
  const text = (v: unknown) => (v === undefined ? null : (v as string));
  return {
    errors,
    row: {
      email: text(values.email),
      phone: text(values.phone),
      externalId: text(values.external_id),
      name: text(values.name),
      birthday: text(values.birthday),
      opening: (values.opening_balance as number | undefined) ?? 0,
      tier: text(values.tier),
    },
  };
}
