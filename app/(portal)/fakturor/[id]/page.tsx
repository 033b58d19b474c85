import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { Card, PageHeader } from "@/components/ui/page-header";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import type { InvoiceExplanation, LineExplanation } from "@/domain/billing/explain";
import { formatMeteringPointId } from "@/domain/identity";
import { formatDate, formatMoney } from "@/lib/format";
import { requireCustomer } from "@/server/auth/session";
import { isAppError } from "@/server/errors";
import { explainInvoice } from "@/server/invoices/explain-invoice";
import type { InvoiceDetail } from "@/server/invoices/get-invoice";
import { ExplanationSection, lineName } from "../explanation-section";
import { formatDecimal, formatUnitPrice, periodDates, unitLabel } from "../format";
import { invoiceListHref, invoicePdfHref } from "../list-params";
import { StatusBadge } from "../status-badge";
import { buttonClass } from "@/components/ui/button";
import { textLink } from "@/components/ui/text-link";

type Props = { params: Promise<{ id: string }> };

// Shared by the metadata and the page within one request. Out of scope, unknown and malformed ids
// all become the same 404, so the page never tells whether another customer's invoice exists.
const load = cache(async (id: string): Promise<{ invoice: InvoiceDetail; explanation: InvoiceExplanation }> => {
  const actor = await requireCustomer();
  try {
    return await explainInvoice(actor, id);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});

const kindOf = (invoice: InvoiceDetail) => (invoice.kind === "CREDIT_NOTE" ? "CREDIT_NOTE" : invoice.corrects ? "CORRECTION" : "INVOICE");

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { invoice } = await load((await params).id);
  const t = await getTranslations("invoices");
  return { title: t(`detailTitle.${kindOf(invoice)}`, { number: invoice.invoiceNumber }) };
}

const dl = "grid gap-x-6 gap-y-2 text-slate-900 sm:grid-cols-[max-content_1fr]";
const dt = "font-medium text-slate-700";
/** The padding of the kit's cells, for the header cells the kit has no piece for (a group title, a sum's label). */
const td = "px-4 py-3";

