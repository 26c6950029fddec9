// The widget API's inputs: small pages (a widget shows a handful of rows) and the idempotency
// key of a redemption. Validated by the route wrapper like the public API's.
import { z } from "zod";
import { AppError } from "../errors";
import { idempotencyKeySchema } from "../ledger/ledger-schemas";

export const MAX_WIDGET_PAGE = 50;

export const widgetPageInput = z.object({
  page: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(1000).default(1),
  perPage: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(MAX_WIDGET_PAGE, `at most ${MAX_WIDGET_PAGE} per page`).default(10),
});
export type WidgetPage = z.output<typeof widgetPageInput>;

export const widgetParams = z.object({ publicId: z.string().max(100) });
export const rewardIdParams = z.object({ publicId: z.string().max(100), rewardId: z.string().max(100) });

// The widget makes one key per click of "Redeem" and sends it again on a retry (the
// Idempotency-Key header, or this field): a double click or a retried request redeems once.
const redeemKey = idempotencyKeySchema.pipe(z.string().max(100, "must be at most 100 characters"));
export const widgetRedeemBody = z.object({ idempotencyKey: redeemKey.optional() });

export function redeemKeyOf(request: Request, body: z.output<typeof widgetRedeemBody>): string {
  const header = request.headers.get("idempotency-key");
  if (header !== null && body.idempotencyKey !== undefined && header !== body.idempotencyKey) {
    throw new AppError("VALIDATION_ERROR", "Invalid request: idempotencyKey differs from the Idempotency-Key header; send one of them.");
  }
  const key = header === null ? body.idempotencyKey : redeemKey.safeParse(header).data;
  if (!key) {
    throw new AppError("VALIDATION_ERROR", "Invalid request: a redemption needs an idempotency key (the Idempotency-Key header, 1-100 characters, one per click).");
  }
  return key;
}
