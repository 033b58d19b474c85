// Query parameters of the consumption page, Swedish slugs like the installation list:
//   ?anl=<id>&anl=<id> | ?anl=alla   installations (default: the active customer's first)
//   ?grupp=<id>                       one of the user's installation groups (instead of anl)
//   &storhet=energi|volym|framledning|retur|flode|effekt
//   &niva=ar|manad|dygn|timme        granularity (default månad)
//   &fran=YYYY-MM-DD&till=YYYY-MM-DD  period, both days included
//   &fjol=1                           compare with the same period last year
//   &normal=lagenhet|villa|villa-elvarme  compare with typical consumption
//   &exportfel=for-stor|pagar         why the export route sent the user back (#export)
// Read by the page's view-model function (getConsumptionView) and written by the page and the
// export route, so both sides share one schema. No "server-only": the page builds its links here.
import { z } from "zod";
import type { PeriodGranularity } from "@/domain/consumption/periods";
import type { JumpRequest } from "@/domain/consumption/selection";
import type { TypicalProfile } from "@/domain/consumption/typical-consumption";
import { firstParam, paramValues, type SearchParams } from "@/lib/search-params";
import type { ConsumptionQuantity } from "./schemas";

export type { SearchParams } from "@/lib/search-params";

export const granularitySlugs: Record<PeriodGranularity, string> = { year: "ar", month: "manad", day: "dygn", hour: "timme" };
export const quantitySlugs: Record<ConsumptionQuantity, string> = {
  ENERGY_KWH: "energi",
  VOLUME_M3: "volym",
  SUPPLY_TEMP_C: "framledning",
  RETURN_TEMP_C: "retur",
  FLOW_M3H: "flode",
  POWER_KW: "effekt",
};
export const typicalSlugs: Record<TypicalProfile, string> = { flat: "lagenhet", house: "villa", houseElectricHeating: "villa-elvarme" };

/** Why an export was refused: too many rows, or another export of the user's still running. */
export type ExportNotice = "tooLarge" | "inProgress";
const exportNoticeSlugs: Record<ExportNotice, string> = { tooLarge: "for-stor", inProgress: "pagar" };

const reverse = <K extends string>(map: Record<K, string>) => new Map(Object.entries(map).map(([k, v]) => [v as string, k as K]));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): string | undefined {
  if (!ISO_DATE.test(s)) return undefined;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) ? s : undefined;
}

// Every parameter may be missing, given once or repeated; anything unusable falls back to the
// default, except an installation or group that is not even shaped like an id (see below).
const values = paramValues;
const one = firstParam;
const slug = <K extends string>(map: Record<K, string>) => {
  const of = reverse(map);
  return one.transform((s) => of.get(s));
};
const date = one.transform(validDate);

const pageParamsSchema = z
  .object({
    anl: values.transform((v) => v.flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean)),
    grupp: one.transform((s) => s.trim()),
    storhet: slug(quantitySlugs),
    niva: slug(granularitySlugs),
    fran: date,
    till: date,
    fjol: one.transform((s) => s === "1"),
    normal: slug(typicalSlugs),
    ar: one.transform((s) => (/^\d{4}$/.test(s) ? Number(s) : undefined)),
    manad: one.transform((s) => (/^(0?[1-9]|1[0-2])$/.test(s) ? Number(s) : undefined)),
    dag: date,
    exportfel: slug(exportNoticeSlugs),
  })
  .transform((p): PageParams => {
    const ids = p.anl.filter((v) => v !== "alla");
    return {
      installations: p.anl.includes("alla") ? "all" : ids.length ? [...new Set(ids)] : null,
      malformedInstallation: ids.some((id) => !UUID.test(id)) || (p.grupp !== "" && !UUID.test(p.grupp)),
      group: p.grupp ? p.grupp.toLowerCase() : null,
      quantity: p.storhet ?? "ENERGY_KWH",
      granularity: p.niva ?? "month",
      from: p.fran,
      to: p.till,
      previousYear: p.fjol,
      typical: p.normal ?? null,
      jump: { year: p.ar, month: p.manad, day: p.dag },
      exportNotice: p.exportfel ?? null,
    };
  });

export type PageParams = {
  /** Selected ids (possibly someone else's: the server function decides), "all", or none given. */
  installations: string[] | "all" | null;
  /** True when an `anl` value was not even shaped like an id (answered with 404 like a foreign id). */
  malformedInstallation: boolean;
  /** An installation group id (a malformed one counts as malformedInstallation). */
  group: string | null;
  quantity: ConsumptionQuantity;
  granularity: PeriodGranularity;
  from: string | undefined;
  to: string | undefined;
  previousYear: boolean;
  typical: TypicalProfile | null;
  jump: JumpRequest;
  exportNotice: ExportNotice | null;
};

export function parsePageParams(sp: SearchParams): PageParams {
  return pageParamsSchema.parse(sp);
}

export type HrefState = {
  installations: string[] | "all";
  /** When set, the address names the group instead of its installations. */
  group?: string | null;
  quantity: ConsumptionQuantity;
  granularity: PeriodGranularity;
  from: string;
  to: string;
  previousYear: boolean;
  typical: TypicalProfile | null;
};

export function consumptionHref(s: HrefState): string {
  const sp = new URLSearchParams();
  if (s.group) sp.set("grupp", s.group);
  else if (s.installations === "all") sp.append("anl", "alla");
  else for (const id of s.installations) sp.append("anl", id);
  if (s.quantity !== "ENERGY_KWH") sp.set("storhet", quantitySlugs[s.quantity]);
  sp.set("niva", granularitySlugs[s.granularity]);
  sp.set("fran", s.from);
  sp.set("till", s.to);
  if (s.previousYear) sp.set("fjol", "1");
  if (s.typical) sp.set("normal", typicalSlugs[s.typical]);
  return `/forbrukning?${sp.toString()}`;
}

/** The page as `s` shows it, with the message of a refused export at the export form. */
export function exportNoticeHref(s: HrefState, notice: ExportNotice): string {
  return `${consumptionHref(s)}&exportfel=${exportNoticeSlugs[notice]}#export`;
}
