// GET /api/v1/openapi.json — the third-party API's OpenAPI 3.1 document (public).
import { env } from "@/server/env";
import { openApiDocument } from "@/server/third-party/openapi";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(openApiDocument(env().APP_URL), { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } });
}