export default async function InvoicePage({ params }: Props) {
  const { invoice, explanation } = await load((await params).id);
  const t = await getTranslations("invoices");
  const ti = await getTranslations("installations");
  const locale = await getLocale();
  const money = (minor: number) => formatMoney(minor, invoice.currency, locale);
  const period = periodDates(invoice.periodStart, invoice.periodEnd, locale);
  const kind = kindOf(invoice);
  const i = invoice.installation;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={invoiceListHref({ customer: invoice.customer.id })} className={textLink}>
          <span aria-hidden="true">← </span>
          {t("backToList")}
        </Link>
      </p>
      <PageHeader
        title={t(`detailTitle.${kind}`, { number: invoice.invoiceNumber })}
        intro={`${t("period", period)} · ${money(invoice.totalAmountMinor)}`}
        actions={
          <div className="flex flex-wrap gap-3">
            <a href={invoicePdfHref(invoice.id)} className={buttonClass()}>
              {t("openPdf")}
            </a>
            <a href={invoicePdfHref(invoice.id, true)} className={buttonClass({ variant: "secondary" })}>
              {t("downloadPdf")}
            </a>
          </div>
        }
      />

      <div className="grid gap-6">
        <Card title={t("overviewTitle")}>
          <dl className={dl}>
            <dt className={dt}>{t("statusLabel")}</dt>
            <dd>
              <StatusBadge status={invoice.paymentStatus} label={t(`status.${invoice.paymentStatus}`)} />
            </dd>
            <dt className={dt}>{t("totalLabel")}</dt>
            <dd className="font-semibold tabular-nums">{money(invoice.totalAmountMinor)}</dd>
            <dt className={dt}>{t("invoiceDateLabel")}</dt>
            <dd className="tabular-nums">{formatDate(invoice.invoiceDate, locale)}</dd>
            {invoice.kind === "INVOICE" ? (
              <>
                <dt className={dt}>{t("dueDateLabel")}</dt>
                <dd className="tabular-nums">{formatDate(invoice.dueDate, locale)}</dd>
              </>
            ) : null}
            <dt className={dt}>{t("periodLabel")}</dt>
            <dd className="tabular-nums">{t("period", period)}</dd>
            <dt className={dt}>{t(`referenceLabel.${invoice.customer.market}`)}</dt>
            <dd className="font-mono tabular-nums">{invoice.paymentReference}</dd>
            <dt className={dt}>{t("customerLabel")}</dt>
            <dd>
              {invoice.customer.name} ({invoice.customer.customerNumber})
            </dd>
            {i ? (
              <>
                <dt className={dt}>{t("installationLabel")}</dt>
                <dd>
                  <Link href={`/anlaggningar/${i.id}`} className={textLink}>
                    {i.name ?? i.street}
                  </Link>
                  <span className="block text-slate-700">
                    {ti(`type.${i.type}`)} · {i.street}, {i.postalCode} {i.city}
                  </span>
                </dd>
                <dt className={dt}>{t("meteringPointLabel")}</dt>
                <dd className="font-mono tabular-nums">{formatMeteringPointId(i.meteringPointId)}</dd>
              </>
            ) : null}
            {invoice.contract ? (
              <>
                <dt className={dt}>{t("contractLabel")}</dt>
                <dd>
                  {invoice.contract.productName} ({invoice.contract.contractNumber})
                </dd>
              </>
            ) : null}
          </dl>
        </Card>

        <Corrections invoice={invoice} locale={locale} />

        <Card title={t("linesTitle")}>
          <Lines invoice={invoice} explanation={explanation} locale={locale} />
        </Card>

        <ExplanationSection invoice={invoice} explanation={explanation} locale={locale} />

        <Card title={t("paymentsTitle")}>
          <Table
            caption={t("paymentsCaption")}
            empty={invoice.payments.length === 0 ? (invoice.totalAmountMinor > 0 ? t("noPayments") : t("noPaymentsCredit")) : null}
          >
            <THead columns={[t("paymentDate"), { label: t("paymentAmount"), align: "right" }, t("paymentReference")]} />
            <TBody>
              {invoice.payments.map((p, n) => (
                <Tr key={n}>
                  <RowHeader className="tabular-nums">{formatDate(p.paidOn, locale)}</RowHeader>
                  <Td align="right" className="tabular-nums">
                    {formatMoney(p.amountMinor, p.currency, locale)}
                  </Td>
                  <Td className="font-mono tabular-nums">{p.reference}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </Card>
      </div>
    </>
  );
}

/** The invoices this one corrects or is corrected by, when there are any. */
async function Corrections({ invoice, locale }: { invoice: InvoiceDetail; locale: string }) {
  if (!invoice.corrects && !invoice.correctedBy.length) return null;
  const t = await getTranslations("invoices");
  const money = (minor: number) => formatMoney(minor, invoice.currency, locale);
  return (
    <Card title={t("correctionsTitle")}>
      {invoice.corrects ? (
        <p className="text-slate-900">
          {t.rich("correctsThis", {
            kind: t(`relatedKind.${invoice.corrects.kind}`),
            number: invoice.corrects.invoiceNumber,
            link: (chunks) => (
              <Link href={`/fakturor/${invoice.corrects!.id}`} className={textLink}>
                {chunks}
              </Link>
            ),
            period: t("period", periodDates(invoice.corrects.periodStart, invoice.corrects.periodEnd, locale)),
          })}
        </p>
      ) : null}
      {invoice.correctedBy.length ? (
        <>
          <p className="text-slate-900">{t("correctedByThis")}</p>
          <ul className="mt-2 list-disc pl-6 text-slate-900">
            {invoice.correctedBy.map((r) => (
              <li key={r.id}>
                {t(`relatedKind.${r.kind}`)}{" "}
                <Link href={`/fakturor/${r.id}`} className={textLink}>
                  {r.invoiceNumber}
                </Link>{" "}
                ({formatDate(r.invoiceDate, locale)}, {money(r.totalAmountMinor)}, {t(`status.${r.paymentStatus}`)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}

/** The invoice lines, in the sections of a Danish aconto bill when it is one. */
async function Lines({ invoice, explanation, locale }: { invoice: InvoiceDetail; explanation: InvoiceExplanation; locale: string }) {
  const t = await getTranslations("invoices");
  const tDoc = await getTranslations("invoiceDocument");
  const money = (minor: number) => formatMoney(minor, invoice.currency, locale);
  const quarterly = explanation.lines.some((l) => l.section !== "regular");
  const groups: { title: string | null; lines: LineExplanation[] }[] = quarterly
    ? [
        {
          title: t("section.settlement", {
            period: t("period", periodDates(explanation.aconto?.settledPeriod?.from ?? invoice.periodStart, explanation.aconto?.settledPeriod?.to ?? invoice.periodEnd, locale)),
          }),
          lines: explanation.lines.filter((l) => l.section === "settlement"),
        },
        { title: t("section.prepaid"), lines: explanation.lines.filter((l) => l.section === "prepaid") },
        {
          title: explanation.aconto?.nextPeriod
            ? t("section.nextAcontoPeriod", { period: t("period", periodDates(explanation.aconto.nextPeriod.from, explanation.aconto.nextPeriod.to, locale)) })
            : t("section.nextAconto"),
          lines: explanation.lines.filter((l) => l.section === "nextAconto"),
        },
      ].filter((g) => g.lines.length)
    : [{ title: null, lines: explanation.lines }];

  const sums = [
    { label: t("sumNet"), minor: invoice.netAmountMinor, total: false },
    { label: t("sumVat"), minor: invoice.vatAmountMinor, total: false },
    { label: t("sumTotal"), minor: invoice.totalAmountMinor, total: true },
  ];

  return (
    <Table caption={t("linesCaption")}>
      <THead
        columns={[
          t("colDescription"),
          { label: t("colQuantity"), align: "right" },
          t("colUnit"),
          { label: t("colUnitPrice"), align: "right" },
          { label: t("colAmount"), align: "right" },
          { label: t("colVat"), align: "right" },
        ]}
      />
      {groups.map((group, g) => (
        <TBody key={g}>
          {group.title ? (
            <Tr>
              <th scope="colgroup" colSpan={6} className={`${td} bg-sky-50 font-semibold text-sky-900`}>
                {group.title}
              </th>
            </Tr>
          ) : null}
          {group.lines.map((line) => (
            <Tr key={line.position}>
              <RowHeader>{lineName(line, locale, tDoc)}</RowHeader>
              <Td align="right" className="tabular-nums">
                {formatDecimal(line.quantity, locale, 0, 4)}
              </Td>
              <Td>{unitLabel(line.unit, t)}</Td>
              <Td align="right" className="whitespace-nowrap tabular-nums">
                {formatUnitPrice(line, invoice.currency, locale, t)}
              </Td>
              <Td align="right" className="whitespace-nowrap tabular-nums">
                {money(line.amountMinor)}
              </Td>
              <Td align="right" className="tabular-nums">
                {formatDecimal(line.vatRate, locale, 0, 2)} %
              </Td>
            </Tr>
          ))}
        </TBody>
      ))}
      <tfoot className="border-t-2 border-slate-300 text-slate-900">
        {sums.map((sum) => (
          <Tr key={sum.label}>
            <th scope="row" colSpan={4} className={`${td} text-right ${sum.total ? "font-semibold" : "font-medium"}`}>
              {sum.label}
            </th>
            <Td align="right" className={`tabular-nums ${sum.total ? "font-semibold" : ""}`}>
              {money(sum.minor)}
            </Td>
            <td />
          </Tr>
        ))}
      </tfoot>
    </Table>
  );
}
