import { describe, expect, it } from "vitest";
import {
  choicesFor,
  jumpPeriod,
  offeredQuantities,
  periodNavigation,
  quantityOf,
  selectedOf,
  selectionOf,
  selectionSummary,
  shownPeriod,
  typicalAllowed,
  type SelectableInstallation,
} from "./selection";

const inst = (id: string, customerId: string, over: Partial<SelectableInstallation> = {}): SelectableInstallation => ({
  id,
  customerId,
  type: "ELECTRICITY_GRID",
  timeZone: "Europe/Stockholm",
  quantities: ["ENERGY_KWH"],
  ...over,
});
const a1 = inst("a1", "A");
const a2 = inst("a2", "A");
const b1 = inst("b1", "B");
const c1 = inst("c1", "C");
const installations = [a1, b1, a2, c1];
const customerOrder = ["A", "B", "C"];

describe("which installations the consumption page offers", () => {
  it("offers the active customer's installations when nothing, or only its own, is asked for", () => {
    expect(choicesFor({ installations, customerOrder, activeCustomerId: "A", wanted: null, byGroup: false })).toEqual({ customerId: "A", choices: [a1, a2] });
    expect(choicesFor({ installations, customerOrder, activeCustomerId: "A", wanted: ["a2"], byGroup: false })).toEqual({ customerId: "A", choices: [a1, a2] });
  });

  it("switches to the customer that owns every installation asked for", () => {
    expect(choicesFor({ installations, customerOrder, activeCustomerId: "A", wanted: ["b1"], byGroup: false })).toEqual({ customerId: "B", choices: [b1] });
  });

  it("refuses installations that no single customer of the user holds, unless they come from a group", () => {
    expect(choicesFor({ installations, customerOrder, activeCustomerId: "A", wanted: ["a1", "b1"], byGroup: false })).toBeNull();
    expect(choicesFor({ installations, customerOrder, activeCustomerId: "A", wanted: ["zz"], byGroup: false })).toBeNull();
  });

  it("offers every customer a group touches, in the user's customer order, under the active customer", () => {
    expect(choicesFor({ installations, customerOrder, activeCustomerId: "A", wanted: ["c1", "a1"], byGroup: true })).toEqual({ customerId: "A", choices: [a1, a2, c1] });
  });
});

describe("what is selected", () => {
  it("selects all, the installations asked for, or the first offered", () => {
    expect(selectionOf("all", null, false, [a1, a2])).toBe("all");
    expect(selectionOf("all", ["a2"], true, [a1, a2])).toEqual(["a2"]);
    expect(selectionOf(["a2"], ["a2"], false, [a1, a2])).toEqual(["a2"]);
    expect(selectionOf(null, null, false, [a1, a2])).toEqual(["a1"]);
    expect(selectedOf("all", [a1, a2])).toEqual([a1, a2]);
    expect(selectedOf(["a2"], [a1, a2])).toEqual([a2]);
  });

  it("offers energy always and other quantities when a selected installation measures them", () => {
    const heat = inst("h", "A", { type: "DISTRICT_HEATING", quantities: ["ENERGY_KWH", "SUPPLY_TEMP_C"] });
    const order = ["ENERGY_KWH", "VOLUME_M3", "SUPPLY_TEMP_C"] as const;
    expect(offeredQuantities(order, [a1])).toEqual(["ENERGY_KWH"]);
    expect(offeredQuantities(order, [a1, heat])).toEqual(["ENERGY_KWH", "SUPPLY_TEMP_C"]);
    expect(quantityOf("SUPPLY_TEMP_C", ["ENERGY_KWH", "SUPPLY_TEMP_C"])).toBe("SUPPLY_TEMP_C");
    expect(quantityOf("VOLUME_M3", ["ENERGY_KWH"])).toBe("ENERGY_KWH");
  });

  it("compares with typical consumption for one electricity installation's energy only", () => {
    expect(typicalAllowed([a1], "ENERGY_KWH")).toBe(true);
    expect(typicalAllowed([inst("s", "A", { type: "ELECTRICITY_SUPPLY" })], "ENERGY_KWH")).toBe(true);
    expect(typicalAllowed([a1, a2], "ENERGY_KWH")).toBe(false);
    expect(typicalAllowed([inst("h", "A", { type: "DISTRICT_HEATING" })], "ENERGY_KWH")).toBe(false);
    expect(typicalAllowed([a1], "POWER_KW")).toBe(false);
  });

  it("names the selection by group, all, the one installation or a count", () => {
    expect(selectionSummary({ name: "Hus" }, ["a1"], [a1], [a1, a2])).toEqual({ kind: "group", name: "Hus", count: 1 });
    expect(selectionSummary(null, "all", [a1, a2], [a1, a2])).toEqual({ kind: "all", count: 2 });
    expect(selectionSummary(null, ["a1"], [a1], [a1, a2])).toEqual({ kind: "one", installation: a1 });
    expect(selectionSummary(null, ["a1", "a2"], [a1, a2], [a1, a2])).toEqual({ kind: "several", count: 2 });
  });
});

