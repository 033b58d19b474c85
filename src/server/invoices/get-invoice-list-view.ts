import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { hasFilters, listOptions, parseInvoiceListParams, type FilterErrors, type InvoiceListParams, type SearchParams } from "./invoice-list-params";
import { listInvoices, type InvoiceList } from "./list-invoices";

export type InvoiceListPageView = {
  params: InvoiceListParams;
  /** Filters that could not be used (each with its message key); the others apply. */
  errors: FilterErrors;
  filtered: boolean;
  result: InvoiceList;
  /** The user's customers for the customer filter (shown with several). */
  customers: { id: string; number: string; name: string }[];
  /** The customer filtered on, as "Name (number)" (null: all customers). */
  customerText: string | null;
  showCustomerColumn: boolean;
};

export type InvoiceListView = { kind: "noCustomer" } | ({ kind: "ready" } & InvoiceListPageView);

/**
 * Everything the invoice list shows, from its address (validated here: a date or amount that
 * cannot be used is pointed out and left out, the other filters apply): one page of the invoices
 * the actor may see. `activeCustomerId` is the customer-number switcher's choice (else the first).
 */
export async function getInvoiceListView(actor: CustomerActor, input: { activeCustomerId: string | null; searchParams: SearchParams }): Promise<InvoiceListView> {
  const active = actor.customers.find((c) => c.customerId === input.activeCustomerId) ?? actor.customers[0] ?? null;
  if (!active) return { kind: "noCustomer" };
  const sp = input.searchParams;
  // A link from an installation (?anl=) may be for another customer number than the active one.
  const defaultCustomer = sp.anl && !sp.kund ? "all" : active.customerId;
  const params = parseInvoiceListParams(sp, actor.customers.map((c) => c.customerId), defaultCustomer);
  const { options, errors } = listOptions(params);
  const result = await listInvoices(actor, options);
  const chosen = actor.customers.find((c) => c.customerId === params.customer);
  return {
    kind: "ready",
    params,
    errors,
    filtered: hasFilters(params),
    result,
    customers: actor.customers.map((c) => ({ id: c.customerId, number: c.customerNumber, name: c.customerName })),
    customerText: chosen ? `${chosen.customerName} (${chosen.customerNumber})` : null,
    showCustomerColumn: actor.customers.length > 1 && params.customer === "all",
  };
}
