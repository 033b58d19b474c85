import "server-only";
import { exportSize, type ExportSize } from "@/domain/consumption/export-size";
import type { Period, PeriodGranularity } from "@/domain/consumption/periods";
import {
  choicesFor,
  exclusiveEnd,
  offeredQuantities,
  periodNavigation,
  quantityOf,
  selectedOf,
  selectionOf,
  selectionSummary,
  shownPeriod,
  typicalAllowed,
  type PeriodNavigation,
  type SelectionSummary,
} from "@/domain/consumption/selection";
import type { TypicalProfile } from "@/domain/consumption/typical-consumption";
import { addDays, localDate } from "@/domain/time/zoned";
import type { CustomerActor } from "@/server/access/actor";
import { isAppError } from "@/server/errors";
import { getGroupInstallationIds } from "@/server/groups/get-group-installation-ids";
import { listGroups } from "@/server/groups/list-groups";
import { parsePageParams, type ExportNotice, type HrefState, type SearchParams } from "./consumption-page-params";
import { getComparison, type Comparison } from "./get-comparison";
import { listConsumptionInstallations, type ConsumptionChoice } from "./list-consumption-installations";
import { CONSUMPTION_QUANTITIES, type ConsumptionQuantity } from "./schemas";

export type ConsumptionPageView = {
  /** The user's installation groups (the group select), and the one shown, if any. */
  groups: { id: string; name: string }[];
  group: { id: string; name: string } | null;
  choices: ConsumptionChoice[];
  selection: string[] | "all";
  summary: SelectionSummary<ConsumptionChoice>;
  offered: ConsumptionQuantity[];
  quantity: ConsumptionQuantity;
  granularity: PeriodGranularity;
  period: Period;
  /** The period asked for was longer than the view allows and was shortened. */
  clamped: boolean;
  today: string;
  timeZone: string;
  previousYear: boolean;
  typicalAllowed: boolean;
  /** The typical profile compared with (null where not allowed). */
  typical: TypicalProfile | null;
  /** The shown state for the page's links and forms. */
  state: HrefState;
  navigation: PeriodNavigation;
  /** Null: the period is too long for the selection. */
  comparison: Comparison | null;
  export: { customerId: string; size: ExportSize; notice: ExportNotice | null };
};

export type ConsumptionView =
  | { kind: "noCustomer" }
  /** A foreign, unknown or malformed installation or group: answered like any foreign id. */
  | { kind: "notFound" }
  | { kind: "emptyGroup"; groupName: string }
  | { kind: "noInstallations" }
  | ({ kind: "ready" } & ConsumptionPageView);

/**
 * Everything Förbrukning shows, from its address: the search parameters are validated, the
 * installations of all the user's customers are read in one query and the selection rules
 * (src/domain/consumption/selection.ts) decide what is shown; the consumption itself comes from
 * getComparison with the actor's scope. `activeCustomerId` is the customer-number switcher's choice (else the first).
 */
export async function getConsumptionView(
  actor: CustomerActor,
  input: { activeCustomerId: string | null; searchParams: SearchParams; now?: Date },
): Promise<ConsumptionView> {
  const active = actor.customers.find((c) => c.customerId === input.activeCustomerId) ?? actor.customers[0] ?? null;
  if (!active) return { kind: "noCustomer" };
  const p = parsePageParams(input.searchParams);
  if (p.malformedInstallation) return { kind: "notFound" };

  // ?grupp=<id>: one of the user's installation groups, as far as the user can still see it.
  const groups = await listGroups(actor);
  const found = p.group ? groups.find((g) => g.id === p.group) : undefined;
  if (p.group && !found) return { kind: "notFound" };
  const group = found ? { id: found.id, name: found.name } : null;
  const groupIds = group ? await getGroupInstallationIds(actor, group.id) : null;
  if (group && groupIds?.length === 0) return { kind: "emptyGroup", groupName: group.name };

  const customerOrder = actor.customers.map((c) => c.customerId);
  const wanted = groupIds ?? (Array.isArray(p.installations) ? p.installations : null);
  // The active customer's installations suffice unless the address names others.
  const installations = await listConsumptionInstallations(actor, wanted ? customerOrder : [active.customerId]);
  const offer = choicesFor({ installations, customerOrder, activeCustomerId: active.customerId, wanted, byGroup: group !== null });
  if (!offer) return { kind: "notFound" };
  const { customerId, choices } = offer;
  if (choices.length === 0) return { kind: "noInstallations" };

  const selection = selectionOf(p.installations, wanted, group !== null, choices);
  const selected = selectedOf(selection, choices);
  const offered = offeredQuantities(CONSUMPTION_QUANTITIES, selected);
  const quantity = quantityOf(p.quantity, offered);
  const granularity = p.granularity;
  const timeZone = selected[0]!.timeZone;
  const now = input.now ?? new Date();
  const today = localDate(now, timeZone);
  const yesterday = addDays(today, -1);
  const { period, clamped } = shownPeriod({ granularity, jump: p.jump, from: p.from, to: p.to, yesterday });
  const allowTypical = typicalAllowed(selected, quantity);
  const typical = allowTypical ? p.typical : null;

  let comparison: Comparison | null = null;
  try {
    comparison = await getComparison(actor, {
      installationIds: selection,
      customerIds: selection === "all" ? [customerId] : undefined,
      quantity,
      from: period.from,
      toExclusive: exclusiveEnd(period),
      granularity,
      previousYear: p.previousYear,
      typical,
      // The page shows the selection's sum only; the export asks for each installation's rows.
      perInstallation: false,
      now: input.now,
    });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") return { kind: "notFound" };
    if (!(isAppError(error) && error.code === "VALIDATION")) throw error;
  }

  // The export route's own rule, so the page never offers a file the route would refuse.
  const exported = comparison?.current.installations.filter((i) => i.hasSeries) ?? [];
  const exportZone = exported[0]?.timeZone ?? timeZone;
  const size = exportSize({
    installations: exported.length,
    granularity,
    from: period.from,
    toExclusive: exclusiveEnd(period),
    timeZone: exportZone,
    today: localDate(now, exportZone),
  });

  return {
    kind: "ready",
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    group,
    choices,
    selection,
    summary: selectionSummary(group, selection, selected, choices),
    offered,
    quantity,
    granularity,
    period,
    clamped,
    today,
    timeZone,
    previousYear: p.previousYear,
    typicalAllowed: allowTypical,
    typical,
    state: { installations: selection, group: group?.id, quantity, granularity, from: period.from, to: period.to, previousYear: p.previousYear, typical: p.typical },
    navigation: periodNavigation(granularity, period, today, yesterday),
    comparison,
    export: { customerId, size, notice: p.exportNotice },
  };
}
