// A database that is down or drops a connection answers 503 with Retry-After, never a 500:
// a client retries, a load balancer moves traffic.
import { freePort } from "../server/db/embedded-postgres";
import { describe, expect, it } from "vitest";
import { GET as health } from "../app/api/v1/health/route";
import { GET as balance } from "../app/api/v1/points/balance/route";
import { POST as award } from "../app/api/v1/points/award/route";
import { authorizeCredentials } from "../server/auth/authorize-credentials";
import { SignInUnavailable } from "../server/auth/sign-in-throttle";
import { createDb, db } from "../server/db/client";
import { toAppError } from "../server/errors";
import { call } from "./api";
import { expectUnavailable, shopWithCustomer } from "./unavailable";

describe("a database that is down", () => {
  it("answers 503 with Retry-After from routes and /health when the server refuses connections", async () => {
    const shop = await shopWithCustomer("down@example.com");
    const global = globalThis as unknown as { __loyaltyDb?: typeof db };
    const live = global.__loyaltyDb;
    const url = new URL(process.env.DATABASE_URL!);
    url.host = `127.0.0.1:${await freePort()}`;
    url.search = ""; // no Unix socket: TCP to the closed port
    global.__loyaltyDb = createDb(url.toString(), 2);
    try {
      expectUnavailable(await call("GET", balance, { key: shop.key, query: { customerId: shop.customerId } }));
      expectUnavailable(await call("POST", award, { key: shop.key, body: { customerId: shop.customerId, amount: 1 } }));
      const check = await call("GET", health);
      expectUnavailable(check);
      expect(check.json.error).toMatch(/unreachable/);
      // Sign-in says "try again", not "wrong password", when it can't look the account up.
      const signIn = await authorizeCredentials(global.__loyaltyDb, { email: "down@example.com", password: "whatever-it-is" }, "192.0.2.77").catch((e: unknown) => e);
      expect(signIn).toBeInstanceOf(SignInUnavailable);
    } finally {
      await global.__loyaltyDb.$disconnect();
      global.__loyaltyDb = live;
    }
    expect((await call("GET", balance, { key: shop.key, query: { customerId: shop.customerId } })).data.balance).toBe(10);
  });

  it("answers 503 when the server ends a connection mid-transaction (shutdown, failover)", async () => {
    const error = await db
      .$transaction(async (tx) => {
        await tx.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`;
      })
      .catch((e: unknown) => e);
    const appError = toAppError(error);
    expect(appError.status).toBe(503);
    expect(appError.headers?.["Retry-After"]).toMatch(/^\d+$/);
  });
});
