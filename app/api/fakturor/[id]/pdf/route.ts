// GET /api/fakturor/<id>/pdf — a copy of the invoice as PDF, shown in the browser (inline);
// ?ladda-ner=1 downloads it instead. Thin: the shared route wrapper does session, zod and error
// mapping; the server function scopes the invoice to the signed-in user (404 for anyone else's).
import { z } from "zod";
import { customerRoute, downloadHeaders } from "@/server/boundary/customer-route";
import { renderInvoicePdf } from "@/server/invoices/render-invoice-pdf";

export const dynamic = "force-dynamic";

const schema = z.object({
  // Any text: an id that is malformed, unknown or someone else's gets the same 404.
  id: z.string().max(100),
  download: z.boolean(),
});

export const GET = customerRoute(
  schema,
  (url) => ({ id: decodeURIComponent(url.pathname.split("/").at(-2) ?? ""), download: url.searchParams.get("ladda-ner") === "1" }),
  async (input, actor) => {
    const { body, fileName } = await renderInvoicePdf(actor, input.id);
    const headers = new Headers(downloadHeaders(fileName, "application/pdf"));
    if (!input.download) headers.set("Content-Disposition", headers.get("Content-Disposition")!.replace(/^attachment/, "inline"));
    return new Response(new Uint8Array(body), { status: 200, headers });
  },
);
