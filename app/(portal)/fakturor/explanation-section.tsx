// "Förklaring av fakturan": the explain module's findings (src/domain/billing/explain.ts) in the
// reader's language. The module decides what is said and computes the figures; this component
// only picks the message and formats the values.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/page-header";
import { explainedLineName, type InvoiceExplanation, type LineExplanation } from "@/domain/billing/explain";
import { formatDate, formatMoney } from "@/lib/format";
import type { InvoiceDetail } from "@/server/invoices/get-invoice";
import { formatDecimal, formatKwhPrice, formatUnitPrice, periodDates, unitLabel } from "./format";
import { textLink } from "@/components/ui/text-link";

type Translate = Awaited<ReturnType<typeof getTranslations<"invoices">>>;
type DocumentTranslate = Awaited<ReturnType<typeof getTranslations<"invoiceDocument">>>;

const h3 = "mb-2 mt-5 text-base font-semibold text-slate-900";

/** A line's name in the reader's language, from its code and parameters (the portal speaks sv and en). */
export function lineName(line: LineExplanation, locale: string, t: DocumentTranslate): string {
  return explainedLineName(line, locale === "en" ? "en" : "sv", (key, values) => t(key as "pdf.invoice", values));
}

function lineMessageKey(line: LineExplanation): string {
  if (line.section === "prepaid") return "ACONTO_DEDUCTION";
  if (line.section === "nextAconto") return "ACONTO_NEXT";
  return line.messageKey;
}

export async function ExplanationSection({ invoice, explanation: e, locale }: { invoice: InvoiceDetail; explanation: InvoiceExplanation; locale: string }) {
  const t = await getTranslations("invoices");
  const tDoc = await getTranslations("invoiceDocument");
  const money = (minor: number) => formatMoney(minor, invoice.currency, locale);
  const period = (from: string, to: string) => t("period", periodDates(from, to, locale));
  const kwh = (value: string) => formatDecimal(value, locale, 0, 3);
  const f: Formatters = { t, tDoc, locale, invoice, money, period, kwh };
  const summaryKey = e.summary.outcome === "pay" ? (invoice.paymentStatus === "PAID" ? "paid" : "pay") : e.summary.outcome;

  return (
    <div id="forklaring">
      <Card title={t("explain.title")}>
        <p className="max-w-prose text-slate-800">{t("explain.intro")}</p>
        <p className="mt-3 max-w-prose font-medium text-slate-900">
          {t(`explain.summary.${summaryKey}`, {
            period: period(invoice.periodStart, invoice.periodEnd),
            total: money(e.summary.totalAmountMinor),
            vat: money(e.summary.vatAmountMinor),
            dueDate: formatDate(invoice.dueDate, locale),
          })}
        </p>

        <h3 className={h3}>{t("explain.breakdownTitle")}</h3>
        <dl className="grid max-w-md grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-slate-900">
          {e.breakdown.map((b) => (
            <div key={b.category} className="contents">
              <dt>{t(`explain.category.${b.category}`)}</dt>
              <dd className="text-right tabular-nums">{money(b.amountMinor)}</dd>
            </div>
          ))}
        </dl>

        <ExplainedLines f={f} lines={e.lines} />

        <SpotPrices f={f} spot={e.spot} />

        {e.billingPower ? (
          <p className="mt-3 max-w-prose text-slate-900">{t("explain.billingPower", { kW: formatDecimal(e.billingPower.kW, locale, 0, 3), date: formatDate(e.billingPower.date, locale) })}</p>
        ) : null}

        <h3 className={h3}>{t("explain.vatTitle")}</h3>
        {e.vat.map((v) => (
          <p key={v.ratePercent} className="text-slate-900">
            {t("explain.vat", { rate: formatDecimal(v.ratePercent, locale, 0, 2), net: money(v.netMinor), vat: money(v.vatMinor) })}
          </p>
        ))}

        <AcontoSettlement f={f} aconto={e.aconto} />

        <Correction f={f} correction={e.correction} />

        {e.nextInvoice ? (
          <>
            <h3 className={h3}>{t("explain.nextTitle")}</h3>
            <p className="text-slate-900">
              {t(e.nextInvoice.source === "estimate" ? "explain.next.estimate" : e.nextInvoice.invoiceDate ? "explain.next.billing" : "explain.next.billingDueOnly", {
                invoiceDate: e.nextInvoice.invoiceDate ? formatDate(e.nextInvoice.invoiceDate, locale) : "",
                dueDate: formatDate(e.nextInvoice.dueDate, locale),
              })}
            </p>
          </>
        ) : null}
      </Card>
    </div>
  );
}

