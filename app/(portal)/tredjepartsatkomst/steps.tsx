import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/form-status";
import { Td, Tr } from "@/components/ui/table";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import { localDate } from "@/domain/time/zoned";
import { formatDate } from "@/lib/format";
import { declineRequestsAction } from "@/server/actions/third-party-actions";
import type { ThirdPartyAccessItem } from "@/server/third-party/list-third-party-access";
import { PAGE_PATH, STEP_ANCHOR } from "@/server/third-party/sharing-page-params";
import { ApprovalForm, type ApprovalRow } from "./forms";
import { type Ctx, dataLines, dates, installationLines, installationName, ItemCells, ItemTable, lineText, link } from "./cells";

export function ApproveStep({ chosen, blocked, ctx, now }: { chosen: ThirdPartyAccessItem[]; blocked: "notConfigured" | "notLinked" | null; ctx: Ctx; now: Date }) {
  const { t, locale } = ctx;
  const rows: ApprovalRow[] = chosen.map((item) => {
    const d = dates(item, locale);
    return {
      id: item.id,
      company: item.thirdParty.name,
      organisationNumber: t("common.orgNo", { number: formatOrganisationNumber(item.thirdParty.organisationNumber) }),
      installation: installationName(item),
      installationDetail: installationLines(item, ctx).map(lineText),
      data: dataLines(item, ctx),
      min: localDate(now, item.installation.timeZone),
      max: d.requestedLastDay,
      maxLabel: formatDate(d.requestedLastDay, locale),
    };
  });
  return (
    <section id={STEP_ANCHOR} aria-labelledby="godkann-rubrik">
      <h3 id="godkann-rubrik" className="mb-2 text-base font-semibold text-slate-900">
        {t("approve.title", { count: chosen.length })}
      </h3>
      <p className="mb-4 max-w-prose text-slate-800">{t("approve.intro")}</p>
      <ApprovalForm rows={rows} blocked={blocked} cancelHref={PAGE_PATH} />
    </section>
  );
}

export function DeclineStep({ chosen, ctx }: { chosen: ThirdPartyAccessItem[]; ctx: Ctx }) {
  const { t, locale } = ctx;
  return (
    <section id={STEP_ANCHOR} aria-labelledby="neka-rubrik">
      <h3 id="neka-rubrik" className="mb-2 text-base font-semibold text-slate-900">
        {t("decline.title", { count: chosen.length })}
      </h3>
      <p className="mb-4 max-w-prose text-slate-800">{t("decline.intro", { count: chosen.length })}</p>
      <ItemTable t={t} caption={t("decline.caption")} className="mb-4" columns={["pending.colSender", "pending.colInstallation", "pending.colData", "pending.colValidity"]}>
        {chosen.map((item) => (
          <Tr key={item.id}>
            <ItemCells item={item} ctx={ctx} data="align-top" />
            <Td className="whitespace-nowrap align-top tabular-nums">{formatDate(dates(item, locale).requestedLastDay, locale)}</Td>
          </Tr>
        ))}
      </ItemTable>
      <ActionForm action={declineRequestsAction}>
        <input type="hidden" name="ids" value={chosen.map((c) => c.id).join(",")} />
        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton variant="danger">{t("decline.submit", { count: chosen.length })}</SubmitButton>
          <Link href={PAGE_PATH} className={link}>
            {t("decline.cancel")}
          </Link>
        </div>
      </ActionForm>
    </section>
  );
}
