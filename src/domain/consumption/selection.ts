// The consumption page's selection rules: which customer's installations it offers, what is
// selected, which quantities and comparisons make sense for that selection, and which period it
// shows. Pure: the server function reads the installations once and asks these rules.
import { addDays } from "@/domain/time/zoned";
import { clampPeriod, defaultPeriod, quickPeriods, shiftPeriod, type Period, type PeriodGranularity, type QuickPeriodKey } from "./periods";

/** What the rules need to know about an installation the page could offer. */
export type SelectableInstallation = {
  id: string;
  customerId: string;
  type: string;
  timeZone: string;
  /** Quantities the installation has a meter series for. */
  quantities: readonly string[];
};

/** Every quantity is offered in energy; other quantities only when a selected installation measures them. */
const DEFAULT_QUANTITY = "ENERGY_KWH";
const ELECTRICITY = new Set(["ELECTRICITY_GRID", "ELECTRICITY_SUPPLY"]);

/**
 * The installations to choose from: the active customer's, or those of the customer that owns all
 * the installations asked for (a link from an installation of another customer number). A group
 * may span customer numbers: then every customer it touches is offered, under the active customer.
 * Null when the installations asked for belong to no single customer the user sees (answered like
 * a foreign id). `installations` holds every customer's choices, in the page's order.
 */
export function choicesFor<T extends SelectableInstallation>(input: {
  installations: T[];
  customerOrder: readonly string[];
  activeCustomerId: string;
  wanted: readonly string[] | null;
  byGroup: boolean;
}): { customerId: string; choices: T[] } | null {
  const { installations, customerOrder, activeCustomerId, wanted, byGroup } = input;
  const of = (customerId: string) => installations.filter((i) => i.customerId === customerId);
  const holdsAll = (list: T[]) => wanted!.every((id) => list.some((x) => x.id === id));
  const own = of(activeCustomerId);
  if (!wanted || holdsAll(own)) return { customerId: activeCustomerId, choices: own };
  for (const customerId of customerOrder) {
    if (customerId === activeCustomerId) continue;
    const list = of(customerId);
    if (holdsAll(list)) return { customerId, choices: list };
  }
  if (!byGroup) return null;
  const touched = customerOrder.map(of).filter((list) => list.some((x) => wanted.includes(x.id)));
  return { customerId: activeCustomerId, choices: touched.flat() };
}

/**
 * What is selected: "all" (never for a group, which names its installations), the installations
 * asked for, or else the first one offered.
 */
export function selectionOf(requested: string[] | "all" | null, wanted: string[] | null, byGroup: boolean, choices: readonly { id: string }[]): string[] | "all" {
  if (requested === "all" && !byGroup) return "all";
  return wanted ?? [choices[0]!.id];
}

export function selectedOf<T extends { id: string }>(selection: string[] | "all", choices: T[]): T[] {
  return selection === "all" ? choices : choices.filter((c) => selection.includes(c.id));
}

/** The quantities offered for the selection, in `order`: energy always, others when measured. */
export function offeredQuantities<Q extends string>(order: readonly Q[], selected: readonly SelectableInstallation[]): Q[] {
  return order.filter((q) => q === DEFAULT_QUANTITY || selected.some((c) => c.quantities.includes(q)));
}

/** The quantity asked for when it is offered, else energy. */
export function quantityOf<Q extends string>(requested: Q, offered: readonly Q[]): Q {
  return offered.includes(requested) ? requested : (DEFAULT_QUANTITY as Q);
}

/** Typical consumption compares one electricity installation's energy only. */
export function typicalAllowed(selected: readonly SelectableInstallation[], quantity: string): boolean {
  return selected.length === 1 && ELECTRICITY.has(selected[0]!.type) && quantity === DEFAULT_QUANTITY;
}

/** The "go to" picker: a year (month view), a month of a year (day view) or a day (hour view). */
export type JumpRequest = { year?: number; month?: number; day?: string };

/** The period the "go to" picker asks for in a view, or null when it asks for none. */
export function jumpPeriod(granularity: PeriodGranularity, jump: JumpRequest): Period | null {
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

/**
 * The period shown: the picker's, else the dates typed (both needed), else the view's natural
 * period ending yesterday; shortened to what the view allows.
 */
export function shownPeriod(input: {
  granularity: PeriodGranularity;
  jump: JumpRequest;
  from: string | undefined;
  to: string | undefined;
  yesterday: string;
}): { period: Period; clamped: boolean } {
  const { granularity, jump, from, to, yesterday } = input;
  const requested = jumpPeriod(granularity, jump) ?? (from && to ? { from, to } : defaultPeriod(granularity, yesterday));
  return clampPeriod(requested, granularity);
}

/** The exclusive end of a period whose days are both included. */
export const exclusiveEnd = (period: Period) => addDays(period.to, 1);

/** How the page names what it shows. */
export type SelectionSummary<T> =
  | { kind: "group"; name: string; count: number }
  | { kind: "all"; count: number }
  | { kind: "one"; installation: T }
  | { kind: "several"; count: number };

export function selectionSummary<T>(group: { name: string } | null, selection: string[] | "all", selected: T[], choices: readonly T[]): SelectionSummary<T> {
  if (group) return { kind: "group", name: group.name, count: selected.length };
  if (selection === "all") return { kind: "all", count: choices.length };
  if (selected.length === 1) return { kind: "one", installation: selected[0]! };
  return { kind: "several", count: selected.length };
}

const GRANULARITY_ORDER: readonly PeriodGranularity[] = ["year", "month", "day", "hour"];

/** The links around the shown period: one tab per granularity, the quick periods, back and forward. */
export type PeriodNavigation = {
  tabs: { granularity: PeriodGranularity; period: Period; current: boolean }[];
  quick: { key: QuickPeriodKey; granularity: PeriodGranularity; period: Period; current: boolean }[];
  previous: Period;
  /** Null when the next period would start after today. */
  next: Period | null;
};

export function periodNavigation(granularity: PeriodGranularity, period: Period, today: string, yesterday: string): PeriodNavigation {
  const anchor = period.to < yesterday ? period.to : yesterday;
  const after = shiftPeriod(period, 1);
  return {
    tabs: GRANULARITY_ORDER.map((g) => ({ granularity: g, period: defaultPeriod(g, anchor), current: g === granularity })),
    quick: quickPeriods(today).map((q) => ({ ...q, current: q.granularity === granularity && q.period.from === period.from && q.period.to === period.to })),
    previous: shiftPeriod(period, -1),
    next: after.from <= today ? after : null,
  };
}
