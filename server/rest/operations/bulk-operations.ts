// The bulk endpoint's operation (see server/rest/operation.ts). Items are validated one by one
// inside runBulk, not by this body schema, so that one bad item fails alone; the item shapes
// are documented here from the same schemas the single-operation endpoints use.
import { z } from "zod";
import { adjustInput, awardInput, redeemInput, staffNameSchema } from "../../ledger/ledger-schemas";
import { bulkInput, MAX_BULK_OPERATIONS } from "../../ledger/run-bulk";
import { defineOperation } from "../operation";

const staff = { staff: staffNameSchema.optional() };
// Docs only: the shapes without their cross-field refinements, and metadata as a plain object
// (the recursive JSON type would need $defs, which can't live inside a path's schema).
const documented = (type: string, shape: z.ZodRawShape) =>
  z.object({ type: z.literal(type), ...shape, metadata: z.record(z.string(), z.unknown()).optional(), ...staff });
const { $schema: _dialect, ...itemJsonSchema } = z.toJSONSchema(
  z.union([documented("award", awardInput.shape), documented("redeem", redeemInput.shape), documented("adjust", adjustInput.shape)]),
  { io: "input", unrepresentable: "any" },
);

const itemResult = z.union([
  z.object({
    index: z.int(),
    success: z.literal(true),
    replayed: z.boolean().meta({ description: "True when the item's idempotencyKey was used before: data is then exactly the original answer." }),
    data: z.record(z.string(), z.unknown()).meta({ description: "What the single endpoint answers (LedgerResult)." }),
  }),
  z.object({ index: z.int(), success: z.literal(false), error: z.string(), code: z.string().meta({ example: "INSUFFICIENT_POINTS" }) }),
]);

export const bulkOperation = defineOperation({
  method: "POST",
  path: "/points/bulk",
  tag: "Points",
  summary: "Run many point operations",
  description:
    `Up to ${MAX_BULK_OPERATIONS.toLocaleString("en")} awards, redemptions and adjustments in one request, each shaped like the body of its ` +
    "own endpoint plus `type`. Every item succeeds or fails on its own and is idempotent by its own idempotencyKey, so a retried " +
    "batch replays what was done and retries only what failed. Items for the same customer run in the order listed. " +
    "Always 200 once the batch itself is valid; see each result's `success`.",
  scope: "points:write",
  body: bulkInput.extend({ operations: bulkInput.shape.operations.meta({ items: itemJsonSchema }) }),
  response: z.object({
    processed: z.int().meta({ description: "Items applied (or replayed)." }),
    failed: z.int().meta({ description: "Items refused; nothing was written for them." }),
    results: z.array(itemResult).meta({ description: "One per item, in request order." }),
  }),
  status: 200,
  example: {
    operations: [
      { type: "award", customerEmail: "ann@example.com", amount: 120, idempotencyKey: "order-1001" },
      { type: "redeem", customerEmail: "ann@example.com", amount: 100, idempotencyKey: "redeem-1001" },
      { type: "adjust", customerPhone: "+15550102000", points: -20, reason: "Returned item", idempotencyKey: "adj-9" },
    ],
  },
  errors: ["VALIDATION_ERROR"],
});
