import { NextResponse } from "next/server";
import { restHandler } from "@/server/rest/envelope";
import { openApiDocument } from "@/server/rest/openapi";

// GET /api/v1/openapi.json: the OpenAPI 3.1 document (public, no key). The document itself,
// not wrapped in the envelope, so tools can load it directly.
export const GET = restHandler(async () =>
  NextResponse.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }),
  { route: "/openapi.json" },
);
