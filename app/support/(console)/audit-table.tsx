import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { AUDIT_TIME_ZONE, type AuditRow } from "@/server/support/list-audit-log";

type T = Awaited<ReturnType<typeof getTranslations<"support">>>;

/** The label for an audit action; unknown actions are shown as they are stored. */
export function actionLabel(t: T, action: string): string {
  const key = `actions.${action}`;
  return /^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(action) && t.has(key as never) ? t(key as never) : action;
}

function detailValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(detailValue).join(", ");
  if (value === null || value === undefined) return "–";
  // A nested record (the before and after of a change) as "key: value" pairs rather than JSON.
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${detailValue(v)}`)
      .join(", ");
  }
  return String(value);
}

// The reason first: it is what a reader of a void entry looks for.
const DETAIL_ORDER = ["reason", "email", "customerNumbers"];
const rank = (key: string) => (DETAIL_ORDER.includes(key) ? DETAIL_ORDER.indexOf(key) : DETAIL_ORDER.length);

function Details({ row, t }: { row: AuditRow; t: T }) {
  const entries = Object.entries(row.details).sort(([a], [b]) => rank(a) - rank(b));
  if (row.ipAddress) entries.push(["ip", row.ipAddress]);
  if (!entries.length) return <span aria-hidden="true">–</span>;
  return (
    <dl className="space-y-0.5">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt className="inline font-medium">{t.has(`detail.${key}` as never) ? t(`detail.${key}` as never) : key}:</dt>{" "}
          <dd className="inline break-words">{detailValue(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Audit entries as a table: time in Swedish time, who, what, about whom, which customer, details. */
export async function AuditTable({ rows, caption, captionVisible = false }: { rows: AuditRow[]; caption: string; captionVisible?: boolean }) {
  const [t, locale] = await Promise.all([getTranslations("support"), getLocale()]);
  return (
    <Table caption={caption} showCaption={captionVisible} density="compact">
      <THead columns={[{ label: t("col.time"), className: "whitespace-nowrap" }, t("col.actor"), t("col.action"), t("col.target"), t("col.customerNumber"), t("col.details")]} />
      <TBody>
        {rows.map((r) => (
          <Tr key={r.id}>
            <Td className="whitespace-nowrap">
              <time dateTime={r.at.toISOString()}>{formatDateTime(r.at, locale, AUDIT_TIME_ZONE)}</time>
            </Td>
            <Td className="break-words">
              {r.actorType === "SYSTEM" ? (
                t("actor.SYSTEM")
              ) : (
                <>
                  {r.actorLabel ?? t("actor.unknown")}
                  <span className="block text-xs text-slate-600">{t(`actor.${r.actorType}`)}</span>
                </>
              )}
            </Td>
            <RowHeader className="font-medium">{actionLabel(t, r.action)}</RowHeader>
            <Td className="break-words">
              {t.has(`target.${r.targetType}` as never) ? t(`target.${r.targetType}` as never) : r.targetType}
              {r.targetLabel ? <span className="block text-slate-700">{r.targetLabel}</span> : null}
            </Td>
            <Td>
              {r.customerId && r.customerNumber ? (
                <Link href={`/support/kunder/${r.customerId}`} className="text-sky-800 underline">
                  {r.customerNumber}
                </Link>
              ) : (
                "–"
              )}
            </Td>
            <Td>
              <Details row={r} t={t} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
