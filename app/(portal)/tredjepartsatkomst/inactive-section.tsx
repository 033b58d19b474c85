import { Card } from "@/components/ui/page-header";
import { Td, Tr } from "@/components/ui/table";
import { localDate } from "@/domain/time/zoned";
import { formatDate } from "@/lib/format";
import type { ThirdPartyAccessItem } from "@/server/third-party/list-third-party-access";
import { type Ctx, dates, ItemCells, ItemTable } from "./cells";

/** Declined, ended and expired requests and consents, with when and by whom. */
export function InactiveSection({ inactive, ctx }: { inactive: ThirdPartyAccessItem[]; ctx: Ctx }) {
  const { t, locale } = ctx;
  return (
    <Card title={t("inactive.title")} className="mb-6">
      {inactive.length === 0 ? (
        <p className="text-slate-800">{t("inactive.none")}</p>
      ) : (
        <>
          <p className="mb-3 max-w-prose text-slate-800">{t("inactive.intro")}</p>
          <ItemTable t={t} caption={t("inactive.caption")} columns={["inactive.colCompany", "inactive.colInstallation", "inactive.colData", "inactive.colStatus", "inactive.colDate"]}>
            {inactive.map((item) => {
              const d = dates(item, locale);
              const tz = item.installation.timeZone;
              // An expired request that was never approved has no validity: it went unanswered.
              const state = item.state === "EXPIRED" && item.validTo === null ? "UNANSWERED" : item.state;
              const when =
                state === "DECLINED"
                  ? item.decidedAt
                  : state === "UNANSWERED"
                    ? (item.endedAt ?? item.answerBy)
                    : state === "EXPIRED"
                      ? null
                      : item.endedAt;
              const dateText = state === "EXPIRED" ? d.validLastDay : when ? formatDate(localDate(when, tz), locale) : null;
              return (
                <Tr key={item.id}>
                  <ItemCells item={item} ctx={ctx} data="min-w-36 align-top" />
                  <Td className="align-top">
                    <span className="block font-medium">{t(`inactive.state.${state as "DECLINED"}`)}</span>
                    {state === "DECLINED" && item.decidedByName ? <span className="block text-slate-700">{t("inactive.by", { name: item.decidedByName })}</span> : null}
                    {state === "TERMINATED_BY_CUSTOMER" && item.endedByName ? <span className="block text-slate-700">{t("inactive.by", { name: item.endedByName })}</span> : null}
                    {/* Approved once: it applied from the approval to its end (ended early, or its last day). */}
                    {d.validFrom && state !== "DECLINED" && state !== "UNANSWERED" ? (
                      <span className="block text-slate-700">{t("inactive.validity", { from: d.validFrom, to: (state === "EXPIRED" ? d.validLastDay : dateText) ?? "–" })}</span>
                    ) : null}
                  </Td>
                  <Td className="whitespace-nowrap align-top tabular-nums">{dateText ?? "–"}</Td>
                </Tr>
              );
            })}
          </ItemTable>
        </>
      )}
    </Card>
  );
}
