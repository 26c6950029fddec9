import { z } from "zod";
import { defineOperation } from "../operation";

export const healthOperation = defineOperation({
  method: "GET",
  path: "/health",
  tag: "Meta",
  summary: "Health check",
  description: "A database round trip; 503 SERVICE_UNAVAILABLE when the database is unreachable or saturated. No API key needed. For probes: liveness is /ping (never touches the database), readiness is /health/ready.",
  scope: null,
  response: z.object({ status: z.literal("ok"), database: z.literal("ok"), latencyMs: z.int() }),
  status: 200,
});

export const readinessOperation = defineOperation({
  method: "GET",
  path: "/health/ready",
  tag: "Meta",
  summary: "Readiness check",
  description:
    "200 when this instance can take traffic: the database answers and every migration is applied. 503 SERVICE_UNAVAILABLE, with the reason (unreachable, saturated, or which migrations are pending) and Retry-After, otherwise. No API key needed; no tenant data.",
  scope: null,
  response: z.object({ status: z.literal("ready"), migrations: z.int(), latencyMs: z.int() }),
  status: 200,
});

export const openApiOperation = defineOperation({
  method: "GET",
  path: "/openapi.json",
  tag: "Meta",
  summary: "This API's OpenAPI 3.1 document",
  description: "No API key needed. A browsable version lives at /docs.",
  scope: null,
  response: z.record(z.string(), z.unknown()),
  status: 200,
});

export const pingOperation = defineOperation({
  method: "GET",
  path: "/ping",
  tag: "Meta",
  summary: "Liveness",
  description: "Answers without touching the database. No API key needed.",
  scope: null,
  response: z.object({ pong: z.literal(true) }),
  status: 200,
});
