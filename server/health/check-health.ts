import { db } from "../db/client";
import { AppError } from "../errors";

export type Health = { status: "ok"; database: "ok"; latencyMs: number };

// One round trip to the database; a load balancer takes the instance out on the 503.
export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    throw new AppError("SERVICE_UNAVAILABLE", "The database is unreachable.");
  }
  return { status: "ok", database: "ok", latencyMs: Math.round(performance.now() - started) };
}
