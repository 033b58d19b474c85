import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { TYPICAL_YEARLY_KWH } from "@/domain/consumption/typical-consumption";
import { createCustomer, createInstallation, createMeterSeries, createUser } from "@/fixtures/factories";
import type { Installation } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { exportConsumption } from "./export-consumption";
import { getComparison } from "./get-comparison";
import { getConsumption, type ConsumptionInput } from "./get-consumption";
import { getMonthlyTotals } from "./get-monthly-totals";
import { exportQuerySchema, type ConsumptionBucket } from "./schemas";
import { appFailure, customerActorOf } from "../../../tests/support/actors";

// The route handler reads the session through this module; the tests decide who is signed in.
const session = vi.hoisted(() => ({ actor: null as CustomerActor | null }));
vi.mock("@/server/auth/session", () => ({ currentActor: async () => session.actor }));

const db = getTestDb();
const TZ = "Europe/Stockholm";

let grid: Installation, second: Installation, heat: Installation, other: Installation, helsinki: Installation;
let owner: CustomerActor, stranger: CustomerActor, restricted: CustomerActor, finn: CustomerActor;

const GAP_DAY = "2025-02-10"; // hour 5 missing
const ESTIMATED_DAY = "2025-02-11"; // hours 0–3 estimated

beforeAll(async () => {
  await resetDatabase();
  const household = await createCustomer(db, { name: "Hanna Hushåll" });
  const neighbour = await createCustomer(db, { name: "Nils Granne" });
  const finnish = await createCustomer(db, { market: "FI", name: "Aino Virtanen" });

  grid = await createInstallation(db, { customerId: household.id, type: "ELECTRICITY_GRID", name: "Villan – el", street: "Ekvägen 1", timeZone: TZ, dwellingType: "house" });
  second = await createInstallation(db, { customerId: household.id, type: "ELECTRICITY_GRID", name: "Garaget – el", street: "Ekvägen 3", timeZone: TZ });
  heat = await createInstallation(db, { customerId: household.id, type: "DISTRICT_HEATING", name: "Villan – fjärrvärme", street: "Ekvägen 5", timeZone: TZ });
  other = await createInstallation(db, { customerId: neighbour.id, type: "ELECTRICITY_GRID", name: "Grannens el", timeZone: TZ });
  helsinki = await createInstallation(db, { customerId: finnish.id, type: "ELECTRICITY_SUPPLY", resolution: "PT15M", timeZone: "Europe/Helsinki" });

  /** Hourly values through 2025 in TZ: `valueAt(hour of the day)`. */
  const hourlyThrough2025 = (installation: { id: string }, quantity: "ENERGY_KWH" | "SUPPLY_TEMP_C", valueAt: (hour: number) => number) =>
    createMeterSeries(db, {
      installationId: installation.id,
      quantity,
      resolution: "PT1H",
      from: "2025-01-01",
      toExclusive: "2026-01-01",
      timeZone: TZ,
      generator: (day) => Array.from({ length: day.intervals }, (_, h) => valueAt(h)),
    });
  // 1 kWh every hour of 2024 and 2025, one hour missing and four estimated.
  await createMeterSeries(db, {
    installationId: grid.id,
    quantity: "ENERGY_KWH",
    resolution: "PT1H",
    from: "2024-01-01",
    toExclusive: "2026-01-01",
    timeZone: TZ,
    generator: (day) => ({
      values: Array.from({ length: day.intervals }, (_, h) => (day.date === GAP_DAY && h === 5 ? Number.NaN : 1)),
      quality: Array.from({ length: day.intervals }, (_, h) => (day.date === GAP_DAY && h === 5 ? 3 : day.date === ESTIMATED_DAY && h < 4 ? 1 : 0)),
    }),
  });
  // 1.25 kWh every hour of 2025, and no row at all for 2025-06-15.
  await hourlyThrough2025(second, "ENERGY_KWH", () => 1.25);
  await db.$executeRaw`DELETE FROM "MeterDay" WHERE day = '2025-06-15'::date AND "seriesId" IN (SELECT id FROM "MeterSeries" WHERE "installationId" = ${second.id}::uuid)`;
  // District heating: energy 2 kWh/h, supply 70 °C in the night and 80 °C in the day.
  await hourlyThrough2025(heat, "ENERGY_KWH", () => 2);
  await hourlyThrough2025(heat, "SUPPLY_TEMP_C", (h) => (h < 12 ? 70 : 80));
  await hourlyThrough2025(other, "ENERGY_KWH", () => 5);
  await createMeterSeries(db, {
    installationId: helsinki.id,
    quantity: "ENERGY_KWH",
    resolution: "PT15M",
    from: "2025-03-01",
    toExclusive: "2025-04-01",
    timeZone: "Europe/Helsinki",
    generator: (day) => Array.from({ length: day.intervals }, () => 0.25),
  });

  owner = await customerActorOf(await createUser(db, { memberships: [{ customerId: household.id, role: "ADMINISTRATOR" }] }));
  stranger = await customerActorOf(await createUser(db, { memberships: [{ customerId: neighbour.id, role: "ADMINISTRATOR" }] }));
  restricted = await customerActorOf(await createUser(db, { memberships: [{ customerId: household.id, role: "READ", installationIds: [grid.id] }] }));
  finn = await customerActorOf(await createUser(db, { memberships: [{ customerId: finnish.id, role: "ADMINISTRATOR" }] }));
});

