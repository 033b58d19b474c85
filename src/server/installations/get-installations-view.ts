import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { listGroups } from "@/server/groups/list-groups";
import { isPlainList, parseListParams, type ListParams, type SearchParams } from "./installation-list-params";
import { listInstallations, type InstallationList } from "./list-installations";

export type InstallationsPageView = {
  params: ListParams;
  /** The user's groups (the filter and the selection form), and the one filtered on. */
  groups: { id: string; name: string; memberCount: number }[];
  group: { id: string; name: string } | null;
  result: InstallationList;
  /** The user's customers for the customer filter (shown with several). */
  customers: { id: string; number: string; name: string }[];
  /** The customer filtered on (null: all customers). */
  customer: { number: string; name: string } | null;
  showCustomerColumn: boolean;
  filtered: boolean;
};

export type InstallationsView =
  | { kind: "noCustomer" }
  | { kind: "notFound" }
  /** Seed 001: with a single installation the details are shown directly. */
  | { kind: "redirect"; installationId: string }
  | ({ kind: "ready" } & InstallationsPageView);

/**
 * Everything Anläggningar shows, from its address (validated here): one page of the installations
 * the actor sees, searched and filtered by type, customer or one of the user's own groups (any
 * other group is answered like a foreign id). `activeCustomerId` is the customer-number
 * switcher's choice (else the first).
 */
export async function getInstallationsView(actor: CustomerActor, input: { activeCustomerId: string | null; searchParams: SearchParams }): Promise<InstallationsView> {
  const active = actor.customers.find((c) => c.customerId === input.activeCustomerId) ?? actor.customers[0] ?? null;
  if (!active) return { kind: "noCustomer" };
  const sp = input.searchParams;
  const params = parseListParams(sp, actor.customers.map((c) => c.customerId), active.customerId);
  const groups = await listGroups(actor);
  // A group filter is one of the user's own groups; anything else is answered like a foreign id.
  const group = params.group ? groups.find((g) => g.id === params.group) : undefined;
  if ((params.group && !group) || (sp.grupp && !params.group)) return { kind: "notFound" };
  const result = await listInstallations(actor, { customerId: params.customer, q: params.q, type: params.type, groupId: group?.id, page: params.page });

  if (isPlainList(sp) && result.total <= 1) {
    const everything = actor.customers.length === 1 ? result : await listInstallations(actor, { customerId: "all", pageSize: 2 });
    if (everything.total === 1) return { kind: "redirect", installationId: everything.items[0]!.id };
  }

  const chosen = actor.customers.find((c) => c.customerId === params.customer);
  return {
    kind: "ready",
    params,
    groups: groups.map((g) => ({ id: g.id, name: g.name, memberCount: g.memberCount })),
    group: group ? { id: group.id, name: group.name } : null,
    result,
    customers: actor.customers.map((c) => ({ id: c.customerId, number: c.customerNumber, name: c.customerName })),
    customer: chosen ? { number: chosen.customerNumber, name: chosen.customerName } : null,
    showCustomerColumn: actor.customers.length > 1 && params.customer === "all",
    filtered: params.q !== "" || params.type !== undefined || group !== undefined,
  };
}
