// One paging convention for every list: `page` (from 1) and `perPage` (at most 100) in, the
// same `pagination` object out. `limit` was the customer list's name for perPage; integrations
// built on it keep working, so it stays accepted (and documented) as an alias.
import { z } from "zod";

export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 25;
const MAX_PAGE = 100_000;

const pageSize = z.coerce
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(MAX_PER_PAGE, `at most ${MAX_PER_PAGE} per page`);

// Spread into a list's input object; `pagedBy` then folds `limit` into `perPage`.
export const pagingShape = {
  page: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(MAX_PAGE)
    .default(1)
    .meta({ description: "Page number, from 1." }),
  perPage: pageSize.optional().meta({ description: `Items per page, 1-${MAX_PER_PAGE} (default ${DEFAULT_PER_PAGE}).` }),
  limit: pageSize.optional().meta({ description: "Older name of perPage, still accepted; send one or the other." }),
};

type PagingFields = { page: number; perPage?: number; limit?: number };

// A transform for a list's input: perPage from either name. Both at once must agree, or the
// caller can't know which one we went by.
export function pagedBy<T extends PagingFields>(value: T, ctx: z.RefinementCtx): Omit<T, "perPage" | "limit"> & { perPage: number } {
  const { perPage, limit, ...rest } = value;
  if (perPage !== undefined && limit !== undefined && perPage !== limit) {
    ctx.addIssue({ code: "custom", path: ["limit"], message: "is the older name of perPage; send one of them", input: limit });
  }
  return { ...rest, perPage: perPage ?? limit ?? DEFAULT_PER_PAGE };
}

export type Pagination = { page: number; perPage: number; total: number; totalPages: number };

export function pagination(page: number, perPage: number, total: number): Pagination {
  return { page, perPage, total, totalPages: Math.ceil(total / perPage) };
}

