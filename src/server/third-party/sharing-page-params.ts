// Query parameters of Tredjepartsåtkomst, Swedish slugs like the other lists:
//   ?atgard=godkann|neka&id=<request id>&id=…    the approval or decline step for chosen requests
//   ?atgard=avsluta&id=<request id>               the confirmation before ending an active consent
//   ?utfall=godkanda|nekade|avslutat|misslyckat&antal=N&id=&orsak=andrad|ingen-signatur
//   ?signering=avbruten|fel&orsak=…              back from a signing that did not complete
//   Delningslogg: &foretag=<third party id>&anl=<installation id>&fran=YYYY-MM-DD&till=YYYY-MM-DD&sida=N
// Read by the page's view-model function (getSharingView) and written by the page's links, so
// both sides share one schema. No "server-only": the page builds its links here.
import { z } from "zod";
import { paramValues, pageParam, type SearchParams } from "@/lib/search-params";
import type { DeliveryFilters } from "./list-data-deliveries";

export type { SearchParams } from "@/lib/search-params";

export const PAGE_PATH = "/tredjepartsatkomst";
export const LOG_ANCHOR = "delningslogg";
export const STEP_ANCHOR = "hantera";
export const END_ANCHOR = "avsluta";

const first = (v: string | string[] | undefined) => ((Array.isArray(v) ? v[0] : v) ?? "").trim();
const all = (v: string | string[] | undefined) => [...new Set((Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter(Boolean))];

/** The log's filters as the page and the export link write them. */
export type LogParams = { company: string; installation: string; from: string; to: string; page: number };

const param = paramValues;
const one = param.transform(first);

/** Signing failures the eleg namespace has a message for; anything else is the provider's fault. */
export const SIGNING_FAILURES = ["utgangen", "fel-anvandare", "fel-person", "upptagen", "annan-koppling", "fel-text", "leverantor"] as const;

const sharingParamsSchema = z.object({
  atgard: one,
  id: param.transform((v) => ({ all: all(v), first: first(v) })),
  utfall: one,
  antal: one.transform((s) => Math.max(1, Number.parseInt(s, 10) || 1)),
  orsak: one,
  signering: one,
  foretag: one.transform((s) => s.slice(0, 100)),
  anl: one.transform((s) => s.slice(0, 100)),
  fran: one.transform((s) => s.slice(0, 10)),
  till: one.transform((s) => s.slice(0, 10)),
  sida: pageParam,
});

export type SharingParams = {
  /** The step asked for (godkann, neka, avsluta or none) and the request ids it is for. */
  step: string;
  ids: string[];
  /** The first id as given (the end step and the "ended" banner name one consent). */
  firstId: string;
  /** What happened (utfall), how many (antal), why (orsak) and a signing's end (signering). */
  outcome: string;
  count: number;
  reason: string;
  signing: string;
  log: LogParams;
};

export function parseSharingParams(sp: SearchParams): SharingParams {
  const p = sharingParamsSchema.parse(sp);
  return {
    step: p.atgard,
    ids: p.id.all,
    firstId: p.id.first,
    outcome: p.utfall,
    count: p.antal,
    reason: p.orsak,
    signing: p.signering,
    log: { company: p.foretag, installation: p.anl, from: p.fran, to: p.till, page: p.sida },
  };
}

function logQuery(p: Partial<LogParams> | DeliveryFilters): URLSearchParams {
  const q = new URLSearchParams();
  if (p.company) q.set("foretag", p.company);
  if (p.installation) q.set("anl", p.installation);
  if (p.from) q.set("fran", p.from);
  if (p.to) q.set("till", p.to);
  return q;
}

/** The page with the log filtered (and paged), scrolled to the log. */
export function logHref(p: Partial<LogParams>): string {
  const q = logQuery(p);
  if (p.page && p.page > 1) q.set("sida", String(p.page));
  const query = q.toString();
  return `${PAGE_PATH}${query ? `?${query}` : ""}#${LOG_ANCHOR}`;
}

/** The export of the filtered log (GET /api/tredjepartsatkomst/logg). */
export function logExportHref(filters: DeliveryFilters, format: "csv" | "xlsx", lang: string): string {
  const q = logQuery(filters);
  q.set("format", format);
  q.set("lang", lang === "en" ? "en" : "sv");
  return `/api/tredjepartsatkomst/logg?${q}`;
}

/** The approval or decline step for some requests. */
export function stepHref(action: "godkann" | "neka", ids: string[]): string {
  const q = new URLSearchParams({ atgard: action });
  for (const id of ids) q.append("id", id);
  return `${PAGE_PATH}?${q}#${STEP_ANCHOR}`;
}

/** The confirmation step before ending an active consent. */
export const endHref = (id: string) => `${PAGE_PATH}?${new URLSearchParams({ atgard: "avsluta", id })}#${END_ANCHOR}`;
