import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/page-header";
import { Td, Tr } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import type { SharingPageView } from "@/server/third-party/get-sharing-view";
import { PAGE_PATH, STEP_ANCHOR, stepHref } from "@/server/third-party/sharing-page-params";
import { type Ctx, dataLines, dates, errorBox, ItemCells, ItemTable, Lines, noteBox, rowLabel } from "./cells";
import { ApproveStep, DeclineStep } from "./steps";
import { Button, LinkButton } from "@/components/ui/button";

/** The requests waiting for an answer, or the approval or decline step for the chosen ones. */
export async function PendingSection({ pending, ctx, now }: { pending: SharingPageView["pending"]; ctx: Ctx; now: Date }) {
  const t = await getTranslations();
  const { t: tp } = ctx;
  const { items, step, stepError, max, bulk } = pending;
  return (
    <Card title={tp("pending.title")} className="mb-6">
      {step?.kind === "approve" ? (
        <ApproveStep chosen={step.chosen} blocked={step.blocked} ctx={ctx} now={now} />
      ) : step?.kind === "decline" ? (
        <DeclineStep chosen={step.chosen} ctx={ctx} />
      ) : (
        <>
          {stepError ? (
            <p id={STEP_ANCHOR} role="alert" className={`mb-4 ${errorBox}`}>
              {t(stepError.key, stepError.values)}
            </p>
          ) : null}
          {items.length === 0 ? <p className="text-slate-800">{tp("pending.none")}</p> : null}
          {pending.decidable ? <p className="mb-3 max-w-prose text-slate-800">{bulk ? tp("pending.intro", { max }) : tp("pending.introOne")}</p> : null}
          {pending.readOnly ? (
            <p role="note" className={`mb-4 ${noteBox}`}>
              {tp("pending.readOnly")}
            </p>
          ) : null}
          {/* Plain GET form: the ticked requests go to the approval or decline step, without JavaScript. */}
          {items.length ? (
            <form method="get" action={`${PAGE_PATH}#${STEP_ANCHOR}`}>
              <PendingTable pending={pending} ctx={ctx} />
              {bulk ? (
                <div className="mt-4 flex flex-wrap items-center gap-3">
                  <p id="markerade-hint" className="basis-full text-sm text-slate-700">
                    {tp("pending.selectedHint", { max })}
                  </p>
                  <Button type="submit" name="atgard" value="godkann" aria-describedby="markerade-hint">
                    {tp("pending.approveSelected")}
                  </Button>
                  <Button type="submit" name="atgard" value="neka" aria-describedby="markerade-hint" variant="secondary">
                    {tp("pending.declineSelected")}
                  </Button>
                </div>
              ) : null}
            </form>
          ) : null}
        </>
      )}
    </Card>
  );
}

function PendingTable({ pending, ctx }: { pending: SharingPageView["pending"]; ctx: Ctx }) {
  const { t, locale } = ctx;
  const { items, bulk } = pending;
  return (
    <ItemTable
      t={t}
      caption={t("pending.caption")}
      columns={["pending.colSender", "pending.colInstallation", "pending.colPurpose", "pending.colRequested", "pending.colAnswerBy", pending.decidable > 0 && "pending.colActions"]}
    >
      {items.map((item) => {
        const d = dates(item, locale);
        const label = rowLabel(item);
        return (
          <Tr key={item.id}>
            <ItemCells item={item} ctx={ctx} />
            <Td className="min-w-44 max-w-xs align-top">{item.purpose}</Td>
            <Td className="min-w-44 align-top">
              <Lines lines={[...dataLines(item, ctx), t("pending.validUntil", { date: formatDate(d.requestedLastDay, locale) })]} />
            </Td>
            <Td className="whitespace-nowrap align-top font-medium tabular-nums">{d.answerByLastDay ?? "–"}</Td>
            {pending.decidable ? (
              <Td className="align-top">
                {item.canDecide ? (
                  <span className="flex flex-col gap-2">
                    <LinkButton href={stepHref("godkann", [item.id])} size="sm">
                      {t("pending.approve")}
                      <span className="sr-only"> {t("pending.rowSuffix", label)}</span>
                    </LinkButton>
                    <LinkButton href={stepHref("neka", [item.id])} size="sm" variant="secondary">
                      {t("pending.decline")}
                      <span className="sr-only"> {t("pending.rowSuffix", label)}</span>
                    </LinkButton>
                    {/* Ticked rows are handled together with the buttons under the table. */}
                    {bulk ? (
                      <span className="mt-1 flex items-center gap-2">
                        <input id={`valj-${item.id}`} type="checkbox" name="id" value={item.id} className="h-4 w-4 accent-sky-800" />
                        <label htmlFor={`valj-${item.id}`} className="text-sm text-slate-900">
                          {t("pending.mark")}
                          <span className="sr-only"> {t("pending.rowSuffix", label)}</span>
                        </label>
                      </span>
                    ) : null}
                  </span>
                ) : (
                  <span className="text-sm text-slate-700">{t("pending.cannotDecide")}</span>
                )}
              </Td>
            ) : null}
          </Tr>
        );
      })}
    </ItemTable>
  );
}
