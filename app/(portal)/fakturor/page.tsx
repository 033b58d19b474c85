import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Field, SelectField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { formatMeteringPointId } from "@/domain/identity";
import { formatDate, formatMoney } from "@/lib/format";
import { activeCustomer, requireCustomer } from "@/server/auth/session";
import { INVOICE_STATUS_FILTERS, listInvoices, type InvoiceListItem } from "@/server/invoices/list-invoices";
import { hasFilters, invoiceListHref, invoicePdfHref, listOptions, parseInvoiceListParams, statusSlugs, type SearchParams } from "./list-params";
import { StatusBadge } from "./status-badge";
import { Pagination } from "@/components/ui/pagination";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invoices"))("title") };
}

const link = "font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950";
const th = "px-4 py-3 font-semibold";
const td = "px-4 py-3";

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireCustomer();
  const active = await activeCustomer(actor);
  const t = await getTranslations("invoices");
  const tc = await getTranslations("common");
  const locale = await getLocale();
  if (!active) {
    return (
      <>
        <PageHeader title={t("title")} />
        <p className="text-slate-800">{t("noCustomer")}</p>
      </>
    );
  }

  const sp = await searchParams;
  // A link from an installation (?anl=) may be for another customer number than the active one.
  const defaultCustomer = sp.anl && !sp.kund ? "all" : active.customerId;
  const params = parseInvoiceListParams(sp, actor.customers.map((c) => c.customerId), defaultCustomer);
  const { options, errors } = listOptions(params);
  const result = await listInvoices(actor, options);

  const several = actor.customers.length > 1;
  const showCustomer = several && params.customer === "all";
  const chosen = actor.customers.find((c) => c.customerId === params.customer);
  const customerText = chosen ? `${chosen.customerName} (${chosen.customerNumber})` : null;
  const unpaid = params.tab === "unpaid";
  const caption = customerText
    ? t(unpaid ? "captionUnpaidCustomer" : "captionCustomer", { customer: customerText })
    : t(unpaid ? "captionUnpaidAll" : "captionAll");
  const filtered = hasFilters(params);
  const from = (result.page - 1) * result.pageSize + 1;
  const to = from + result.items.length - 1;
  const tabs = [
    { key: "all", label: t("tabAll") },
    { key: "unpaid", label: t("tabUnpaid") },
  ] as const;

  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />

      <nav aria-label={t("tabs")} className="mb-4 border-b border-slate-300">
        <ul className="-mb-px flex flex-wrap gap-2">
          {tabs.map((tab) => {
            const current = params.tab === tab.key;
            return (
              <li key={tab.key}>
                <Link
                  href={invoiceListHref({ ...params, tab: tab.key, page: 1 })}
                  aria-current={current ? "page" : undefined}
                  className={`inline-block rounded-t-md border px-4 py-2 font-medium ${
                    current ? "border-slate-300 border-b-white bg-white text-slate-900" : "border-transparent text-sky-800 underline underline-offset-2 hover:text-sky-950"
                  }`}
                >
                  {tab.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <section aria-labelledby="invoice-filter" className="mb-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="invoice-filter" className="mb-3 text-lg font-semibold text-slate-900">
          {t("filterTitle")}
        </h2>
        <Form action="/fakturor" role="search" className="grid items-end gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
          {unpaid ? <input type="hidden" name="flik" value="obetalda" /> : null}
          <Field label={t("filterInvoiceNumber")} name="nr" defaultValue={params.invoiceNumber} inputMode="numeric" maxLength={40} />
          <Field label={t("filterMeteringPoint")} name="anl" defaultValue={params.meteringPoint} inputMode="numeric" maxLength={40} />
          <Field label={t("filterProperty")} name="fastighet" hint={t("filterPropertyHint")} defaultValue={params.property} maxLength={100} />
          <Field label={t("filterAddress")} name="adress" hint={t("filterAddressHint")} defaultValue={params.address} maxLength={100} />
          <SelectField
            label={t("filterStatus")}
            name="status"
            defaultValue={params.status ? statusSlugs[params.status] : ""}
            options={[{ value: "", label: t("statusAll") }, ...INVOICE_STATUS_FILTERS.map((s) => ({ value: statusSlugs[s], label: t(`statusFilter.${s}`) }))]}
          />
          <Field label={t("filterDateFrom")} name="fran" type="date" defaultValue={params.from} errors={errors.from ? [errors.from] : undefined} />
          <Field label={t("filterDateTo")} name="till" type="date" defaultValue={params.to} errors={errors.to ? [errors.to] : undefined} />
          <div className="hidden lg:block" aria-hidden="true" />
          <Field
            label={t("filterAmountFrom")}
            name="belopp-fran"
            hint={t("filterAmountHint")}
            defaultValue={params.amountFrom}
            inputMode="decimal"
            maxLength={30}
            errors={errors.amountFrom ? [errors.amountFrom] : undefined}
          />
          <Field
            label={t("filterAmountTo")}
            name="belopp-till"
            hint={t("filterAmountHint")}
            defaultValue={params.amountTo}
            inputMode="decimal"
            maxLength={30}
            errors={errors.amountTo ? [errors.amountTo] : undefined}
          />
          {several ? (
            <SelectField
              label={t("filterCustomer")}
              name="kund"
              defaultValue={params.customer === "all" ? "alla" : params.customer}
              options={[
                ...actor.customers.map((c) => ({ value: c.customerId, label: `${c.customerNumber} – ${c.customerName}` })),
                { value: "alla", label: t("allCustomers") },
              ]}
            />
          ) : (
            <input type="hidden" name="kund" value={params.customer === "all" ? "alla" : params.customer} />
          )}
          <div className="mb-4 flex flex-wrap items-end gap-4 sm:col-span-2 lg:col-span-4">
            <button
              type="submit"
              className="rounded-md bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 focus:outline-none focus:ring-2 focus:ring-sky-600 focus:ring-offset-2"
            >
              {t("filterButton")}
            </button>
            {filtered ? (
              <Link href={invoiceListHref({ tab: params.tab, customer: params.customer })} className={link}>
                {t("clearFilters")}
              </Link>
            ) : null}
          </div>
        </Form>
        {Object.keys(errors).length ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {t("ignoredFilters")}
          </p>
        ) : null}
      </section>

      {result.total === 0 ? (
        <p role="status" className="rounded-md border border-slate-300 bg-white px-4 py-3 text-slate-800">
          {filtered ? t("emptyFiltered") : unpaid ? t("emptyUnpaid") : t("emptyNone")}
        </p>
      ) : (
        <>
          <p role="status" className="mb-1 text-slate-800">
            {tc("showing", { from, to, total: result.total })}
          </p>
          <p className="mb-3 text-sm text-slate-700">{t("noLimit")}</p>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
              <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">{caption}</caption>
              <thead className="bg-slate-100 text-slate-900">
                <tr>
                  <th scope="col" className={th}>{t("colNumber")}</th>
                  <th scope="col" className={th}>{t("colInstallation")}</th>
                  <th scope="col" className={th}>{t("colInvoiceDate")}</th>
                  <th scope="col" className={th}>{t("colDueDate")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("colAmount")}</th>
                  <th scope="col" className={th}>{t("colStatus")}</th>
                  {showCustomer ? <th scope="col" className={th}>{t("colCustomer")}</th> : null}
                  <th scope="col" className={th}>{t("colDetails")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 text-slate-900">
                {result.items.map((invoice) => (
                  <InvoiceRow key={invoice.id} invoice={invoice} locale={locale} showCustomer={showCustomer} t={t} detailsLabel={tc("details")} />
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(page) => invoiceListHref({ ...params, page })} label={t("pagination")} />
        </>
      )}
    </>
  );
}

type Translate = Awaited<ReturnType<typeof getTranslations<"invoices">>>;

function InvoiceRow({ invoice, locale, showCustomer, t, detailsLabel }: { invoice: InvoiceListItem; locale: string; showCustomer: boolean; t: Translate; detailsLabel: string }) {
  const i = invoice.installation;
  const kind = invoice.kind === "CREDIT_NOTE" ? "CREDIT_NOTE" : invoice.isCorrection ? "CORRECTION" : null;
  return (
    <tr>
      <th scope="row" className={`${td} font-normal`}>
        {/* Seed 000: the invoice number opens a PDF copy of the invoice. */}
        <a href={invoicePdfHref(invoice.id)} className={`${link} tabular-nums`} aria-label={t("pdfLinkLabel", { number: invoice.invoiceNumber })}>
          {invoice.invoiceNumber}
        </a>
        <span className="ml-1 text-xs text-slate-700" aria-hidden="true">
          PDF
        </span>
        {kind ? <span className="mt-1 block text-xs font-medium text-slate-700">{t(`kind.${kind}`)}</span> : null}
      </th>
      <td className={td}>
        {i ? (
          <>
            <span className="block">{i.name ?? i.street}</span>
            <span className="block text-slate-700">{i.name ? `${i.street}, ${i.city}` : i.city}</span>
            <span className="block font-mono text-xs tabular-nums text-slate-700">{formatMeteringPointId(i.meteringPointId)}</span>
          </>
        ) : (
          <span className="text-slate-700">{t("noInstallation")}</span>
        )}
      </td>
      <td className={`${td} whitespace-nowrap tabular-nums`}>{formatDate(invoice.invoiceDate, locale)}</td>
      <td className={`${td} whitespace-nowrap tabular-nums`}>{invoice.kind === "CREDIT_NOTE" ? "–" : formatDate(invoice.dueDate, locale)}</td>
      <td className={`${td} whitespace-nowrap text-right tabular-nums`}>{formatMoney(invoice.totalAmountMinor, invoice.currency, locale)}</td>
      <td className={td}>
        <StatusBadge status={invoice.paymentStatus} label={t(`status.${invoice.paymentStatus}`)} />
      </td>
      {showCustomer ? <td className={`${td} tabular-nums`}>{invoice.customerNumber}</td> : null}
      <td className={td}>
        <Link href={`/fakturor/${invoice.id}`} className={link} aria-label={t("detailsLinkLabel", { number: invoice.invoiceNumber })}>
          {detailsLabel}
        </Link>
      </td>
    </tr>
  );
}
