import { db } from "@/server/db/client";
import { listWidgetRewards } from "@/server/widget/list-widget-activity";
import { widgetPreflight } from "@/server/widget/widget-cors";
import { widgetRoute } from "@/server/widget/widget-route";
import { widgetPageInput } from "@/server/widget/widget-schemas";

const route = "/api/widget/v1/{publicId}/rewards";

// GET ?page=&perPage=: the rewards the customer can redeem now, cheapest first.
export const GET = widgetRoute({ route, customer: true, query: widgetPageInput }, async ({ actor, customer, query }) => listWidgetRewards(db, actor, customer!, query));
export const OPTIONS = widgetPreflight(route);
