// The cells and formatting that the page's tables share: company, installation, data and dates.
import { getTranslations } from "next-intl/server";
import { RowHeader, Table, TBody, Td, THead } from "@/components/ui/table";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import { formatMeteringPointId } from "@/domain/identity";
import { addDays, localDate } from "@/domain/time/zoned";
import { formatDate } from "@/lib/format";
import { lastValidDay } from "@/server/third-party/approve-consent-requests";
import type { ThirdPartyAccessItem } from "@/server/third-party/list-third-party-access";

export { textLink as link } from "@/components/ui/text-link";
/** Ending a consent: an outlined red link, quieter than the kit's solid danger button in a table row. */
export const dangerLink =
  "inline-block whitespace-nowrap rounded-md border border-red-700 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 focus:outline-none focus:ring-2 focus:ring-sky-600 focus:ring-offset-2";
export const errorBox = "rounded-md border border-red-700 bg-red-50 px-4 py-3 text-sm text-red-900";
export const noteBox = "rounded-md border border-sky-800 bg-sky-50 px-4 py-3 text-sm text-slate-900";

export type T = Awaited<ReturnType<typeof getTranslations<"thirdParty">>>;
export type Ctx = { t: T; locale: string; several: boolean };

/** The calendar facts of a request in its installation's zone, formatted for the page. */
export function dates(item: ThirdPartyAccessItem, locale: string) {
  const tz = item.installation.timeZone;
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return {
    historyFrom: formatDate(iso(item.dataFrom), locale),
    historyTo: item.dataTo ? formatDate(addDays(iso(item.dataTo), -1), locale) : null,
    requestedLastDay: lastValidDay(item.requestedValidTo, tz),
    answerByLastDay: item.answerBy ? formatDate(lastValidDay(item.answerBy, tz), locale) : null,
    validFrom: item.validFrom ? formatDate(localDate(item.validFrom, tz), locale) : null,
    validLastDay: item.validTo ? formatDate(lastValidDay(item.validTo, tz), locale) : null,
  };
}

export const installationName = (item: ThirdPartyAccessItem) => item.installation.name ?? item.installation.street;

/** A detail line of a cell; identifiers stay on one line. */
type Line = string | { text: string; nowrap?: boolean; mono?: boolean };

export function installationLines(item: ThirdPartyAccessItem, { t, several }: Ctx): Line[] {
  const i = item.installation;
  return [
    i.name ? `${i.street}, ${i.city}` : i.city,
    { text: formatMeteringPointId(i.meteringPointId), nowrap: true, mono: true },
    ...(several ? [{ text: t("common.customerNumber", { number: item.customer.customerNumber }), nowrap: true }] : []),
  ];
}

export function dataLines(item: ThirdPartyAccessItem, { t, locale }: Ctx): string[] {
  const d = dates(item, locale);
  return [t(`resolution.${item.resolution}`), d.historyTo ? t("common.historyRange", { from: d.historyFrom, to: d.historyTo }) : t("common.historyFrom", { from: d.historyFrom })];
}

export const lineText = (line: Line) => (typeof line === "string" ? line : line.text);

export function Lines({ lines, lead }: { lines: Line[]; lead?: React.ReactNode }) {
  return (
    <>
      {lead !== undefined ? <span className="block">{lead}</span> : null}
      {lines.map((line, i) => {
        const l = typeof line === "string" ? { text: line } : line;
        const muted = lead !== undefined || i > 0 ? "text-slate-700" : "";
        return (
          <span key={i} className={`block ${muted} ${l.nowrap ? "whitespace-nowrap" : ""} ${l.mono ? "font-mono text-xs tabular-nums" : ""}`}>
            {l.text}
          </span>
        );
      })}
    </>
  );
}

/** The installation a request or consent is about: its name, address, metering point (and customer). */
function InstallationCell({ item, ctx }: { item: ThirdPartyAccessItem; ctx: Ctx }) {
  return (
    <Td className="align-top">
      <Lines lead={installationName(item)} lines={installationLines(item, ctx)} />
    </Td>
  );
}

function CompanyCell({ item, t }: { item: ThirdPartyAccessItem; t: T }) {
  return (
    <RowHeader className="align-top">
      <span className="block font-medium">{item.thirdParty.name}</span>
      <span className="block whitespace-nowrap text-slate-700">{t("common.orgNo", { number: formatOrganisationNumber(item.thirdParty.organisationNumber) })}</span>
    </RowHeader>
  );
}

export function ApprovedCell({ item, ctx }: { item: ThirdPartyAccessItem; ctx: Ctx }) {
  if (!item.decidedAt) return <Td className="align-top">–</Td>;
  return (
    <Td className="align-top">
      <span className="block whitespace-nowrap tabular-nums">{formatDate(localDate(item.decidedAt, item.installation.timeZone), ctx.locale)}</span>
      {item.decidedByName ? <span className="block text-slate-700">{ctx.t("active.by", { name: item.decidedByName })}</span> : null}
    </Td>
  );
}

/** A table of requests or consents: its caption and the column headers from their message keys. */
export function ItemTable({ t, caption, columns, className, children }: { t: T; caption: string; columns: (string | false)[]; className?: string; children: React.ReactNode }) {
  return (
    <Table caption={caption} className={`relative ${className ? `${className} ` : ""}rounded-md border border-slate-200`}>
      <THead columns={columns.filter((key): key is string => key !== false).map((key) => t(key))} />
      <TBody>{children}</TBody>
    </Table>
  );
}

/**
 * The cells every row starts with: the company, the installation and (with `data`, the data
 * cell's classes) what data is shared: its resolution and history.
 */
export function ItemCells({ item, ctx, data }: { item: ThirdPartyAccessItem; ctx: Ctx; data?: string }) {
  return (
    <>
      <CompanyCell item={item} t={ctx.t} />
      <InstallationCell item={item} ctx={ctx} />
      {data ? (
        <Td className={data}>
          <Lines lines={dataLines(item, ctx)} />
        </Td>
      ) : null}
    </>
  );
}

/** Who and what a row's links are about, for screen readers ("… Solkollen AB, Villa – el"). */
export const rowLabel = (item: ThirdPartyAccessItem) => ({ company: item.thirdParty.name, installation: installationName(item) });
