import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { shouldRetryQuery } from "./should-retry-query";

// The error a tRPC query rejects with, as the client builds it from the server's answer.
const clientError = (code: string, httpStatus: number, message: string) =>
  TRPCClientError.from({ error: { code: -32000, message, data: { code, httpStatus, path: "customers.get" } } });

describe("shouldRetryQuery", () => {
  it("never retries a 4xx: not found, forbidden, unauthorized, bad input, conflict", () => {
    expect(shouldRetryQuery(0, clientError("NOT_FOUND", 404, "No such customer in this business."))).toBe(false);
    expect(shouldRetryQuery(0, clientError("FORBIDDEN", 403, "Staff access required."))).toBe(false);
    expect(shouldRetryQuery(0, clientError("UNAUTHORIZED", 401, "Please sign in."))).toBe(false);
    expect(shouldRetryQuery(0, clientError("BAD_REQUEST", 400, "to: must be within 731 days of from"))).toBe(false);
    expect(shouldRetryQuery(0, clientError("CONFLICT", 409, "Already exists."))).toBe(false);
  });

  it("retries server errors and network failures twice", () => {
    const busy = clientError("SERVICE_UNAVAILABLE", 503, "The database is busy.");
    expect([0, 1, 2].map((n) => shouldRetryQuery(n, busy))).toEqual([true, true, false]);
    expect(shouldRetryQuery(0, clientError("INTERNAL_SERVER_ERROR", 500, "Something went wrong on our side."))).toBe(true);
    expect(shouldRetryQuery(0, new TypeError("Failed to fetch"))).toBe(true);
  });
});
