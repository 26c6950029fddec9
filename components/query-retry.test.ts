import { describe, expect, it } from "vitest";
import { shouldRetryQuery } from "./query-retry";

const withStatus = (httpStatus: number) => ({ message: "x", data: { httpStatus } });

describe("shouldRetryQuery", () => {
  it("never retries a refusal: bad input, no access, not found, too many", () => {
    for (const status of [400, 401, 403, 404, 429]) expect(shouldRetryQuery(0, withStatus(status)), String(status)).toBe(false);
  });

  it("retries server errors and lost connections twice", () => {
    for (const error of [withStatus(500), withStatus(503), new TypeError("Failed to fetch")]) {
      expect(shouldRetryQuery(0, error)).toBe(true);
      expect(shouldRetryQuery(1, error)).toBe(true);
      expect(shouldRetryQuery(2, error)).toBe(false);
    }
  });
});
