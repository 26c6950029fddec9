import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { useCouponOperation } from "@/server/rest/operations/rewards-operations";
import { useCoupon } from "@/server/rewards/manage-coupons";

// POST /api/v1/coupons/{code}/use: marks it used; idempotent.
export const POST = apiRoute(useCouponOperation, async ({ actor, params }) => useCoupon(db, actor, params));
