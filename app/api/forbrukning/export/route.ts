// GET /api/forbrukning/export — consumption of the chosen installations, period and granularity as
// CSV or Excel. Thin: the shared route wrapper does session, zod and error mapping.
import { exportConsumption } from "@/server/consumption/export-consumption";
import { exportQueryInput, exportQuerySchema } from "@/server/consumption/schemas";
import { customerRoute, downloadHeaders } from "@/server/http/customer-route";

export const dynamic = "force-dynamic";

export const GET = customerRoute(exportQuerySchema, (url) => exportQueryInput(url.searchParams), async (input, actor) => {
  const file = await exportConsumption(actor, input);
  return new Response(file.body as BodyInit, { status: 200, headers: downloadHeaders(file.fileName, file.contentType) });
});
