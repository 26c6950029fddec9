import { db } from "@/server/db/client";
import { getWidgetProgram } from "@/server/widget/get-widget-program";
import { widgetPreflight } from "@/server/widget/widget-cors";
import { widgetRoute } from "@/server/widget/widget-route";

const route = "/api/widget/v1/{publicId}/program";

// GET: the programme as anyone on the store's page may see it (no token): earning, tiers,
// rewards, referrals and the widget's look.
export const GET = widgetRoute({ route, customer: false }, async ({ widget }) => getWidgetProgram(db, widget));
export const OPTIONS = widgetPreflight(route);
