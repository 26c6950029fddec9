import { describe, expect, it } from "vitest";
import { connectionBudgetProblem, connectionsNeeded } from "./connection-budget";

const settings = { WEB_CONCURRENCY: 4, DATABASE_POOL_SIZE: 10, START_WORKER: true, WORKER_CONCURRENCY: 4 };

describe("connection budget", () => {
  it("counts each process's pool and listener, and the worker's pools", () => {
    expect(connectionsNeeded(settings)).toBe(4 * 11 + 10);
    expect(connectionsNeeded({ ...settings, START_WORKER: false })).toBe(44);
  });

  it("refuses more than the server allows, naming the settings to change", () => {
    expect(connectionBudgetProblem(settings, 54)).toBeNull();
    expect(connectionBudgetProblem(settings, 53)).toBe(
      "WEB_CONCURRENCY=4 app processes with DATABASE_POOL_SIZE=10 (plus the job worker) need up to 54 database connections, and the server allows 53. " +
        "Lower WEB_CONCURRENCY or DATABASE_POOL_SIZE, or raise Postgres's max_connections.",
    );
  });
});
