// The OpenAPI 3.1 document, generated from the same Operation objects the route handlers
// validate with (server/rest/operations), so the docs can't drift from the code.
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { PERSONAL_DATA_NOTE } from "../customers/to-public-customer";
import { AppError } from "../errors";
import { documentedQuery, type Operation } from "./operation";
import { allOperations } from "./operations";
import { WEBHOOK_DELIVERY_RULES, webhookEnvelopes, webhookHeaders, type WebhookEventType } from "../webhooks/webhook-envelopes";

const errorSchema = z
  .object({ success: z.literal(false), error: z.string().meta({ description: "A sentence for humans." }), code: z.string().meta({ example: "INSUFFICIENT_POINTS" }) })
  .meta({ id: "Error" });

const ERROR_STATUSES: Record<string, string> = {
  "400": "Invalid request, including an unknown query parameter or body field (VALIDATION_ERROR, INVALID_JSON)",
  "401": "Missing, invalid or revoked API key (UNAUTHORIZED)",
  "403": "The key lacks the scope, or the customer is blocked (FORBIDDEN, CUSTOMER_BLOCKED)",
  "404": "Not found in this business",
  "409": "Conflict (CONFLICT, ALREADY_EXISTS, ALREADY_REVERSED, IDEMPOTENCY_IN_PROGRESS, OUT_OF_STOCK, REWARD_UNAVAILABLE, LIMIT_REACHED, COUPON_UNUSABLE)",
  "413": "Request body too large (PAYLOAD_TOO_LARGE)",
  "422": "Refused by the ledger (INSUFFICIENT_POINTS, IDEMPOTENCY_MISMATCH, NOT_REVERSIBLE)",
  "429": "Rate limited (RATE_LIMITED); see Retry-After",
};

function toOpenApi(operation: Operation): ZodOpenApiOperationObject {
  const errors = Object.fromEntries(
    Object.entries(ERROR_STATUSES).map(([status, description]) => [status, { description, content: { "application/json": { schema: errorSchema } } }]),
  );
  return {
    operationId: `${operation.method.toLowerCase()}${operation.path.replace(/[{}]/g, "").replace(/(^|[/-])(\w)/g, (_m, _s, c: string) => c.toUpperCase())}`,
    summary: operation.summary,
    // Points keys are the ones that reach customers without a customers scope.
    description: operation.scope?.startsWith("points:") ? [operation.description, PERSONAL_DATA_NOTE].filter(Boolean).join(" ") : operation.description,
    tags: [operation.tag],
    security: operation.scope ? [{ bearer: [] }, { apiKeyHeader: [] }] : [],
    "x-scope": operation.scope ?? undefined,
    requestParams: definedOnly({
      query: documentedQuery(operation),
      path: operation.params instanceof z.ZodObject ? operation.params : undefined,
    }),
    requestBody: operation.body
      ? {
          content: {
            "application/json": { schema: operation.body, example: operation.example },
            ...(operation.csvBody && { "text/csv": { schema: z.string().meta({ description: "One code per line; an optional header row naming a `code` column." }) } }),
          },
        }
      : undefined,
    responses: {
      [String(operation.status)]: {
        description: "Success",
        content: { "application/json": { schema: z.object({ success: z.literal(true), data: operation.response }) } },
      },
      ...errors,
    },
  };
}

// zod-openapi reads every key it is given, undefined or not.
function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// What we send to subscribed endpoints (OpenAPI 3.1 `webhooks`): one entry per event type.
function webhooks(): ZodOpenApiPathsObject {
  return Object.fromEntries(
    (Object.entries(webhookEnvelopes) as [WebhookEventType, (typeof webhookEnvelopes)[WebhookEventType]][]).map(([type, schema]) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace(".", "_")}`,
          summary: type,
          description: `${schema.description ?? ""} ${WEBHOOK_DELIVERY_RULES}`.trim(),
          tags: ["Webhook events"],
          requestParams: { header: webhookHeaders },
          requestBody: { content: { "application/json": { schema } } },
          responses: {
            "200": { description: "Received (any 2xx)." },
            "410": { description: "Gone: turns the endpoint off." },
          },
        },
      },
    ]),
  );
}

let cached: ReturnType<typeof createDocument> | undefined;

export function openApiDocument() {
  if (cached) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const operation of allOperations) {
    const item = (paths[operation.path] ??= {});
    const method = operation.method.toLowerCase() as "get";
    if (item[method]) throw new AppError("INTERNAL", `Two operations for ${operation.method} ${operation.path}`);
    item[method] = toOpenApi(operation);
  }
  cached = createDocument({
    openapi: "3.1.0",
    info: {
      title: "Loyalty Ledger API",
      version: "1.0.0",
      description:
        "Award, redeem, adjust, expire and reverse loyalty points; manage customers, badges and webhooks. " +
        "Writes take an idempotencyKey: a retry with the same key answers exactly the original body, with the header " +
        "Idempotent-Replayed: true.",
    },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Authorization: Bearer ll_live_..." },
        apiKeyHeader: { type: "apiKey", in: "header", name: "X-API-Key" },
      },
    },
    paths,
    webhooks: webhooks(),
  });
  return cached;
}
