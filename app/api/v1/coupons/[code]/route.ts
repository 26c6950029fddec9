import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { getCouponOperation } from "@/server/rest/operations/rewards-operations";
import { getCoupon } from "@/server/rewards/manage-coupons";

// GET /api/v1/coupons/{code}: is this code good to honour?
export const GET = apiRoute(getCouponOperation, async ({ actor, params }) => getCoupon(db, actor, params));
