// Query parameters of the consumption page, Swedish slugs like the installation list:
//   ?anl=<id>&anl=<id> | ?anl=alla   installations (default: the active customer's first)
//   ?grupp=<id>                       one of the user's installation groups (instead of anl)
//   &storhet=energi|volym|framledning|retur|flode|effekt
//   &niva=ar|manad|dygn|timme        granularity (default månad)
//   &fran=YYYY-MM-DD&till=YYYY-MM-DD  period, both days included
//   &fjol=1                           compare with the same period last year
//   &normal=lagenhet|villa|villa-elvarme  compare with typical consumption
//   &exportfel=for-stor|pagar         why the export route sent the user back (#export)
import type { TypicalProfile } from "@/domain/consumption/typical-consumption";
import type { PeriodGranularity } from "@/domain/consumption/periods";
import type { ConsumptionQuantity } from "@/server/consumption/schemas";

export type SearchParams = Record<string, string | string[] | undefined>;

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
export const exportNoticeSlugs: Record<ExportNotice, string> = { tooLarge: "for-stor", inProgress: "pagar" };

const reverse = <K extends string>(map: Record<K, string>) => new Map(Object.entries(map).map(([k, v]) => [v as string, k as K]));
const granularityOf = reverse(granularitySlugs);
const quantityOf = reverse(quantitySlugs);
const typicalOf = reverse(typicalSlugs);
const exportNoticeOf = reverse(exportNoticeSlugs);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const all = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const first = (v: string | string[] | undefined) => all(v)[0] ?? "";

function validDate(s: string): string | undefined {
  if (!ISO_DATE.test(s)) return undefined;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) ? s : undefined;
}

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
  /** The "go to" picker: a year (month view), a month of a year (day view) or a day (hour view). */
  jump: { year?: number; month?: number; day?: string };
  exportNotice: ExportNotice | null;
};

export function parsePageParams(sp: SearchParams): PageParams {
  const anl = all(sp.anl).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  const ids = anl.filter((v) => v !== "alla");
  const group = first(sp.grupp).trim();
  return {
    installations: anl.includes("alla") ? "all" : ids.length ? [...new Set(ids)] : null,
    malformedInstallation: ids.some((id) => !UUID.test(id)) || (group !== "" && !UUID.test(group)),
    group: group ? group.toLowerCase() : null,
    quantity: quantityOf.get(first(sp.storhet)) ?? "ENERGY_KWH",
    granularity: granularityOf.get(first(sp.niva)) ?? "month",
    from: validDate(first(sp.fran)),
    to: validDate(first(sp.till)),
    previousYear: first(sp.fjol) === "1",
    typical: typicalOf.get(first(sp.normal)) ?? null,
    jump: {
      year: /^\d{4}$/.test(first(sp.ar)) ? Number(first(sp.ar)) : undefined,
      month: /^(0?[1-9]|1[0-2])$/.test(first(sp.manad)) ? Number(first(sp.manad)) : undefined,
      day: validDate(first(sp.dag)),
    },
    exportNotice: exportNoticeOf.get(first(sp.exportfel)) ?? null,
  };
}

/** The period the "go to" picker asks for in a view, or null when it asks for none. */
export function jumpPeriod(granularity: PeriodGranularity, jump: PageParams["jump"]): { from: string; to: string } | null {
  const pad = (n: number) => String(n).padStart(2, "0");
  if (granularity === "hour" && jump.day) return { from: jump.day, to: jump.day };
  if (granularity === "day" && jump.year && jump.month) {
    const last = new Date(Date.UTC(jump.year, jump.month, 0)).getUTCDate();
    return { from: `${jump.year}-${pad(jump.month)}-01`, to: `${jump.year}-${pad(jump.month)}-${pad(last)}` };
  }
  if (granularity === "month" && jump.year) return { from: `${jump.year}-01-01`, to: `${jump.year}-12-31` };
  if (granularity === "year" && jump.year) return { from: `${jump.year - 4}-01-01`, to: `${jump.year}-12-31` };
  return null;
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
