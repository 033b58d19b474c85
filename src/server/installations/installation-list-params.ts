// Query parameters of the installation list (?q=&typ=&kund=&grupp=&sida=), shared by the list, the
// start page's links and the detail page's way back. Swedish slugs keep the addresses readable.
// Read by the list's view-model function (getInstallationsView); no "server-only": pages build
// their links here.
import { z } from "zod";
import type { InstallationType } from "@/generated/prisma/enums";
import { firstParam, pageParam, type SearchParams } from "@/lib/search-params";

export const typeSlugs: Record<InstallationType, string> = {
  ELECTRICITY_GRID: "elnat",
  ELECTRICITY_SUPPLY: "elhandel",
  DISTRICT_HEATING: "fjarrvarme",
  DISTRICT_COOLING: "fjarrkyla",
};

export const installationTypes = Object.keys(typeSlugs) as InstallationType[];

const typeOfSlug = new Map(Object.entries(typeSlugs).map(([type, slug]) => [slug, type as InstallationType]));

export type { SearchParams } from "@/lib/search-params";

export type ListParams = {
  q: string;
  type: InstallationType | undefined;
  /** A customer id of the actor's, or "all". */
  customer: string;
  /** One of the user's installation groups (shaped like an id; the page checks it is theirs). */
  group?: string;
  page: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const listQuerySchema = z.object({
  q: firstParam.transform((s) => s.trim().slice(0, 100)),
  typ: firstParam.transform((s) => typeOfSlug.get(s)),
  kund: firstParam,
  // Shaped like an id, or no group at all (the page answers a malformed one like a foreign id).
  grupp: firstParam.transform((s) => (UUID.test(s) ? s.toLowerCase() : undefined)),
  sida: pageParam,
});

/** Reads the list's query; anything unknown falls back to the default instead of failing. */
export function parseListParams(sp: SearchParams, customerIds: string[], defaultCustomer: string): ListParams {
  const p = listQuerySchema.parse(sp);
  return {
    q: p.q,
    type: p.typ,
    // A group may span customer numbers: with one, every customer is the default.
    customer: p.kund === "alla" ? "all" : customerIds.includes(p.kund) ? p.kund : p.grupp ? "all" : defaultCustomer,
    group: p.grupp,
    page: p.sida,
  };
}

/** True when the address carries no list parameters at all (the plain "Anläggningar" link). */
export function isPlainList(sp: SearchParams): boolean {
  return !["q", "typ", "kund", "grupp", "sida"].some((k) => firstParam.parse(sp[k]) !== "");
}

export function listHref(p: Partial<ListParams>): string {
  const sp = new URLSearchParams();
  if (p.q) sp.set("q", p.q);
  if (p.type) sp.set("typ", typeSlugs[p.type]);
  if (p.customer) sp.set("kund", p.customer === "all" ? "alla" : p.customer);
  if (p.group) sp.set("grupp", p.group);
  if (p.page && p.page > 1) sp.set("sida", String(p.page));
  const query = sp.toString();
  return query ? `/anlaggningar?${query}` : "/anlaggningar";
}