const year2025 = { quantity: "ENERGY_KWH" as const, from: "2025-01-01", toExclusive: "2026-01-01" };
const byMonth = (buckets: ConsumptionBucket[]) => Object.fromEntries(buckets.map((b) => [b.localStart.slice(0, 7), b]));

describe("getConsumption", () => {
  it("gives the totals of a known series: a year of hours with one missing and four estimated", async () => {
    const r = await getConsumption(owner, { ...year2025, installationIds: [grid.id], granularity: "year" });
    expect(r.unit).toBe("kWh");
    expect(r.aggregation).toBe("sum");
    expect(r.buckets).toHaveLength(1);
    expect(r.buckets[0]).toMatchObject({ localStart: "2025-01-01T00:00", start: "2024-12-31T23:00:00Z", value: 8_759, count: 8_759, expected: 8_760, estimated: 4 });
    expect(r.total).toMatchObject({ value: 8_759, count: 8_759, expected: 8_760, estimated: 4 });
  });

  it("cuts months at local midnight: March has 743 hours and October 745 in Stockholm", async () => {
    const r = await getConsumption(owner, { ...year2025, installationIds: [grid.id], granularity: "month" });
    expect(r.buckets).toHaveLength(12);
    const m = byMonth(r.buckets);
    expect(m["2025-01"]).toMatchObject({ value: 744, expected: 744, start: "2024-12-31T23:00:00Z" });
    expect(m["2025-02"]).toMatchObject({ value: 671, count: 671, expected: 672, estimated: 4 });
    expect(m["2025-03"]).toMatchObject({ value: 743, expected: 743 });
    expect(m["2025-04"]).toMatchObject({ start: "2025-03-31T22:00:00Z" });
    expect(m["2025-10"]).toMatchObject({ value: 745, expected: 745 });
    expect(r.buckets.reduce((a, b) => a + (b.value ?? 0), 0)).toBe(8_759);
  });

  it("shows the DST days with 23 and 25 hours, and the repeated autumn hour twice", async () => {
    const days = await getConsumption(owner, { quantity: "ENERGY_KWH", installationIds: [grid.id], from: "2025-03-29", toExclusive: "2025-04-01", granularity: "day" });
    expect(days.buckets.map((b) => [b.localStart, b.value, b.expected])).toEqual([
      ["2025-03-29T00:00", 24, 24],
      ["2025-03-30T00:00", 23, 23],
      ["2025-03-31T00:00", 24, 24],
    ]);
    const hours = await getConsumption(owner, { quantity: "ENERGY_KWH", installationIds: [grid.id], from: "2025-10-26", toExclusive: "2025-10-27", granularity: "hour" });
    expect(hours.buckets).toHaveLength(25);
    const twos = hours.buckets.filter((b) => b.localStart === "2025-10-26T02:00");
    expect(twos.map((b) => b.start)).toEqual(["2025-10-26T00:00:00Z", "2025-10-26T01:00:00Z"]);
  });

  it("counts quarter-hours in the installation's own zone (Helsinki, March: 2 972 values)", async () => {
    const r = await getConsumption(finn, { quantity: "ENERGY_KWH", installationIds: [helsinki.id], from: "2025-03-01", toExclusive: "2025-04-01", granularity: "month" });
    expect(r.timeZone).toBe("Europe/Helsinki");
    expect(r.buckets[0]).toMatchObject({ localStart: "2025-03-01T00:00", start: "2025-02-28T22:00:00Z", count: 2_972, expected: 2_972, value: 743 });
  });

  it("marks a day without a row as missing and a period starting mid-month as complete", async () => {
    const r = await getConsumption(owner, { quantity: "ENERGY_KWH", installationIds: [second.id], from: "2025-06-10", toExclusive: "2025-06-20", granularity: "month" });
    expect(r.buckets).toEqual([expect.objectContaining({ localStart: "2025-06-01T00:00", count: 9 * 24, expected: 10 * 24, value: 9 * 24 * 1.25 })]);
    const days = await getConsumption(owner, { quantity: "ENERGY_KWH", installationIds: [second.id], from: "2025-06-14", toExclusive: "2025-06-17", granularity: "day" });
    expect(days.buckets.map((b) => [b.localStart.slice(0, 10), b.value, b.count, b.expected])).toEqual([
      ["2025-06-14", 30, 24, 24],
      ["2025-06-15", null, 0, 24],
      ["2025-06-16", 30, 24, 24],
    ]);
  });

  it("adds a selection up to exactly the sum of its installations, for every granularity", async () => {
    for (const granularity of ["year", "month", "day"] as const) {
      const input: Omit<ConsumptionInput, "installationIds"> = { ...year2025, granularity };
      const both = await getConsumption(owner, { ...input, installationIds: [grid.id, second.id] });
      const a = await getConsumption(owner, { ...input, installationIds: [grid.id] });
      const b = await getConsumption(owner, { ...input, installationIds: [second.id] });
      expect(both.buckets.map((x) => x.localStart)).toEqual(a.buckets.map((x) => x.localStart));
      both.buckets.forEach((x, i) => {
        expect(x.value).toBeCloseTo((a.buckets[i]!.value ?? 0) + (b.buckets[i]!.value ?? 0), 6);
        expect(x.count).toBe(a.buckets[i]!.count + b.buckets[i]!.count);
        expect(x.expected).toBe(a.buckets[i]!.expected + b.buckets[i]!.expected);
        expect(x.estimated).toBe(a.buckets[i]!.estimated + b.buckets[i]!.estimated);
      });
      expect(both.perInstallation.map((p) => p.installationId)).toEqual([grid.id, second.id]);
      // Without the per-installation rows (the page's request) the sums come straight from SQL.
      const lean = await getConsumption(owner, { ...input, installationIds: [grid.id, second.id], perInstallation: false });
      expect(lean.perInstallation).toEqual([]);
      expect(lean.buckets.map((x) => [x.start, x.localStart, x.count, x.expected, x.estimated])).toEqual(both.buckets.map((x) => [x.start, x.localStart, x.count, x.expected, x.estimated]));
      lean.buckets.forEach((x, i) => expect(x.value).toBeCloseTo(both.buckets[i]!.value!, 6));
      expect(both.total.value).toBeCloseTo(8_759 + (8_760 - 24) * 1.25, 6);
    }
  });

  it("gives the same months from SQL day sums as from the aggregation core", async () => {
    const sql = await getMonthlyTotals(owner, { ...year2025, installationIds: [grid.id, second.id], perInstallation: true });
    const core = await getConsumption(owner, { ...year2025, installationIds: [grid.id], granularity: "month" });
    expect(sql.perInstallation[0]!.months).toEqual(core.buckets);
    const all = await getMonthlyTotals(owner, { ...year2025, installationIds: "all" });
    const june = byMonth(all.months)["2025-06"]!;
    // grid 720 + second 696 × 1.25 + heat 720 × 2
    expect(june).toMatchObject({ value: 720 + 696 * 1.25 + 1_440, count: 720 * 3 - 24, expected: 720 * 3 });
    expect(all.installations.map((i) => i.id).sort()).toEqual([grid.id, second.id, heat.id].sort());
  });

  it("shows temperatures as the mean of the bucket's values, not their sum", async () => {
    const r = await getConsumption(owner, { ...year2025, quantity: "SUPPLY_TEMP_C", installationIds: [heat.id], granularity: "month" });
    expect(r.aggregation).toBe("mean");
    expect(r.unit).toBe("°C");
    expect(byMonth(r.buckets)["2025-01"]!.value).toBeCloseTo(75, 9);
    // March: 23-hour day has 11 night hours at 70 after the change (hours 0–11 by index), still a mean
    expect(byMonth(r.buckets)["2025-03"]!.value).toBeGreaterThan(74.9);
    const monthly = await getMonthlyTotals(owner, { ...year2025, quantity: "SUPPLY_TEMP_C", installationIds: [heat.id, grid.id] });
    expect(byMonth(monthly.months)["2025-01"]!.value).toBeCloseTo(75, 9);
    expect(monthly.installations.find((i) => i.id === grid.id)!.hasSeries).toBe(false);
  });

  it("ends with yesterday: today's values arrive tomorrow, so today is not shown as missing", async () => {
    const now = new Date("2025-12-10T12:00:00Z");
    const r = await getConsumption(owner, { quantity: "ENERGY_KWH", installationIds: [grid.id], from: "2025-12-01", toExclusive: "2026-01-01", granularity: "day", now });
    expect(r.buckets.at(-1)!.localStart).toBe("2025-12-09T00:00");
    expect(r.buckets).toHaveLength(9);
    const month = await getConsumption(owner, { quantity: "ENERGY_KWH", installationIds: [grid.id, second.id], from: "2025-12-01", toExclusive: "2026-01-01", granularity: "month", now });
    expect(month.buckets).toEqual([expect.objectContaining({ localStart: "2025-12-01T00:00", count: 9 * 24 * 2, expected: 9 * 24 * 2 })]);
  });

  it("refuses another customer's installation as NOT_FOUND, alone or mixed with one's own", async () => {
    const input = { ...year2025, granularity: "month" as const };
    expect(await appFailure(getConsumption(stranger, { ...input, installationIds: [grid.id] }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appFailure(getConsumption(stranger, { ...input, installationIds: [other.id, grid.id] }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appFailure(getConsumption(owner, { ...input, installationIds: ["00000000-0000-4000-8000-000000000000"] }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appFailure(getConsumption(owner, { ...input, installationIds: ["not-a-uuid"] }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appFailure(getMonthlyTotals(stranger, { ...year2025, installationIds: [grid.id] }))).toMatchObject({ code: "NOT_FOUND" });
    // Naming another customer as the scope of "all" is refused too.
    expect(await appFailure(getConsumption(stranger, { ...input, installationIds: "all", customerIds: [grid.customerId] }))).toMatchObject({ code: "NOT_FOUND" });
    const mine = await getConsumption(stranger, { ...input, installationIds: "all" });
    expect(mine.installations.map((i) => i.id)).toEqual([other.id]);
    expect(mine.total.value).toBe(8_760 * 5);
  });

  it("lets a member restricted to some installations see only those", async () => {
    const input = { ...year2025, granularity: "year" as const };
    expect((await getConsumption(restricted, { ...input, installationIds: [grid.id] })).total.value).toBe(8_759);
    expect(await appFailure(getConsumption(restricted, { ...input, installationIds: [second.id] }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await appFailure(getConsumption(restricted, { ...input, installationIds: [grid.id, second.id] }))).toMatchObject({ code: "NOT_FOUND" });
    const all = await getConsumption(restricted, { ...input, installationIds: "all" });
    expect(all.installations.map((i) => i.id)).toEqual([grid.id]);
    expect(all.total.value).toBe(8_759);
  });

  it("rejects malformed periods and hour views longer than a year", async () => {
    expect(await appFailure(getConsumption(owner, { ...year2025, installationIds: [grid.id], from: "2025-02-01", toExclusive: "2025-01-01", granularity: "day" }))).toMatchObject({ code: "VALIDATION" });
    expect(await appFailure(getConsumption(owner, { quantity: "ENERGY_KWH", installationIds: [grid.id], from: "2024-01-01", toExclusive: "2026-01-01", granularity: "hour" }))).toMatchObject({
      code: "VALIDATION",
      message: "PERIOD_TOO_LONG",
    });
  });
});

describe("getComparison", () => {
  it("pairs each month with the same month last year (February 2024 had 29 days)", async () => {
    const c = await getComparison(owner, { ...year2025, installationIds: [grid.id], granularity: "month", previousYear: true });
    expect(c.previousYear!.from).toBe("2024-01-01");
    expect(c.previousYear!.buckets).toHaveLength(12);
    expect(c.previousYear!.buckets[1]).toMatchObject({ localStart: "2024-02-01T00:00", value: 696 });
    expect(c.previousYear!.total.value).toBe(8_784);
  });

  it("adds typical consumption per bucket that sums to the yearly figure over a calendar year", async () => {
    const c = await getComparison(owner, { ...year2025, installationIds: [grid.id], granularity: "month", typical: "houseElectricHeating" });
    expect(c.typical!.values).toHaveLength(12);
    expect(c.typical!.total).toBeCloseTo(TYPICAL_YEARLY_KWH.houseElectricHeating, 6);
    expect(c.typical!.values[0]).toBeGreaterThan(c.typical!.values[6]!);
    const temps = await getComparison(owner, { ...year2025, quantity: "SUPPLY_TEMP_C", installationIds: [heat.id], granularity: "month", typical: "flat" });
    expect(temps.typical).toBeNull();
  });
});

/** The whole streamed file (the export writes it while it is read). */
const bytesOf = async (file: { body: ReadableStream<Uint8Array> }) => new Uint8Array(await new Response(file.body).arrayBuffer());

describe("exportConsumption", () => {
  const query = (over: Record<string, unknown>) =>
    exportQuerySchema.parse({ installation: [second.id], from: "2025-10-26", to: "2025-10-26", granularity: "hour", format: "csv", decimal: "comma", ...over });

  it("writes CSV with a BOM, semicolons, decimal comma and local and UTC start columns", async () => {
    const file = await exportConsumption(owner, query({}));
    expect(file.fileName).toBe(`forbrukning-${second.meteringPointId}-2025-10-26-2025-10-26.csv`);
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await bytesOf(file));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("Anläggning;Anläggnings-id;Start, lokal tid (Europe/Stockholm);Start, UTC;Värde;Enhet;Antal värden;Förväntat antal;Status");
    expect(lines).toHaveLength(1 + 25);
    expect(lines[1]).toBe(`Garaget – el;${second.meteringPointId};2025-10-26T00:00+02:00;2025-10-25T22:00:00Z;1,25;kWh;1;1;`);
    expect(lines[3]).toContain(";2025-10-26T02:00+02:00;2025-10-26T00:00:00Z;1,25;");
    expect(lines[4]).toContain(";2025-10-26T02:00+01:00;2025-10-26T01:00:00Z;1,25;");
  });

  it("writes decimal points with commas between fields, and marks missing and estimated buckets", async () => {
    const file = await exportConsumption(owner, query({ installation: [grid.id, second.id], from: "2025-02-10", to: "2025-02-11", granularity: "day", decimal: "point", lang: "en" }));
    expect(file.fileName).toBe("forbrukning-2-anlaggningar-2025-02-10-2025-02-11.csv");
    const lines = new TextDecoder().decode(await bytesOf(file)).trimEnd().split("\r\n");
    expect(lines[0]).toBe("Installation,Metering point id,\"Start, local time (Europe/Stockholm)\",\"Start, UTC\",Value,Unit,Values present,Values expected,Status");
    expect(lines[1]).toBe(`Villan – el,${grid.meteringPointId},2025-02-10T00:00+01:00,2025-02-09T23:00:00Z,23,kWh,23,24,incomplete`);
    expect(lines[2]).toBe(`Villan – el,${grid.meteringPointId},2025-02-11T00:00+01:00,2025-02-10T23:00:00Z,24,kWh,24,24,estimated`);
    expect(lines[3]).toContain(",30,kWh,24,24,");
    // The summed rows of the selection follow.
    expect(lines[5]).toBe("Total (2 installations),,2025-02-10T00:00+01:00,2025-02-09T23:00:00Z,53,kWh,47,48,incomplete");
  });

  it("writes an Excel workbook that exceljs reads back: bold header, numbers as numbers, dates as text", async () => {
    const file = await exportConsumption(owner, query({ format: "xlsx", installation: [grid.id], from: "2025-01-01", to: "2025-12-31", granularity: "month" }));
    expect(file.fileName).toBe(`forbrukning-${grid.meteringPointId}-2025-01-01-2025-12-31.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await new Response(file.body).arrayBuffer());
    const sheet = workbook.getWorksheet("Förbrukning")!;
    expect(sheet.rowCount).toBe(13);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell("A1").value).toBe("Anläggning");
    expect(sheet.getCell("C2").value).toBe("2025-01-01T00:00+01:00");
    expect(sheet.getCell("D2").value).toBe("2024-12-31T23:00:00Z");
    expect(sheet.getCell("E2").value).toBe(744);
    expect(sheet.getCell("E3").value).toBe(671);
    expect(sheet.getCell("G3").value).toBe(671);
    expect(sheet.getCell("H3").value).toBe(672);
    expect(sheet.getCell("I3").value).toBe("ofullständig, uppskattad");
  });

  it("refuses another customer's installation", async () => {
    expect(await appFailure(exportConsumption(stranger, query({ installation: [grid.id] })))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("GET /api/forbrukning/export", () => {
  const url = (params: Record<string, string | string[]>) => {
    const u = new URL("http://localhost/api/forbrukning/export");
    for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) u.searchParams.append(k, x);
    return new Request(u);
  };
  const base = { from: "2025-01-01", to: "2025-01-31", granularity: "day" };

  it("answers 401 without a customer session", async () => {
    session.actor = null;
    const { GET } = await import("../../../app/api/forbrukning/export/route");
    const res = await GET(url({ ...base, installation: grid.id }));
    expect(res.status).toBe(401);
  });

  it("answers 404 for another customer's installation and 400 for a bad query", async () => {
    const { GET } = await import("../../../app/api/forbrukning/export/route");
    session.actor = stranger;
    expect((await GET(url({ ...base, installation: grid.id }))).status).toBe(404);
    expect((await GET(url({ ...base, installation: [other.id, grid.id] }))).status).toBe(404);
    const bad = await GET(url({ ...base, installation: other.id, to: "2024-12-31" }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "VALIDATION", fieldErrors: { to: ["consumption.validation.dateOrder"] } });
  });

  it("sends the owner's CSV as an attachment with a sensible file name", async () => {
    const { GET } = await import("../../../app/api/forbrukning/export/route");
    session.actor = owner;
    const res = await GET(url({ ...base, installation: grid.id, decimal: "comma" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain(`filename="forbrukning-${grid.meteringPointId}-2025-01-01-2025-01-31.csv"`);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const text = await res.text();
    expect(text.split("\r\n")).toHaveLength(1 + 31 + 1);
  });
});
