import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { uploadCouponsOperation } from "@/server/rest/operations/rewards-operations";
import { uploadCoupons } from "@/server/rewards/upload-coupons";

// POST /api/v1/rewards/{id}/coupons: a POOL reward's codes, as JSON or text/csv.
export const POST = apiRoute(uploadCouponsOperation, async ({ actor, params, body }) => uploadCoupons(db, actor, { id: params.id, codes: body.codes }));
