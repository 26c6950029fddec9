import { describe, expect, it } from "vitest";
import { toAppError } from "../errors";
import { databaseUnavailability } from "./unavailable-error";

const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code, severity: "ERROR" });
// How Prisma hands back a pg error through @prisma/adapter-pg.
const viaPrisma = (code: string) => Object.assign(new Error("prisma"), { code: "P2010", meta: { driverAdapterError: { cause: { originalCode: code, kind: "postgres" } } } });

describe("databaseUnavailability", () => {
  it.each([
    ["lock_timeout", pgError("55P03"), "busy"],
    ["statement_timeout", pgError("57014"), "busy"],
    ["too many connections", pgError("53300"), "busy"],
    ["admin shutdown", pgError("57P01"), "down"],
    ["starting up", pgError("57P03"), "down"],
    ["lock_timeout through Prisma", viaPrisma("55P03"), "busy"],
    ["too many connections through Prisma", Object.assign(new Error("p"), { meta: { driverAdapterError: { cause: { kind: "TooManyConnections" } } } }), "busy"],
    ["refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED", syscall: "connect" }), "down"],
    ["pool checkout", new Error("timeout exceeded when trying to connect"), "busy"],
    // Seen as 500s in a 100-request race when the pool was full (app/api/v1/rewards/redeem-race).
    ["a Prisma transaction that could not start in time", Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" }), "busy"],
    ["wrapped", new Error("outer", { cause: pgError("57014") }), "busy"],
  ])("%s", (_name, error, expected) => {
    expect(databaseUnavailability(error)).toBe(expected);
    expect(toAppError(error)).toMatchObject({ code: "SERVICE_UNAVAILABLE", status: 503, headers: { "Retry-After": "2" } });
  });

  it.each([
    ["unique violation", pgError("23505")],
    ["check violation", pgError("23514")],
    ["a bug", new TypeError("undefined is not a function")],
    ["a transaction used after it closed", Object.assign(new Error("Transaction API error: Transaction already closed: A commit cannot be executed on a closed transaction."), { code: "P2028" })],
    ["a file missing (no syscall connect)", Object.assign(new Error("ENOENT"), { code: "ENOENT" })],
  ])("leaves %s alone", (_name, error) => {
    expect(databaseUnavailability(error)).toBeUndefined();
    expect(toAppError(error).status).not.toBe(503);
  });
});
