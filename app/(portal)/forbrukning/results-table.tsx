import { getTranslations } from "next-intl/server";
import { RowHeader, Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { formatNumber } from "@/lib/format";
import type { Comparison } from "@/server/consumption/get-comparison";
import type { ConsumptionBucket } from "@/server/consumption/schemas";
import type { BucketLabels } from "./labels";

export type ResultRow = { bucket: ConsumptionBucket; labels: BucketLabels; previous: ConsumptionBucket | null; typical: number | null };

/** The consumption per bucket with last year's and the typical values, the number of values and notes. */
export async function ResultsTable({ comparison, rows, locale, decimals, caption }: { comparison: Comparison; rows: ResultRow[]; locale: string; decimals: number; caption: string }) {
  const t = await getTranslations("consumption");
  const { current, previousYear, typical } = comparison;
  const mean = current.aggregation === "mean";
  const unit = current.unit;
  const total = current.total;
  const prevTotal = previousYear?.total.value ?? null;
  const n = (v: number) => formatNumber(v, locale, decimals);
  const num = "text-right tabular-nums";
  const valuesOf = (b: { count: number; expected: number }) => t("table.valuesOf", { count: formatNumber(b.count, locale), expected: formatNumber(b.expected, locale) });
  const note = (b: { count: number; expected: number; estimated: number }) =>
    [
      b.count === 0 ? t("note.missing") : b.count < b.expected ? t("note.incomplete", { missing: b.expected - b.count }) : null,
      b.estimated > 0 ? t("note.estimated", { count: b.estimated }) : null,
    ]
      .filter(Boolean)
      .join(". ");

  return (
    <Table caption={caption} showCaption>
      <THead>
        <Th>{t("table.period")}</Th>
        <Th className="text-right">{mean ? t("table.mean", { unit }) : t("table.value", { unit })}</Th>
        {previousYear ? <Th className="text-right">{t("table.previousYear", { unit })}</Th> : null}
        {typical ? <Th className="text-right">{t("table.typical", { unit })}</Th> : null}
        <Th className="text-right">{t("table.values")}</Th>
        <Th>{t("table.note")}</Th>
      </THead>
      <TBody>
        {rows.map((r) => {
          const b = r.bucket;
          const flagged = b.count < b.expected || b.estimated > 0;
          return (
            <tr key={b.start} className={b.count < b.expected ? "bg-amber-50" : undefined}>
              <RowHeader className="whitespace-nowrap">{r.labels.label}</RowHeader>
              <Td className={num}>{b.value === null ? t("table.none") : n(b.value)}</Td>
              {previousYear ? <Td className={num}>{r.previous?.value == null ? t("table.none") : n(r.previous.value)}</Td> : null}
              {typical ? <Td className={num}>{r.typical === null ? t("table.none") : n(r.typical)}</Td> : null}
              <Td className={`whitespace-nowrap ${num}`}>{valuesOf(b)}</Td>
              <Td>{flagged ? note(b) : ""}</Td>
            </tr>
          );
        })}
      </TBody>
      <tfoot className="border-t-2 border-slate-300 font-semibold text-slate-900">
        <tr>
          <th scope="row" className="px-4 py-3">
            {mean ? t("table.average") : t("table.sum")}
          </th>
          <Td className={num}>{total.value === null ? t("table.none") : n(total.value)}</Td>
          {previousYear ? <Td className={num}>{prevTotal === null ? t("table.none") : n(prevTotal)}</Td> : null}
          {typical ? <Td className={num}>{n(typical.total)}</Td> : null}
          <Td className={`whitespace-nowrap ${num}`}>{valuesOf(total)}</Td>
          <Td>{total.count < total.expected || total.estimated > 0 ? note(total) : ""}</Td>
        </tr>
      </tfoot>
    </Table>
  );
}
