import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { RowHeader, Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { formatMeteringPointId } from "@/domain/identity";
import { formatDate, formatMoney } from "@/lib/format";
import type { InvoiceListPageView } from "@/server/invoices/get-invoice-list-view";
import type { InvoiceListItem } from "@/server/invoices/list-invoices";
import { invoicePdfHref } from "./list-params";
import { StatusBadge } from "./status-badge";
import { textLink } from "@/components/ui/text-link";


type Translate = Awaited<ReturnType<typeof getTranslations<"invoices">>>;

/** One page of invoices: number (the PDF), installation, dates, amount, status and the details link. */
export async function InvoiceTable({ view }: { view: InvoiceListPageView }) {
  const [t, tc, locale] = await Promise.all([getTranslations("invoices"), getTranslations("common"), getLocale()]);
  const unpaid = view.params.tab === "unpaid";
  const caption = view.customerText
    ? t(unpaid ? "captionUnpaidCustomer" : "captionCustomer", { customer: view.customerText })
    : t(unpaid ? "captionUnpaidAll" : "captionAll");
  return (
    <Table caption={caption} showCaption className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <THead>
        <Th>{t("colNumber")}</Th>
        <Th>{t("colInstallation")}</Th>
        <Th>{t("colInvoiceDate")}</Th>
        <Th>{t("colDueDate")}</Th>
        <Th className="text-right">{t("colAmount")}</Th>
        <Th>{t("colStatus")}</Th>
        {view.showCustomerColumn ? <Th>{t("colCustomer")}</Th> : null}
        <Th>{t("colDetails")}</Th>
      </THead>
      <TBody>
        {view.result.items.map((invoice) => (
          <InvoiceRow key={invoice.id} invoice={invoice} locale={locale} showCustomer={view.showCustomerColumn} t={t} detailsLabel={tc("details")} />
        ))}
      </TBody>
    </Table>
  );
}

function InvoiceRow({ invoice, locale, showCustomer, t, detailsLabel }: { invoice: InvoiceListItem; locale: string; showCustomer: boolean; t: Translate; detailsLabel: string }) {
  const i = invoice.installation;
  const kind = invoice.kind === "CREDIT_NOTE" ? "CREDIT_NOTE" : invoice.isCorrection ? "CORRECTION" : null;
  return (
    <tr>
      <RowHeader>
        {/* Seed 000: the invoice number opens a PDF copy of the invoice. */}
        <a href={invoicePdfHref(invoice.id)} className={`${textLink} tabular-nums`} aria-label={t("pdfLinkLabel", { number: invoice.invoiceNumber })}>
          {invoice.invoiceNumber}
        </a>
        <span className="ml-1 text-xs text-slate-700" aria-hidden="true">
          PDF
        </span>
        {kind ? <span className="mt-1 block text-xs font-medium text-slate-700">{t(`kind.${kind}`)}</span> : null}
      </RowHeader>
      <Td>
        {i ? (
          <>
            <span className="block">{i.name ?? i.street}</span>
            <span className="block text-slate-700">{i.name ? `${i.street}, ${i.city}` : i.city}</span>
            <span className="block font-mono text-xs tabular-nums text-slate-700">{formatMeteringPointId(i.meteringPointId)}</span>
          </>
        ) : (
          <span className="text-slate-700">{t("noInstallation")}</span>
        )}
      </Td>
      <Td className="whitespace-nowrap tabular-nums">{formatDate(invoice.invoiceDate, locale)}</Td>
      <Td className="whitespace-nowrap tabular-nums">{invoice.kind === "CREDIT_NOTE" ? "–" : formatDate(invoice.dueDate, locale)}</Td>
      <Td className="whitespace-nowrap text-right tabular-nums">{formatMoney(invoice.totalAmountMinor, invoice.currency, locale)}</Td>
      <Td>
        <StatusBadge status={invoice.paymentStatus} label={t(`status.${invoice.paymentStatus}`)} />
      </Td>
      {showCustomer ? <Td className="tabular-nums">{invoice.customerNumber}</Td> : null}
      <Td>
        <Link href={`/fakturor/${invoice.id}`} className={textLink} aria-label={t("detailsLinkLabel", { number: invoice.invoiceNumber })}>
          {detailsLabel}
        </Link>
      </Td>
    </tr>
  );
}
