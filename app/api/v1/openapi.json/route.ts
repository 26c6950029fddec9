import { NextResponse } from "next/server";
import { openApiDocument } from "@/server/rest/openapi";

// GET /api/v1/openapi.json: the OpenAPI 3.1 document (public, no key).
export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
