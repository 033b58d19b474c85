import { describe, expect, it } from "vitest";
import { areaTimeZone, countReportedProblems, ProblemList, quantityAllowed, RunBuilder } from "./types";

describe("series rules", () => {
  it("lets electricity meters carry energy and power, heat meters everything but outdoor temperature", () => {
    expect(quantityAllowed("ELECTRICITY_GRID", "ENERGY_KWH")).toBe(true);
    expect(quantityAllowed("ELECTRICITY_SUPPLY", "POWER_KW")).toBe(true);
    expect(quantityAllowed("ELECTRICITY_GRID", "VOLUME_M3")).toBe(false);
    expect(quantityAllowed("DISTRICT_HEATING", "RETURN_TEMP_C")).toBe(true);
    expect(quantityAllowed("DISTRICT_COOLING", "FLOW_M3H")).toBe(true);
    expect(quantityAllowed("DISTRICT_HEATING", "OUTDOOR_TEMP_C")).toBe(false);
  });

  it("takes an area's time zone from its country", () => {
    expect(areaTimeZone("SE3")).toBe("Europe/Stockholm");
    expect(areaTimeZone("DK1")).toBe("Europe/Copenhagen");
    expect(areaTimeZone("FI")).toBe("Europe/Helsinki");
    expect(areaTimeZone("NO1")).toBeNull();
  });
});

describe("report", () => {
  it("keeps the first problems and counts all, also from a stored report", () => {
    const list = new ProblemList(2);
    for (let i = 0; i < 5; i++) list.add({ code: "NOT_A_NUMBER", message: "x", line: i + 2 });
    const report = list.report();
    expect(report.map((p) => p.code)).toEqual(["NOT_A_NUMBER", "NOT_A_NUMBER", "TOO_MANY_PROBLEMS"]);
    expect(countReportedProblems(report)).toBe(5);
    expect(countReportedProblems([])).toBe(0);
    expect(countReportedProblems(null)).toBe(0);
  });

  it("grows a run's arrays as values come", () => {
    const b = new RunBuilder("k", { kind: "area", areaCode: "SE3" }, "OUTDOOR_TEMP_C", "PT1H", 1);
    for (let i = 0; i < 100; i++) b.push(i * 3_600_000, -i, 0, i + 2);
    const run = b.toRun();
    expect(run.length).toBe(100);
    expect(run.values[99]).toBe(-99);
    expect(run.refA[99]).toBe(101);
  });
});
