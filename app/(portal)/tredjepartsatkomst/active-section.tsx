import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/form-status";
import { Card } from "@/components/ui/page-header";
import { Td, Tr } from "@/components/ui/table";
import { terminateConsentAction } from "@/server/actions/third-party-actions";
import type { SharingPageView } from "@/server/third-party/get-sharing-view";
import type { ThirdPartyAccessItem } from "@/server/third-party/list-third-party-access";
import { END_ANCHOR, endHref, PAGE_PATH } from "@/server/third-party/sharing-page-params";
import { ApprovedCell, type Ctx, dangerLink, dates, errorBox, installationName, ItemCells, ItemTable, link, noteBox, rowLabel } from "./cells";

/** The active consents, or the confirmation before ending one. */
export function ActiveSection({ view, ctx }: { view: SharingPageView["active"]; ctx: Ctx }) {
  const { t, locale } = ctx;
  const { items: active, ending, endingGone } = view;
  const anyDecidable = active.some((a) => a.canDecide);
  return (
    <Card title={t("active.title")} className="mb-6">
      {ending ? (
        <EndStep ending={ending} ctx={ctx} />
      ) : active.length === 0 ? (
        <p className="text-slate-800">{t("active.none")}</p>
      ) : (
        <>
          {endingGone ? (
            <p id={END_ANCHOR} role="alert" className={`mb-4 ${errorBox}`}>
              {t("active.endGone")}
            </p>
          ) : null}
          <p className="mb-3 max-w-prose text-slate-800">{t("active.intro")}</p>
          {active.some((a) => !a.canDecide) ? (
            <p role="note" className={`mb-4 ${noteBox}`}>
              {t("active.readOnly")}
            </p>
          ) : null}
          <ItemTable
            t={t}
            caption={t("active.caption")}
            columns={["active.colCompany", "active.colInstallation", "active.colData", "active.colValidity", "active.colApproved", anyDecidable && "active.colActions"]}
          >
            {active.map((item) => {
              const d = dates(item, locale);
              return (
                <Tr key={item.id}>
                  <ItemCells item={item} ctx={ctx} data="min-w-36 align-top" />
                  <Td className="whitespace-nowrap align-top tabular-nums">{t("common.period", { from: d.validFrom ?? "–", to: d.validLastDay ?? "–" })}</Td>
                  <ApprovedCell item={item} ctx={ctx} />
                  {anyDecidable ? (
                    <Td className="align-top">
                      {item.canDecide ? (
                        <Link href={endHref(item.id)} className={dangerLink}>
                          {t("active.end")}
                          <span className="sr-only"> {t("active.endSuffix", rowLabel(item))}</span>
                        </Link>
                      ) : (
                        <span className="text-sm text-slate-700">{t("active.cannotEnd")}</span>
                      )}
                    </Td>
                  ) : null}
                </Tr>
              );
            })}
          </ItemTable>
        </>
      )}
    </Card>
  );
}

/** The confirmation before ending an active consent. */
function EndStep({ ending, ctx }: { ending: ThirdPartyAccessItem; ctx: Ctx }) {
  const { t, locale } = ctx;
  return (
    <section id={END_ANCHOR} aria-labelledby="avsluta-rubrik">
      <h3 id="avsluta-rubrik" className="mb-2 text-base font-semibold text-slate-900">
        {t("active.endTitle")}
      </h3>
      <p className="mb-4 max-w-prose text-slate-800">{t("active.endConfirm", { company: ending.thirdParty.name, installation: installationName(ending) })}</p>
      <ItemTable t={t} caption={t("active.endCaption")} className="mb-4" columns={["active.colCompany", "active.colInstallation", "active.colData", "active.colValidity"]}>
        <Tr>
          <ItemCells item={ending} ctx={ctx} data="min-w-36 align-top" />
          <Td className="whitespace-nowrap align-top tabular-nums">
            {t("common.period", { from: dates(ending, locale).validFrom ?? "–", to: dates(ending, locale).validLastDay ?? "–" })}
          </Td>
        </Tr>
      </ItemTable>
      <ActionForm action={terminateConsentAction}>
        <input type="hidden" name="id" value={ending.id} />
        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton variant="danger">{t("active.endSubmit")}</SubmitButton>
          <Link href={PAGE_PATH} className={link}>
            {t("active.endCancel")}
          </Link>
        </div>
      </ActionForm>
    </section>
  );
}
