import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Field, SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/form-status";
import { Card, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { RowHeader, Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import { formatMeteringPointId } from "@/domain/identity";
import { addDays, localDate } from "@/domain/time/zoned";
import { formatDate, formatDateTime, formatNumber } from "@/lib/format";
import type { CustomerActor } from "@/server/access/actor";
import { declineRequestsAction, terminateConsentAction } from "@/server/actions/third-party-actions";
import { requireCustomer } from "@/server/auth/session";
import { elegConfig } from "@/server/eleg/config";
import { getMyAccount } from "@/server/eleg/get-my-account";
import { isAppError } from "@/server/errors";
import { lastValidDay } from "@/server/third-party/approve-consent-requests";
import { MAX_REQUESTS_PER_DECISION } from "@/server/third-party/decide-as-customer";
import { deliveryFilterFields, listDataDeliveries, type DataDeliveryList, type DeliveryFilters } from "@/server/third-party/list-data-deliveries";
import { listThirdPartyAccess, type ThirdPartyAccessItem } from "@/server/third-party/list-third-party-access";
import { ActionForm } from "@/components/ui/action-form";
import { ApprovalForm, type ApprovalRow } from "./forms";
import { all, END_ANCHOR, endHref, first, LOG_ANCHOR, logExportHref, logHref, PAGE_PATH, parseLogParams, STEP_ANCHOR, stepHref, type LogParams, type SearchParams } from "./page-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("thirdParty"))("title") };
}

const link = "font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950";
const buttonLink =
  "inline-block rounded-md px-3 py-1.5 text-sm font-medium focus:outline-none focus:ring-2 focus:ring-sky-600 focus:ring-offset-2";
const primaryLink = `${buttonLink} bg-sky-800 text-white hover:bg-sky-900`;
const secondaryLink = `${buttonLink} border border-slate-400 bg-white text-slate-900 hover:bg-slate-50`;
const dangerLink = `${buttonLink} whitespace-nowrap border border-red-700 bg-white text-red-800 hover:bg-red-50`;
const SIGNING_FAILURES = ["utgangen", "fel-anvandare", "fel-person", "upptagen", "annan-koppling", "fel-text", "leverantor"] as const;

type T = Awaited<ReturnType<typeof getTranslations<"thirdParty">>>;
type Ctx = { t: T; locale: string; several: boolean };

/** The calendar facts of a request in its installation's zone, formatted for the page. */
function dates(item: ThirdPartyAccessItem, locale: string) {
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

const installationName = (item: ThirdPartyAccessItem) => item.installation.name ?? item.installation.street;

/** A detail line of a cell; identifiers stay on one line. */
type Line = string | { text: string; nowrap?: boolean; mono?: boolean };

function installationLines(item: ThirdPartyAccessItem, { t, several }: Ctx): Line[] {
  const i = item.installation;
  return [
    i.name ? `${i.street}, ${i.city}` : i.city,
    { text: formatMeteringPointId(i.meteringPointId), nowrap: true, mono: true },
    ...(several ? [{ text: t("common.customerNumber", { number: item.customer.customerNumber }), nowrap: true }] : []),
  ];
}

function dataLines(item: ThirdPartyAccessItem, { t, locale }: Ctx): string[] {
  const d = dates(item, locale);
  return [t(`resolution.${item.resolution}`), d.historyTo ? t("common.historyRange", { from: d.historyFrom, to: d.historyTo }) : t("common.historyFrom", { from: d.historyFrom })];
}

const lineText = (line: Line) => (typeof line === "string" ? line : line.text);

function Lines({ lines, lead }: { lines: Line[]; lead?: React.ReactNode }) {
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

/**
 * Tredjepartsåtkomst (seed 002): the requests waiting for the customer (approve with
 * e-legitimation, decline after a confirmation), the active consents (end), the ended ones, and
 * the sharing log with filters and export.
 */
export default async function ThirdPartyAccessPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireCustomer();
  const [t, locale, sp] = await Promise.all([getTranslations("thirdParty"), getLocale(), searchParams]);
  const now = new Date();
  const overview = await listThirdPartyAccess(actor, now);
  const ctx: Ctx = { t, locale, several: actor.customers.length > 1 };

  return (
    <>
      <PageHeader
        title={t("title")}
        intro={
          <>
            {t("intro")}{" "}
            <a href="#om" className={link}>
              {t("aboutLink")}
            </a>
          </>
        }
      />
      <Outcome sp={sp} inactive={overview.inactive} />
      <PendingSection actor={actor} sp={sp} pending={overview.pending} ctx={ctx} now={now} />
      <ActiveSection active={overview.active} sp={sp} ctx={ctx} />
      <InactiveSection inactive={overview.inactive} ctx={ctx} />
      <LogSection actor={actor} params={parseLogParams(sp)} ctx={ctx} />
      <AboutSection />
    </>
  );
}

/** The banner after an action or a signing (the address says what happened). */
async function Outcome({ sp, inactive }: { sp: SearchParams; inactive: ThirdPartyAccessItem[] }) {
  const t = await getTranslations("thirdParty");
  const te = await getTranslations("eleg");
  const count = Math.max(1, Number.parseInt(first(sp.antal), 10) || 1);
  const outcome = first(sp.utfall);
  const signing = first(sp.signering);
  let message: { ok: boolean; text: string } | null = null;
  if (outcome === "godkanda") message = { ok: true, text: t("outcome.approved", { count }) };
  else if (outcome === "nekade") message = { ok: true, text: t("outcome.declined", { count }) };
  else if (outcome === "avslutat") {
    const ended = inactive.find((i) => i.id === first(sp.id));
    message = { ok: true, text: ended ? t("outcome.terminated", { company: ended.thirdParty.name }) : t("outcome.terminatedGeneric") };
  } else if (outcome === "misslyckat") message = { ok: false, text: t(first(sp.orsak) === "ingen-signatur" ? "outcome.failed.ingen-signatur" : "outcome.failed.andrad") };
  else if (signing === "avbruten") message = { ok: false, text: t("outcome.cancelled") };
  else if (signing === "fel") {
    const reason = SIGNING_FAILURES.find((r) => r === first(sp.orsak)) ?? "leverantor";
    message = { ok: false, text: te(`outcome.failed.${reason}`) };
  }
  if (!message) return null;
  return (
    <div
      role={message.ok ? "status" : "alert"}
      className={`mb-6 rounded-md border px-4 py-3 text-sm ${message.ok ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900"}`}
    >
      {message.text}
    </div>
  );
}

async function PendingSection({ actor, sp, pending, ctx, now }: { actor: CustomerActor; sp: SearchParams; pending: ThirdPartyAccessItem[]; ctx: Ctx; now: Date }) {
  const { t, locale } = ctx;
  const max = MAX_REQUESTS_PER_DECISION;
  const decidable = pending.filter((p) => p.canDecide);
  const readOnlyRows = pending.some((p) => !p.canDecide);
  // Ticking several to handle at once makes sense only when there are several to handle.
  const bulk = decidable.length > 1;

  // The second step (?atgard=godkann|neka&id=…): only requests still waiting that the user may decide.
  const step = first(sp.atgard);
  const chosenIds = all(sp.id);
  let stepError: string | null = null;
  let chosen: ThirdPartyAccessItem[] = [];
  if (step === "godkann" || step === "neka") {
    if (chosenIds.length === 0) stepError = t("pending.choose.none");
    else if (chosenIds.length > max) stepError = t("pending.choose.tooMany", { max });
    else {
      chosen = chosenIds.map((id) => decidable.find((p) => p.id === id)).filter((p): p is ThirdPartyAccessItem => p !== undefined);
      if (chosen.length !== chosenIds.length) {
        stepError = t("pending.choose.unknown");
        chosen = [];
      }
    }
  }

  return (
    <Card title={t("pending.title")} className="mb-6">
      {chosen.length && step === "godkann" ? (
        <ApproveStep actor={actor} chosen={chosen} ctx={ctx} now={now} />
      ) : chosen.length && step === "neka" ? (
        <DeclineStep chosen={chosen} ctx={ctx} />
      ) : (
        <>
          {stepError ? (
            <p id={STEP_ANCHOR} role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 px-4 py-3 text-sm text-red-900">
              {stepError}
            </p>
          ) : null}
          {pending.length === 0 ? <p className="text-slate-800">{t("pending.none")}</p> : null}
          {decidable.length ? <p className="mb-3 max-w-prose text-slate-800">{bulk ? t("pending.intro", { max }) : t("pending.introOne")}</p> : null}
          {readOnlyRows ? (
            <p role="note" className="mb-4 rounded-md border border-sky-800 bg-sky-50 px-4 py-3 text-sm text-slate-900">
              {t("pending.readOnly")}
            </p>
          ) : null}
          {/* Plain GET form: the ticked requests go to the approval or decline step, without JavaScript. */}
          {pending.length ? (
            <form method="get" action={`${PAGE_PATH}#${STEP_ANCHOR}`}>
              <Table caption={t("pending.caption")} className="relative rounded-md border border-slate-200">
                <THead>
                  <Th>{t("pending.colSender")}</Th>
                  <Th>{t("pending.colInstallation")}</Th>
                  <Th>{t("pending.colPurpose")}</Th>
                  <Th>{t("pending.colRequested")}</Th>
                  <Th>{t("pending.colAnswerBy")}</Th>
                  {decidable.length ? <Th>{t("pending.colActions")}</Th> : null}
                </THead>
                <TBody>
                  {pending.map((item) => {
                    const d = dates(item, locale);
                    const label = { company: item.thirdParty.name, installation: installationName(item) };
                    return (
                      <tr key={item.id}>
                        <CompanyCell item={item} t={t} />
                        <InstallationCell item={item} ctx={ctx} />
                        <Td className="min-w-44 max-w-xs align-top">{item.purpose}</Td>
                        <Td className="min-w-44 align-top">
                          <Lines lines={[...dataLines(item, ctx), t("pending.validUntil", { date: formatDate(d.requestedLastDay, locale) })]} />
                        </Td>
                        <Td className="whitespace-nowrap align-top font-medium tabular-nums">{d.answerByLastDay ?? "–"}</Td>
                        {decidable.length ? (
                          <Td className="align-top">
                            {item.canDecide ? (
                              <span className="flex flex-col gap-2">
                                <Link href={stepHref("godkann", [item.id])} className={primaryLink}>
                                  {t("pending.approve")}
                                  <span className="sr-only"> {t("pending.rowSuffix", label)}</span>
                                </Link>
                                <Link href={stepHref("neka", [item.id])} className={secondaryLink}>
                                  {t("pending.decline")}
                                  <span className="sr-only"> {t("pending.rowSuffix", label)}</span>
                                </Link>
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
                      </tr>
                    );
                  })}
                </TBody>
              </Table>
              {bulk ? (
                <div className="mt-4 flex flex-wrap items-center gap-3">
                  <p id="markerade-hint" className="basis-full text-sm text-slate-700">
                    {t("pending.selectedHint", { max })}
                  </p>
                  <button
                    type="submit"
                    name="atgard"
                    value="godkann"
                    aria-describedby="markerade-hint"
                    className="rounded-md bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 focus:outline-none focus:ring-2 focus:ring-sky-600 focus:ring-offset-2"
                  >
                    {t("pending.approveSelected")}
                  </button>
                  <button
                    type="submit"
                    name="atgard"
                    value="neka"
                    aria-describedby="markerade-hint"
                    className="rounded-md border border-slate-400 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-sky-600 focus:ring-offset-2"
                  >
                    {t("pending.declineSelected")}
                  </button>
                </div>
              ) : null}
            </form>
          ) : null}
        </>
      )}
    </Card>
  );
}

async function ApproveStep({ actor, chosen, ctx, now }: { actor: CustomerActor; chosen: ThirdPartyAccessItem[]; ctx: Ctx; now: Date }) {
  const { t, locale } = ctx;
  const configured = elegConfig() !== null;
  const linked = configured ? (await getMyAccount(actor)).personalIdNumber !== null : false;
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
      <ApprovalForm rows={rows} blocked={!configured ? "notConfigured" : linked ? null : "notLinked"} cancelHref={PAGE_PATH} />
    </section>
  );
}

function DeclineStep({ chosen, ctx }: { chosen: ThirdPartyAccessItem[]; ctx: Ctx }) {
  const { t, locale } = ctx;
  return (
    <section id={STEP_ANCHOR} aria-labelledby="neka-rubrik">
      <h3 id="neka-rubrik" className="mb-2 text-base font-semibold text-slate-900">
        {t("decline.title", { count: chosen.length })}
      </h3>
      <p className="mb-4 max-w-prose text-slate-800">{t("decline.intro", { count: chosen.length })}</p>
      <Table caption={t("decline.caption")} className="relative mb-4 rounded-md border border-slate-200">
        <THead>
          <Th>{t("pending.colSender")}</Th>
          <Th>{t("pending.colInstallation")}</Th>
          <Th>{t("pending.colData")}</Th>
          <Th>{t("pending.colValidity")}</Th>
        </THead>
        <TBody>
          {chosen.map((item) => (
            <tr key={item.id}>
              <CompanyCell item={item} t={t} />
              <InstallationCell item={item} ctx={ctx} />
              <Td className="align-top">
                <Lines lines={dataLines(item, ctx)} />
              </Td>
              <Td className="whitespace-nowrap align-top tabular-nums">{formatDate(dates(item, locale).requestedLastDay, locale)}</Td>
            </tr>
          ))}
        </TBody>
      </Table>
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

function ApprovedCell({ item, ctx }: { item: ThirdPartyAccessItem; ctx: Ctx }) {
  if (!item.decidedAt) return <Td className="align-top">–</Td>;
  return (
    <Td className="align-top">
      <span className="block whitespace-nowrap tabular-nums">{formatDate(localDate(item.decidedAt, item.installation.timeZone), ctx.locale)}</span>
      {item.decidedByName ? <span className="block text-slate-700">{ctx.t("active.by", { name: item.decidedByName })}</span> : null}
    </Td>
  );
}

function ActiveSection({ active, sp, ctx }: { active: ThirdPartyAccessItem[]; sp: SearchParams; ctx: Ctx }) {
  const { t, locale } = ctx;
  const anyDecidable = active.some((a) => a.canDecide);
  // The confirmation step (?atgard=avsluta&id=…): only a consent the user may end.
  const ending = first(sp.atgard) === "avsluta" ? active.find((a) => a.id === first(sp.id) && a.canDecide) : undefined;
  const endingGone = first(sp.atgard) === "avsluta" && !ending;
  return (
    <Card title={t("active.title")} className="mb-6">
      {ending ? (
        <section id={END_ANCHOR} aria-labelledby="avsluta-rubrik">
          <h3 id="avsluta-rubrik" className="mb-2 text-base font-semibold text-slate-900">
            {t("active.endTitle")}
          </h3>
          <p className="mb-4 max-w-prose text-slate-800">{t("active.endConfirm", { company: ending.thirdParty.name, installation: installationName(ending) })}</p>
          <Table caption={t("active.endCaption")} className="relative mb-4 rounded-md border border-slate-200">
            <THead>
              <Th>{t("active.colCompany")}</Th>
              <Th>{t("active.colInstallation")}</Th>
              <Th>{t("active.colData")}</Th>
              <Th>{t("active.colValidity")}</Th>
            </THead>
            <TBody>
              <tr>
                <CompanyCell item={ending} t={t} />
                <InstallationCell item={ending} ctx={ctx} />
                <Td className="min-w-36 align-top">
                  <Lines lines={dataLines(ending, ctx)} />
                </Td>
                <Td className="whitespace-nowrap align-top tabular-nums">
                  {t("common.period", { from: dates(ending, locale).validFrom ?? "–", to: dates(ending, locale).validLastDay ?? "–" })}
                </Td>
              </tr>
            </TBody>
          </Table>
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
      ) : active.length === 0 ? (
        <p className="text-slate-800">{t("active.none")}</p>
      ) : (
        <>
          {endingGone ? (
            <p id={END_ANCHOR} role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 px-4 py-3 text-sm text-red-900">
              {t("active.endGone")}
            </p>
          ) : null}
          <p className="mb-3 max-w-prose text-slate-800">{t("active.intro")}</p>
          {active.some((a) => !a.canDecide) ? (
            <p role="note" className="mb-4 rounded-md border border-sky-800 bg-sky-50 px-4 py-3 text-sm text-slate-900">
              {t("active.readOnly")}
            </p>
          ) : null}
          <Table caption={t("active.caption")} className="relative rounded-md border border-slate-200">
            <THead>
              <Th>{t("active.colCompany")}</Th>
              <Th>{t("active.colInstallation")}</Th>
              <Th>{t("active.colData")}</Th>
              <Th>{t("active.colValidity")}</Th>
              <Th>{t("active.colApproved")}</Th>
              {anyDecidable ? <Th>{t("active.colActions")}</Th> : null}
            </THead>
            <TBody>
              {active.map((item) => {
                const d = dates(item, locale);
                const label = { company: item.thirdParty.name, installation: installationName(item) };
                return (
                  <tr key={item.id}>
                    <CompanyCell item={item} t={t} />
                    <InstallationCell item={item} ctx={ctx} />
                    <Td className="min-w-36 align-top">
                      <Lines lines={dataLines(item, ctx)} />
                    </Td>
                    <Td className="whitespace-nowrap align-top tabular-nums">{t("common.period", { from: d.validFrom ?? "–", to: d.validLastDay ?? "–" })}</Td>
                    <ApprovedCell item={item} ctx={ctx} />
                    {anyDecidable ? (
                      <Td className="align-top">
                        {item.canDecide ? (
                          <Link href={endHref(item.id)} className={dangerLink}>
                            {t("active.end")}
                            <span className="sr-only"> {t("active.endSuffix", label)}</span>
                          </Link>
                        ) : (
                          <span className="text-sm text-slate-700">{t("active.cannotEnd")}</span>
                        )}
                      </Td>
                    ) : null}
                  </tr>
                );
              })}
            </TBody>
          </Table>
        </>
      )}
    </Card>
  );
}

function InactiveSection({ inactive, ctx }: { inactive: ThirdPartyAccessItem[]; ctx: Ctx }) {
  const { t, locale } = ctx;
  return (
    <Card title={t("inactive.title")} className="mb-6">
      {inactive.length === 0 ? (
        <p className="text-slate-800">{t("inactive.none")}</p>
      ) : (
        <>
          <p className="mb-3 max-w-prose text-slate-800">{t("inactive.intro")}</p>
          <Table caption={t("inactive.caption")} className="relative rounded-md border border-slate-200">
            <THead>
              <Th>{t("inactive.colCompany")}</Th>
              <Th>{t("inactive.colInstallation")}</Th>
              <Th>{t("inactive.colData")}</Th>
              <Th>{t("inactive.colStatus")}</Th>
              <Th>{t("inactive.colDate")}</Th>
            </THead>
            <TBody>
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
                  <tr key={item.id}>
                    <CompanyCell item={item} t={t} />
                    <InstallationCell item={item} ctx={ctx} />
                    <Td className="min-w-36 align-top">
                      <Lines lines={dataLines(item, ctx)} />
                    </Td>
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
                  </tr>
                );
              })}
            </TBody>
          </Table>
        </>
      )}
    </Card>
  );
}

/** Splits the log's query into usable filters and the ones that were not (each with its message key). */
function logFilters(params: LogParams): { filters: DeliveryFilters; errors: Partial<Record<keyof LogParams, string>> } {
  const filters: DeliveryFilters = {};
  const errors: Partial<Record<keyof LogParams, string>> = {};
  for (const key of ["company", "installation", "from", "to"] as const) {
    if (!params[key]) continue;
    const parsed = deliveryFilterFields[key].safeParse(params[key]);
    if (parsed.success) filters[key] = params[key];
    else errors[key] = parsed.error.issues[0]?.message ?? "thirdParty.log.errors.invalid";
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    errors.to = "thirdParty.log.errors.dateOrder";
    delete filters.from;
    delete filters.to;
  }
  return { filters, errors };
}

async function LogSection({ actor, params, ctx }: { actor: CustomerActor; params: LogParams; ctx: Ctx }) {
  const { t, locale, several } = ctx;
  const tc = await getTranslations("common");
  const { filters, errors } = logFilters(params);
  let log: DataDeliveryList;
  try {
    log = await listDataDeliveries(actor, filters, { page: params.page });
  } catch (error) {
    // An installation the user does not see: refused like every other link to someone else's data.
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const filtered = Object.keys(filters).length > 0;
  const from = (log.page - 1) * log.pageSize + 1;
  const to = from + log.items.length - 1;
  const errorOf = (key: keyof LogParams) => (errors[key] ? [errors[key]!] : undefined);

  return (
    <section id={LOG_ANCHOR} aria-labelledby="delningslogg-rubrik" className="mb-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="delningslogg-rubrik" className="mb-3 text-lg font-semibold text-slate-900">
        {t("log.title")}
      </h2>
      <p className="mb-4 max-w-prose text-slate-800">{t("log.intro")}</p>
      {log.total === 0 && !filtered && !Object.keys(errors).length ? (
        <p className="text-slate-800">{t("log.none")}</p>
      ) : (
        <>
          <form method="get" action={`${PAGE_PATH}#${LOG_ANCHOR}`} role="search" aria-labelledby="logg-filter" className="mb-4 rounded-md border border-slate-200 p-4">
            <h3 id="logg-filter" className="mb-3 text-base font-semibold text-slate-900">
              {t("log.filterTitle")}
            </h3>
            <div className="grid items-end gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
              <SelectField
                label={t("log.filterCompany")}
                name="foretag"
                defaultValue={filters.company ?? ""}
                errors={errorOf("company")}
                options={[{ value: "", label: t("log.allCompanies") }, ...log.companies.map((c) => ({ value: c.id, label: c.name }))]}
              />
              <SelectField
                label={t("log.filterInstallation")}
                name="anl"
                defaultValue={filters.installation ?? ""}
                errors={errorOf("installation")}
                options={[
                  { value: "", label: t("log.allInstallations") },
                  ...log.installations.map((i) => ({
                    value: i.id,
                    label: `${i.name ?? i.street} – ${formatMeteringPointId(i.meteringPointId)}${several ? ` (${i.customerNumber})` : ""}`,
                  })),
                ]}
              />
              <Field label={t("log.filterFrom")} name="fran" type="date" defaultValue={params.from} errors={errorOf("from")} />
              <Field label={t("log.filterTo")} name="till" type="date" defaultValue={params.to} errors={errorOf("to")} />
            </div>
            <div className="flex flex-wrap items-center gap-4">
              <button
                type="submit"
                className="rounded-md bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 focus:outline-none focus:ring-2 focus:ring-sky-600 focus:ring-offset-2"
              >
                {t("log.filterButton")}
              </button>
              {filtered || Object.keys(errors).length ? (
                <Link href={logHref({})} className={link}>
                  {t("log.clearFilters")}
                </Link>
              ) : null}
            </div>
            {Object.keys(errors).length ? (
              <p role="alert" className="mt-3 text-sm font-medium text-red-700">
                {t("log.ignoredFilters")}
              </p>
            ) : null}
          </form>

          {log.total === 0 ? (
            <p role="status" className="rounded-md border border-slate-300 bg-white px-4 py-3 text-slate-800">
              {t("log.noneFiltered")}
            </p>
          ) : (
            <>
              <p role="status" className="mb-2 text-slate-800">
                {tc("showing", { from, to, total: log.total })}
              </p>
              <Table caption={t("log.caption")} className="relative rounded-md border border-slate-200">
                <THead>
                  <Th>{t("log.colWhen")}</Th>
                  <Th>{t("log.colCompany")}</Th>
                  <Th>{t("log.colInstallation")}</Th>
                  <Th>{t("log.colPeriod")}</Th>
                  <Th>{t("log.colResolution")}</Th>
                  <Th className="text-right">{t("log.colCount")}</Th>
                </THead>
                <TBody>
                  {log.items.map((d) => (
                    <tr key={d.id}>
                      <RowHeader className="whitespace-nowrap align-top tabular-nums">
                        <time dateTime={d.deliveredAt.toISOString()}>{formatDateTime(d.deliveredAt, locale)}</time>
                      </RowHeader>
                      <Td className="align-top">
                        <span className="block">{d.thirdParty.name}</span>
                      </Td>
                      <Td className="align-top">
                        <span className="block">{d.installation.name ?? d.installation.street}</span>
                        <span className="block whitespace-nowrap font-mono text-xs tabular-nums text-slate-700">{formatMeteringPointId(d.installation.meteringPointId)}</span>
                        {several ? <span className="block whitespace-nowrap text-slate-700">{t("common.customerNumber", { number: d.customer.customerNumber })}</span> : null}
                      </Td>
                      <Td className="whitespace-nowrap align-top tabular-nums">
                        {t("common.period", { from: formatDate(d.periodFrom, locale), to: formatDate(d.periodLastDay, locale) })}
                      </Td>
                      <Td className="align-top">{t(`resolution.${d.resolution}`)}</Td>
                      <Td className="text-right align-top tabular-nums">{formatNumber(d.valueCount, locale, 0)}</Td>
                    </tr>
                  ))}
                </TBody>
              </Table>
              <Pagination page={log.page} pageCount={log.pageCount} hrefFor={(page) => logHref({ ...params, ...filters, page })} label={t("log.pagination")} />
            </>
          )}

          <div className="mt-6">
            <h3 className="mb-1 text-base font-semibold text-slate-900">{t("log.exportTitle")}</h3>
            <p className="mb-3 text-sm text-slate-700">{t("log.exportIntro")}</p>
            <p className="flex flex-wrap gap-3">
              <a href={logExportHref(filters, "csv", locale)} className={secondaryLink} download>
                {t("log.csv")}
              </a>
              <a href={logExportHref(filters, "xlsx", locale)} className={secondaryLink} download>
                {t("log.xlsx")}
              </a>
            </p>
          </div>
        </>
      )}
    </section>
  );
}

async function AboutSection() {
  const t = await getTranslations("thirdParty.about");
  return (
    <section id="om" aria-labelledby="om-rubrik" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="om-rubrik" className="mb-3 text-lg font-semibold text-slate-900">
        {t("title")}
      </h2>
      <div className="max-w-prose space-y-3 text-slate-800">
        <p>{t("what")}</p>
        <p>{t("decide")}</p>
        <p>{t("end")}</p>
        <p>{t("log")}</p>
        <p>{t("cost")}</p>
        <p className="text-sm text-slate-700">{t("help")}</p>
      </div>
    </section>
  );
}
