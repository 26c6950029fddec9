import { db } from "@/server/db/client";
import { getWidgetMember } from "@/server/widget/get-widget-member";
import { widgetPreflight } from "@/server/widget/widget-cors";
import { widgetRoute } from "@/server/widget/widget-route";

const route = "/api/widget/v1/{publicId}/me";

// GET: the token's customer's balance, pending points and tier progress; member: false for
// someone who is not a customer yet.
export const GET = widgetRoute({ route, customer: true }, async ({ actor, customer }) => getWidgetMember(db, actor, customer!));
export const OPTIONS = widgetPreflight(route);