describe("the period shown", () => {
  it("turns the go-to picker into the view's period", () => {
    expect(jumpPeriod("hour", { day: "2025-03-30" })).toEqual({ from: "2025-03-30", to: "2025-03-30" });
    expect(jumpPeriod("day", { year: 2024, month: 2 })).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(jumpPeriod("day", { year: 2024 })).toBeNull();
    expect(jumpPeriod("month", { year: 2023 })).toEqual({ from: "2023-01-01", to: "2023-12-31" });
    expect(jumpPeriod("year", { year: 2025 })).toEqual({ from: "2021-01-01", to: "2025-12-31" });
    expect(jumpPeriod("hour", {})).toBeNull();
  });

  it("takes the picker first, then both typed dates, then the natural period ending yesterday, shortened to the view", () => {
    const yesterday = "2026-11-20";
    expect(shownPeriod({ granularity: "month", jump: { year: 2024 }, from: "2025-01-01", to: "2025-02-01", yesterday })).toEqual({ period: { from: "2024-01-01", to: "2024-12-31" }, clamped: false });
    expect(shownPeriod({ granularity: "day", jump: {}, from: "2025-01-01", to: "2025-02-01", yesterday })).toEqual({ period: { from: "2025-01-01", to: "2025-02-01" }, clamped: false });
    expect(shownPeriod({ granularity: "day", jump: {}, from: "2025-01-01", to: undefined, yesterday })).toEqual({ period: { from: "2026-11-01", to: "2026-11-30" }, clamped: false });
    expect(shownPeriod({ granularity: "hour", jump: {}, from: "2025-01-01", to: "2025-12-31", yesterday })).toEqual({ period: { from: "2025-12-01", to: "2025-12-31" }, clamped: true });
  });

  it("links the tabs around the period's end (at the latest yesterday), the quick periods and the neighbours", () => {
    const nav = periodNavigation("month", { from: "2026-01-01", to: "2026-12-31" }, "2026-11-21", "2026-11-20");
    expect(nav.tabs.map((t) => [t.granularity, t.period, t.current])).toEqual([
      ["year", { from: "2022-01-01", to: "2026-12-31" }, false],
      ["month", { from: "2026-01-01", to: "2026-12-31" }, true],
      ["day", { from: "2026-11-01", to: "2026-11-30" }, false],
      ["hour", { from: "2026-11-20", to: "2026-11-20" }, false],
    ]);
    expect(nav.quick.find((q) => q.current)?.key).toBe("thisYear");
    expect(nav.previous).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(nav.next).toBeNull();
    const past = periodNavigation("day", { from: "2025-02-01", to: "2025-02-28" }, "2026-11-21", "2026-11-20");
    expect(past.next).toEqual({ from: "2025-03-01", to: "2025-03-31" });
    expect(past.tabs[3]!.period).toEqual({ from: "2025-02-28", to: "2025-02-28" });
  });
});
