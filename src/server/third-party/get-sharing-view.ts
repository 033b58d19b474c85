import "server-only";
import { z } from "zod";
import type { CustomerActor } from "@/server/access/actor";
import { fieldErrorsOf } from "@/server/boundary/field-errors";
import { elegConfig } from "@/server/eleg/config";
import { getMyAccount } from "@/server/eleg/get-my-account";
import { isAppError } from "@/server/errors";
import { MAX_REQUESTS_PER_DECISION } from "./decide-as-customer";
import { deliveryFilterFields, listDataDeliveries, type DataDeliveryList, type DeliveryFilters } from "./list-data-deliveries";
import { listThirdPartyAccess, type ThirdPartyAccessItem } from "./list-third-party-access";
import { parseSharingParams, SIGNING_FAILURES, type LogParams, type SearchParams, type SharingParams } from "./sharing-page-params";

/** A message to show: a translation key (full path) with its values. */
type ViewMessage = { key: string; values?: Record<string, string | number> };

export type SharingPageView = {
  /** The user has several customer numbers: rows name theirs. */
  several: boolean;
  now: Date;
  /** The banner after an action or a signing (the address says what happened). */
  outcome: (ViewMessage & { ok: boolean }) | null;
  pending: {
    items: ThirdPartyAccessItem[];
    /** How many of them the user may decide, and whether some are shown read-only. */
    decidable: number;
    readOnly: boolean;
    /** Ticking several to handle at once makes sense only when there are several to handle. */
    bulk: boolean;
    max: number;
    /** The second step for the chosen requests, or why it cannot be shown. */
    step:
      | { kind: "approve"; chosen: ThirdPartyAccessItem[]; blocked: "notConfigured" | "notLinked" | null }
      | { kind: "decline"; chosen: ThirdPartyAccessItem[] }
      | null;
    stepError: ViewMessage | null;
  };
  active: {
    items: ThirdPartyAccessItem[];
    /** The consent the user asked to end (and may end); endingGone when it is gone or not theirs to end. */
    ending: ThirdPartyAccessItem | null;
    endingGone: boolean;
  };
  inactive: ThirdPartyAccessItem[];
  log: {
    params: LogParams;
    /** The filters used, and those that were not (each with its message key). */
    filters: DeliveryFilters;
    errors: Partial<Record<keyof LogParams, string>>;
    filtered: boolean;
    list: DataDeliveryList;
  };
};

export type SharingView = { kind: "notFound" } | ({ kind: "ready" } & SharingPageView);

/**
 * Everything Tredjepartsåtkomst shows, from its address (validated here): the requests waiting
 * for the user with the approval or decline step asked for, the active consents with the end
 * step, the ended ones, and one page of the sharing log with its filters. Every list is scoped
 * by the actor; an installation filter the user does not see is answered like a foreign id.
 */
export async function getSharingView(actor: CustomerActor, input: { searchParams: SearchParams; now?: Date }): Promise<SharingView> {
  const now = input.now ?? new Date();
  const p = parseSharingParams(input.searchParams);
  const overview = await listThirdPartyAccess(actor, now);
  const { filters, errors } = logFilters(p.log);
  let list: DataDeliveryList;
  try {
    list = await listDataDeliveries(actor, filters, { page: p.log.page });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return { kind: "notFound" };
    throw error;
  }

  // The confirmation step (?atgard=avsluta&id=…): only a consent the user may end.
  const ending = p.step === "avsluta" ? (overview.active.find((a) => a.id === p.firstId && a.canDecide) ?? null) : null;
  return {
    kind: "ready",
    several: actor.customers.length > 1,
    now,
    outcome: outcomeOf(p, overview.inactive),
    pending: await pendingOf(actor, p, overview.pending),
    active: { items: overview.active, ending, endingGone: p.step === "avsluta" && !ending },
    inactive: overview.inactive,
    log: { params: p.log, filters, errors, filtered: Object.keys(filters).length > 0, list },
  };
}

function outcomeOf(p: SharingParams, inactive: ThirdPartyAccessItem[]): SharingPageView["outcome"] {
  const ok = (key: string, values?: ViewMessage["values"]) => ({ ok: true, key: `thirdParty.${key}`, values });
  if (p.outcome === "godkanda") return ok("outcome.approved", { count: p.count });
  if (p.outcome === "nekade") return ok("outcome.declined", { count: p.count });
  if (p.outcome === "avslutat") {
    const ended = inactive.find((i) => i.id === p.firstId);
    return ended ? ok("outcome.terminated", { company: ended.thirdParty.name }) : ok("outcome.terminatedGeneric");
  }
  if (p.outcome === "misslyckat") return { ok: false, key: p.reason === "ingen-signatur" ? "thirdParty.outcome.failed.ingen-signatur" : "thirdParty.outcome.failed.andrad" };
  if (p.signing === "avbruten") return { ok: false, key: "thirdParty.outcome.cancelled" };
  if (p.signing === "fel") return { ok: false, key: `eleg.outcome.failed.${SIGNING_FAILURES.find((r) => r === p.reason) ?? "leverantor"}` };
  return null;
}

/** The second step (?atgard=godkann|neka&id=…): only requests still waiting that the user may decide. */
async function pendingOf(actor: CustomerActor, p: SharingParams, items: ThirdPartyAccessItem[]): Promise<SharingPageView["pending"]> {
  const max = MAX_REQUESTS_PER_DECISION;
  const decidable = items.filter((i) => i.canDecide);
  const base = { items, decidable: decidable.length, readOnly: items.some((i) => !i.canDecide), bulk: decidable.length > 1, max, step: null, stepError: null };
  if (p.step !== "godkann" && p.step !== "neka") return base;
  if (p.ids.length === 0) return { ...base, stepError: { key: "thirdParty.pending.choose.none" } };
  if (p.ids.length > max) return { ...base, stepError: { key: "thirdParty.pending.choose.tooMany", values: { max } } };
  const chosen = p.ids.map((id) => decidable.find((i) => i.id === id)).filter((i): i is ThirdPartyAccessItem => i !== undefined);
  if (chosen.length !== p.ids.length) return { ...base, stepError: { key: "thirdParty.pending.choose.unknown" } };
  if (p.step === "neka") return { ...base, step: { kind: "decline", chosen } };
  // Approving is a signing: say first what is missing for it.
  const configured = elegConfig() !== null;
  const linked = configured ? (await getMyAccount(actor)).personalIdNumber !== null : false;
  return { ...base, step: { kind: "approve", chosen, blocked: !configured ? "notConfigured" : linked ? null : "notLinked" } };
}

/** Splits the log's query into usable filters and the ones that were not (each with its message key). */
function logFilters(params: LogParams): { filters: DeliveryFilters; errors: Partial<Record<keyof LogParams, string>> } {
  const keys = (["company", "installation", "from", "to"] as const).filter((key) => params[key]);
  // Each filter is checked on its own (the date order below, not the schema's refinement), so one
  // unusable filter is dropped and the others are kept.
  const parsed = z.object(deliveryFilterFields).safeParse(Object.fromEntries(keys.map((key) => [key, params[key]])));
  const fieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const filters: DeliveryFilters = {};
  const errors: Partial<Record<keyof LogParams, string>> = {};
  for (const key of keys) {
    if (fieldErrors[key]) errors[key] = fieldErrors[key][0];
    else filters[key] = params[key];
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    errors.to = "thirdParty.log.errors.dateOrder";
    delete filters.from;
    delete filters.to;
  }
  return { filters, errors };
}
