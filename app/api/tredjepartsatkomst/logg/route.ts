// GET /api/tredjepartsatkomst/logg — the sharing log (Delningslogg) as CSV or Excel, with the
// page's filters (?foretag=&anl=&kund=&fran=&till=&format=csv|xlsx&lang=sv|en). Thin: the shared
// route wrapper does session, zod and error mapping; the server function scopes the log to the
// signed-in user (someone else's installation or customer is 404).
import { z } from "zod";
import { customerRoute, downloadHeaders } from "@/server/boundary/customer-route";
import { exportDataDeliveries } from "@/server/third-party/export-data-deliveries";
import { deliveryFilterFields } from "@/server/third-party/list-data-deliveries";

export const dynamic = "force-dynamic";

const schema = z.object({
  ...deliveryFilterFields,
  format: z.enum(["csv", "xlsx"]).default("csv"),
  lang: z.enum(["sv", "en"]).default("sv"),
});

/** The page's Swedish parameter names; empty fields count as not given. */
const PARAMS = { foretag: "company", anl: "installation", kund: "customer", fran: "from", till: "to", format: "format", lang: "lang" } as const;

export const GET = customerRoute(
  schema,
  (url) => Object.fromEntries(Object.entries(PARAMS).flatMap(([param, key]) => (url.searchParams.get(param)?.trim() ? [[key, url.searchParams.get(param)!.trim()]] : []))),
  async ({ format, lang, ...filters }, actor) => {
    const file = await exportDataDeliveries(actor, filters, { format, lang });
    return new Response(file.body as BodyInit, { status: 200, headers: downloadHeaders(file.fileName, file.contentType) });
  },
);
