import { db } from "@/server/db/client";
import { getWidgetReferral } from "@/server/widget/get-widget-referral";
import { widgetPreflight } from "@/server/widget/widget-cors";
import { widgetRoute } from "@/server/widget/widget-route";

const route = "/api/widget/v1/{publicId}/referral";

// GET: the customer's referral code, their share link and how their referrals are going.
export const GET = widgetRoute({ route, customer: true }, async ({ actor, widget, customer }) => getWidgetReferral(db, actor, widget, customer!));
export const OPTIONS = widgetPreflight(route);
