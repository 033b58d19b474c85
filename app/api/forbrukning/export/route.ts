// GET /api/forbrukning/export — consumption of the chosen installations, period and granularity as
// CSV or Excel, streamed. Thin: the shared route wrapper does session, zod and error mapping; this
// file only says how a refused export reaches the user.
import { exportNoticeHref } from "../../../(portal)/forbrukning/page-params";
import { translator } from "@/i18n/translator";
import { exportConsumption } from "@/server/consumption/export-consumption";
import { ExportRefusedError, type ExportRefusal } from "@/server/consumption/export-refused";
import { exportQueryInput, exportQuerySchema, quantityOfSlug, type ExportQuery } from "@/server/consumption/schemas";
import { customerRoute, downloadHeaders, isPageNavigation } from "@/server/boundary/customer-route";
import { problem } from "@/server/boundary/problem";

export const dynamic = "force-dynamic";

export const GET = customerRoute(exportQuerySchema, (url) => exportQueryInput(url.searchParams), async (input, actor, request) => {
  try {
    const file = await exportConsumption(actor, input);
    return new Response(file.body, { status: 200, headers: downloadHeaders(file.fileName, file.contentType) });
  } catch (error) {
    if (error instanceof ExportRefusedError) return refused(request, input, error.refusal);
    throw error;
  }
});

/**
 * A browser that followed the export form lands back on the consumption page with the message
 * (a JSON body would replace the page with code); a script gets 400 or 429 with a translated
 * message.
 */
async function refused(request: Request, query: ExportQuery, refusal: ExportRefusal): Promise<Response> {
  if (isPageNavigation(request)) {
    const state = {
      installations: query.installation,
      quantity: quantityOfSlug(query.quantity) ?? "ENERGY_KWH",
      granularity: query.granularity,
      from: query.from,
      to: query.to,
      previousYear: false,
      typical: null,
    };
    const page = exportNoticeHref(state, refusal.reason === "TOO_LARGE" ? "tooLarge" : "inProgress");
    return Response.redirect(new URL(page, request.url), 303);
  }
  const t = await translator(query.lang, "consumption");
  if (refusal.reason === "TOO_LARGE") {
    return problem(400, "EXPORT_TOO_LARGE", undefined, {
      body: { message: t("export.tooLarge", { rows: refusal.rows, max: refusal.maxRows }), rows: refusal.rows, maxRows: refusal.maxRows },
    });
  }
  return problem(429, "EXPORT_IN_PROGRESS", undefined, { body: { message: t("export.inProgress") }, headers: { "Retry-After": "10" } });
}
