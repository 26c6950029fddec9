import { db } from "@/server/db/client";
import { listWidgetHistory } from "@/server/widget/list-widget-activity";
import { widgetPreflight } from "@/server/widget/widget-cors";
import { widgetRoute } from "@/server/widget/widget-route";
import { widgetPageInput } from "@/server/widget/widget-schemas";

const route = "/api/widget/v1/{publicId}/history";

// GET ?page=&perPage=: the customer's points history, newest first.
export const GET = widgetRoute({ route, customer: true, query: widgetPageInput }, async ({ actor, customer, query }) => listWidgetHistory(db, actor, customer!, query));
export const OPTIONS = widgetPreflight(route);
