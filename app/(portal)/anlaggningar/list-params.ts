// Query parameters of the installation list (?q=&typ=&kund=&grupp=&sida=), shared by the list, the
// start page's links and the detail page's way back. Swedish slugs keep the addresses readable.
import type { InstallationType } from "@/generated/prisma/enums";

export const typeSlugs: Record<InstallationType, string> = {
  ELECTRICITY_GRID: "elnat",
  ELECTRICITY_SUPPLY: "elhandel",
  DISTRICT_HEATING: "fjarrvarme",
  DISTRICT_COOLING: "fjarrkyla",
};

export const installationTypes = Object.keys(typeSlugs) as InstallationType[];

const typeOfSlug = new Map(Object.entries(typeSlugs).map(([type, slug]) => [slug, type as InstallationType]));

export type SearchParams = Record<string, string | string[] | undefined>;

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

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** Reads the list's query; anything unknown falls back to the default instead of failing. */
export function parseListParams(sp: SearchParams, customerIds: string[], defaultCustomer: string): ListParams {
  const kund = first(sp.kund);
  const page = Number.parseInt(first(sp.sida), 10);
  const group = UUID.test(first(sp.grupp)) ? first(sp.grupp).toLowerCase() : undefined;
  return {
    q: first(sp.q).trim().slice(0, 100),
    type: typeOfSlug.get(first(sp.typ)),
    // A group may span customer numbers: with one, every customer is the default.
    customer: kund === "alla" ? "all" : customerIds.includes(kund) ? kund : group ? "all" : defaultCustomer,
    group,
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** True when the address carries no list parameters at all (the plain "Anläggningar" link). */
export function isPlainList(sp: SearchParams): boolean {
  return !["q", "typ", "kund", "grupp", "sida"].some((k) => first(sp[k]) !== "");
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