/** The formatters and translators the sections share. */
type Formatters = {
  t: Translate;
  tDoc: DocumentTranslate;
  locale: string;
  invoice: InvoiceDetail;
  money: (minor: number) => string;
  period: (from: string, to: string) => string;
  kwh: (value: string) => string;
};

function ExplainedLines({ f, lines }: { f: Formatters; lines: InvoiceExplanation["lines"] }) {
  const { t, tDoc, locale, invoice, money, kwh } = f;
  return (
    <>
      <h3 className={h3}>{t("explain.linesTitle")}</h3>
      <ul className="max-w-prose space-y-3 text-slate-900">
        {lines.map((line) => (
          <li key={line.position}>
            <span className="font-semibold">{lineName(line, locale, tDoc)}.</span>{" "}
            {t(`explain.line.${lineMessageKey(line)}` as "explain.line.OTHER", {
              quantity: formatDecimal(line.quantity, locale, 0, 4),
              unit: unitLabel(line.unit, t),
              price: formatUnitPrice(line, invoice.currency, locale, t),
              description: lineName(line, locale, tDoc),
            })}{" "}
            {t("explain.amount", { amount: money(line.amountMinor) })}
            {line.recipient !== "unknown" ? ` ${t("explain.receives", { recipient: t(`explain.recipient.${line.recipient}`) })}` : ""}
            {line.peaks ? (
              <>
                <span className="mt-1 block text-sm text-slate-700">{t("explain.peaksTitle")}</span>
                <ul className="list-disc pl-6 text-sm text-slate-700">
                  {line.peaks.map((p) => (
                    <li key={`${p.localDate}-${p.localHour}`}>
                      {t("explain.peak", { date: formatDate(p.localDate, locale), hour: `${String(p.localHour).padStart(2, "0")}:00`, kWh: kwh(p.kWh) })}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function SpotPrices({ f, spot }: { f: Formatters; spot: InvoiceExplanation["spot"] }) {
  const { t, locale, invoice } = f;
  return (
    <>
      {spot.length ? (
        <>
          <h3 className={h3}>{t("explain.spotTitle")}</h3>
          {spot.map((s) => (
            <div key={s.position} className="max-w-prose space-y-2 text-slate-900">
              <p>
                {t(`explain.spot.${s.comparison ?? "unknown"}`, {
                  weighted: formatKwhPrice(s.weightedAverage, invoice.currency, locale, t),
                  plain: s.plainAverage ? formatKwhPrice(s.plainAverage, invoice.currency, locale, t) : "",
                  difference: s.difference ? formatKwhPrice(s.difference, invoice.currency, locale, t) : "",
                })}
              </p>
              {s.negativeIntervals > 0 ? <p>{t(s.intervalKind === "quarterHour" ? "explain.spot.negativeQuarter" : "explain.spot.negative", { count: s.negativeIntervals })}</p> : null}
            </div>
          ))}
        </>
      ) : null}
    </>
  );
}

/** A titled part of the explanation: its heading and its paragraphs. */
function Part({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <h3 className={h3}>{title}</h3>
      <div className="max-w-prose space-y-2 text-slate-900">{children}</div>
    </>
  );
}

function AcontoSettlement({ f, aconto }: { f: Formatters; aconto: InvoiceExplanation["aconto"] }) {
  const { t, locale, money, period, kwh } = f;
  if (!aconto) return null;
  return (
    <Part title={t("explain.acontoTitle")}>
      {aconto.settledPeriod ? (
        <p>
          {t("explain.aconto.settled", {
            period: period(aconto.settledPeriod.from, aconto.settledPeriod.to),
            prepaid: money(aconto.prepaidAmountMinor),
            prepaidKwh: aconto.prepaidKwh ? kwh(aconto.prepaidKwh.replace(/^-/, "")) : "none",
            actualKwh: aconto.actualKwh ? kwh(aconto.actualKwh) : "none",
            actual: money(aconto.actualAmountMinor),
          })}{" "}
          {t(`explain.aconto.${aconto.outcome}`, { difference: money(Math.abs(aconto.differenceMinor)) })}
        </p>
      ) : null}
      {aconto.nextPeriod ? (
        <p>
          {t("explain.aconto.next", {
            period: period(aconto.nextPeriod.from, aconto.nextPeriod.to),
            amount: money(aconto.nextAmountMinor),
            kWh: aconto.nextKwh ? kwh(aconto.nextKwh) : "none",
          })}
        </p>
      ) : null}
      {aconto.expectedYearlyKwh !== null ? (
        <p>
          {t("explain.aconto.expected", { kWh: formatDecimal(String(aconto.expectedYearlyKwh), locale) })}{" "}
          {aconto.basisSource === "contract"
            ? t("explain.aconto.contractBasis")
            : aconto.basis
              ? t("explain.aconto.basis", {
                  basisKwh: formatDecimal(String(aconto.basis.kWh), locale),
                  days: aconto.basis.days,
                  kWh: formatDecimal(String(aconto.expectedYearlyKwh), locale),
                })
              : null}
        </p>
      ) : null}
    </Part>
  );
}

function Correction({ f, correction }: { f: Formatters; correction: InvoiceExplanation["correction"] }) {
  const { t, invoice, money, period, kwh } = f;
  if (!correction || !invoice.corrects) return null;
  return (
    <Part title={t("explain.correctionTitle")}>
      <p>
        {t.rich(correction.role === "creditNote" ? "explain.correction.creditNote" : "explain.correction.rebill", {
          number: correction.original.invoiceNumber,
          link: (chunks) => (
            <Link href={`/fakturor/${invoice.corrects!.id}`} className={textLink}>
              {chunks}
            </Link>
          ),
          period: period(correction.original.periodStart, correction.original.periodEnd),
          amount: money(correction.original.totalAmountMinor),
        })}{" "}
        {correction.replacedByInvoiceNumber ? t("explain.correction.replacedBy", { number: correction.replacedByInvoiceNumber }) : null}
      </p>
      {correction.role === "rebill" ? (
        <p>
          {t("explain.correction.difference", {
            original: money(correction.original.totalAmountMinor),
            difference: correction.differenceMinor > 0 ? "more" : correction.differenceMinor < 0 ? "less" : "same",
            amount: money(Math.abs(correction.differenceMinor)),
          })}
        </p>
      ) : null}
      {correction.reasons.map((reason) => (
        <p key={reason}>{t(`explain.correction.reason.${reason}`)}</p>
      ))}
      {correction.consumptionChange ? (
        <p>{t("explain.correction.consumption", { before: kwh(correction.consumptionChange.before), after: kwh(correction.consumptionChange.after) })}</p>
      ) : null}
      {correction.paidOnEarlierVersionsMinor ? (
        <p>
          {correction.toRefundMinor
            ? t("explain.correction.refundEarlier", { paid: money(correction.paidOnEarlierVersionsMinor), refund: money(correction.toRefundMinor) })
            : t("explain.correction.paidEarlier", { paid: money(correction.paidOnEarlierVersionsMinor), toPay: money(correction.toPayMinor ?? 0) })}
        </p>
      ) : null}
    </Part>
  );
}
