// Links to the invoice list and an invoice's PDF, with the slugs of src/server/invoices/invoice-list-params.ts.
import { statusSlugs, type InvoiceListParams } from "@/server/invoices/invoice-list-params";

export function invoiceListHref(p: Partial<InvoiceListParams>): string {
  const sp = new URLSearchParams();
  if (p.tab === "unpaid") sp.set("flik", "obetalda");
  if (p.invoiceNumber) sp.set("nr", p.invoiceNumber);
  if (p.meteringPoint) sp.set("anl", p.meteringPoint);
  if (p.property) sp.set("fastighet", p.property);
  if (p.address) sp.set("adress", p.address);
  if (p.status) sp.set("status", statusSlugs[p.status]);
  if (p.from) sp.set("fran", p.from);
  if (p.to) sp.set("till", p.to);
  if (p.amountFrom) sp.set("belopp-fran", p.amountFrom);
  if (p.amountTo) sp.set("belopp-till", p.amountTo);
  if (p.customer) sp.set("kund", p.customer === "all" ? "alla" : p.customer);
  if (p.page && p.page > 1) sp.set("sida", String(p.page));
  const query = sp.toString();
  return query ? `/fakturor?${query}` : "/fakturor";
}

export const invoicePdfHref = (id: string, download = false) => `/api/fakturor/${id}/pdf${download ? "?ladda-ner=1" : ""}`;
