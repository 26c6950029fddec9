import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DEFAULT_PER_PAGE, pagedBy, pagination, pagingShape } from "./paging";

const list = z.object({ ...pagingShape, q: z.string().optional() }).transform(pagedBy);

describe("pagedBy", () => {
  it("defaults to page 1 of 25 and coerces query strings", () => {
    expect(list.parse({})).toEqual({ page: 1, perPage: DEFAULT_PER_PAGE });
    expect(list.parse({ page: "3", perPage: "100", q: "x" })).toEqual({ page: 3, perPage: 100, q: "x" });
  });

  it("takes limit as perPage's older name, and both when they agree", () => {
    expect(list.parse({ limit: "10" })).toEqual({ page: 1, perPage: 10 });
    expect(list.parse({ limit: "10", perPage: "10" })).toEqual({ page: 1, perPage: 10 });
  });

  it("refuses both names with different values, more than 100 per page, and page 0", () => {
    const conflict = list.safeParse({ limit: "10", perPage: "20" });
    expect(conflict.error?.issues[0]).toMatchObject({ path: ["limit"], message: "is the older name of perPage; send one of them" });
    expect(list.safeParse({ perPage: "101" }).error?.issues[0]?.message).toBe("at most 100 per page");
    expect(list.safeParse({ limit: "101" }).success).toBe(false);
    expect(list.safeParse({ page: "0" }).success).toBe(false);
  });
});

describe("pagination", () => {
  it("counts pages, 0 for an empty list", () => {
    expect(pagination(2, 10, 31)).toEqual({ page: 2, perPage: 10, total: 31, totalPages: 4 });
    expect(pagination(1, 25, 0)).toEqual({ page: 1, perPage: 25, total: 0, totalPages: 0 });
  });
});
