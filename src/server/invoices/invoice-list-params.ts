// Query parameters of the invoice list, Swedish slugs like the installation list:
//   ?flik=obetalda                      the "Obetalda fakturor" tab (default: all invoices)
//   &nr=  &anl=  &fastighet=  &adress=  invoice number, metering point, property name, address
//   &status=obetald|forfallen|betald|krediterad
//   &fran=YYYY-MM-DD&till=YYYY-MM-DD    invoice date, both days included
//   &belopp-fran=&belopp-till=          total incl. VAT in kronor/kroner/euro as typed ("1 250,50")
//   &kund=<customer id>|alla            &sida=N
// `anl` is the metering point id: the installation page links here with ?anl=<metering point>.
// Read by the list's view-model function (getInvoiceListView); no "server-only": the pages build
// their links with the same slugs (app/(portal)/fakturor/list-params.ts).
import { z } from "zod";
import { parseMajorAmount } from "@/domain/billing/amount-input";
import { firstParam, pageParam, type SearchParams } from "@/lib/search-params";
import type { InvoiceStatusFilter, ListInvoicesOptions } from "./list-invoices";

export type { SearchParams } from "@/lib/search-params";

export const statusSlugs: Record<InvoiceStatusFilter, string> = { unpaid: "obetald", overdue: "forfallen", paid: "betald", credited: "krediterad" };
const statusOfSlug = new Map(Object.entries(statusSlugs).map(([status, slug]) => [slug, status as InvoiceStatusFilter]));

export type InvoiceListParams = {
  tab: "all" | "unpaid";
  invoiceNumber: string;
  meteringPoint: string;
  property: string;
  address: string;
  status: InvoiceStatusFilter | undefined;
  from: string;
  to: string;
  amountFrom: string;
  amountTo: string;
  /** A customer id of the actor's, or "all". */
  customer: string;
  page: number;
};

/** Fields whose text could not be used, with the message key (invoices.errors.*) to show. */
export type FilterErrors = Partial<Record<"from" | "to" | "amountFrom" | "amountTo", string>>;


function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

const one = firstParam.transform((s) => s.trim());
const upTo = (n: number) => one.transform((s) => s.slice(0, n));

const listQuerySchema = z.object({
  flik: one.transform((s): InvoiceListParams["tab"] => (s === "obetalda" ? "unpaid" : "all")),
  nr: upTo(40),
  anl: upTo(40),
  fastighet: upTo(100),
  adress: upTo(100),
  status: one.transform((s) => statusOfSlug.get(s)),
  fran: upTo(10),
  till: upTo(10),
  "belopp-fran": upTo(30),
  "belopp-till": upTo(30),
  kund: one,
  sida: pageParam,
});

/** Reads the list's query; unknown values fall back to the default instead of failing. */
export function parseInvoiceListParams(sp: SearchParams, customerIds: string[], defaultCustomer: string): InvoiceListParams {
  const p = listQuerySchema.parse(sp);
  return {
    tab: p.flik,
    invoiceNumber: p.nr,
    meteringPoint: p.anl,
    property: p.fastighet,
    address: p.adress,
    status: p.status,
    from: p.fran,
    to: p.till,
    amountFrom: p["belopp-fran"],
    amountTo: p["belopp-till"],
    customer: p.kund === "alla" ? "all" : customerIds.includes(p.kund) ? p.kund : defaultCustomer,
    page: p.sida,
  };
}

/**
 * The server function's options for the params, and the fields that could not be used (a typo in
 * an amount is pointed out, and that one filter is left out, rather than showing nothing).
 */
export function listOptions(p: InvoiceListParams): { options: ListInvoicesOptions; errors: FilterErrors } {
  const errors: FilterErrors = {};
  const options: ListInvoicesOptions = {
    customerId: p.customer,
    tab: p.tab,
    invoiceNumber: p.invoiceNumber || undefined,
    meteringPoint: p.meteringPoint || undefined,
    property: p.property || undefined,
    address: p.address || undefined,
    status: p.status,
    page: p.page,
  };
  if (p.from) {
    if (validDate(p.from)) options.invoiceDateFrom = p.from;
    else errors.from = "invoices.errors.date";
  }
  if (p.to) {
    if (validDate(p.to)) options.invoiceDateTo = p.to;
    else errors.to = "invoices.errors.date";
  }
  if (options.invoiceDateFrom && options.invoiceDateTo && options.invoiceDateFrom > options.invoiceDateTo) {
    errors.to = "invoices.errors.dateOrder";
    delete options.invoiceDateFrom;
    delete options.invoiceDateTo;
  }
  for (const [field, key] of [["amountFrom", "amountMinMinor"], ["amountTo", "amountMaxMinor"]] as const) {
    if (!p[field]) continue;
    const parsed = parseMajorAmount(p[field]);
    if (parsed.ok) options[key] = parsed.minor;
    else errors[field] = "invoices.errors.amount";
  }
  if (options.amountMinMinor !== undefined && options.amountMaxMinor !== undefined && options.amountMinMinor > options.amountMaxMinor) {
    errors.amountTo = "invoices.errors.amountOrder";
    delete options.amountMinMinor;
    delete options.amountMaxMinor;
  }
  return { options, errors };
}

/** True when any filter (not the tab, customer or page) is set. */
export function hasFilters(p: InvoiceListParams): boolean {
  return [p.invoiceNumber, p.meteringPoint, p.property, p.address, p.status ?? "", p.from, p.to, p.amountFrom, p.amountTo].some((v) => v !== "");
}
