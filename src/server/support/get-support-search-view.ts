import "server-only";
import type { StaffActor } from "@/server/access/actor";
import { pageSchema, searchQuerySchema } from "./schemas";
import { searchCustomers, type SupportSearchResult } from "./search-customers";

export type SupportSearchView = { q: string; result: SupportSearchResult | null };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Support's customer search: the query and page from the address, and the result when there is a query. */
export async function getSupportSearchView(staff: StaffActor, params: Record<string, string | string[] | undefined>): Promise<SupportSearchView> {
  const q = searchQuerySchema.parse(first(params.q) ?? "");
  const page = pageSchema.parse(first(params.sida));
  return { q, result: q ? await searchCustomers(staff, q, page) : null };
}
