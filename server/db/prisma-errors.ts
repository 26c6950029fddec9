// Postgres/Prisma error classification, shared by every module that races on a unique key or
// reads a SQLSTATE our SQL functions raise.
type MaybeDbError = {
  code?: unknown;
  meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } };
  cause?: unknown;
};

const SQLSTATE = /^[0-9A-Z]{5}$/;

export function isUniqueViolation(error: unknown): boolean {
  return pgCode(error) === "23505" || (error as MaybeDbError)?.code === "P2002";
}

// The SQLSTATE behind an error from pg directly, or from Prisma through @prisma/adapter-pg
// (which nests it as meta.driverAdapterError.cause.originalCode).
export function pgCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as MaybeDbError;
    const adapter = e.meta?.driverAdapterError?.cause?.originalCode;
    if (typeof adapter === "string") return adapter;
    if (typeof e.meta?.code === "string" && SQLSTATE.test(e.meta.code)) return e.meta.code;
    if (typeof e.code === "string" && SQLSTATE.test(e.code)) return e.code;
    current = e.cause;
  }
  return undefined;
}

export function pgMessage(error: unknown): string {
  const e = error as MaybeDbError & { message?: string };
  const adapter = e.meta?.driverAdapterError?.cause?.originalMessage;
  return typeof adapter === "string" ? adapter : (e.message ?? "");
}
