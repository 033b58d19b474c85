import { beforeAll, describe, expect, it } from "vitest";
import { localMidnightUtc } from "@/domain/time/zoned";
import { createCustomer, createInstallation, createStaffUser, uniqueMeteringPointId } from "@/fixtures/factories";
import type { Installation } from "@/generated/prisma/client";
import type { CustomerActor, StaffActor } from "@/server/access/actor";
import { isAppError } from "@/server/errors";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { getMeterImport } from "./get-meter-import";
import { importMeterValues, type ImportMeterValuesInput } from "./import-meter-values";
import { listMeterImports } from "./list-meter-imports";

const db = getTestDb();
let staff: StaffActor;

const HEADER = "metering_point;quantity;resolution;start;value;quality";
const csv = (...lines: string[]) => new TextEncoder().encode([HEADER, ...lines].join("\n") + "\n");
const iso = (t: number) => new Date(t).toISOString().replace(".000Z", "Z");
const HOUR = 3_600_000;

/** Hourly CSV lines from a UTC instant. */
function hours(point: string, from: number, values: (number | string)[], quantity = "ENERGY_KWH", quality = "measured"): string[] {
  return values.map((v, i) => `${point};${quantity};PT1H;${iso(from + i * HOUR)};${v};${quality}`);
}

async function importFile(bytes: Uint8Array, extra: Partial<ImportMeterValuesInput> = {}) {
  return importMeterValues({ fileName: "values.csv", bytes, actor: staff, ...extra });
}

type DayRow = { day: string; startsAt: Date; values: string; quality: string; sum: number };

async function daysOf(installationId: string, quantity = "ENERGY_KWH"): Promise<DayRow[]> {
  return db.$queryRawUnsafe<DayRow[]>(
    `SELECT to_char(d."day", 'YYYY-MM-DD') AS day, d."startsAt", d."values"::text AS values, d."quality"::text AS quality, d."sum"
     FROM "MeterDay" d JOIN "MeterSeries" s ON s."id" = d."seriesId"
     WHERE s."installationId" = $1::uuid AND s."quantity" = $2::"MeterQuantity" ORDER BY d."day"`,
    installationId,
    quantity,
  );
}

async function tableCounts() {
  const [days, series, revisions, imports] = await Promise.all([db.meterDay.count(), db.meterSeries.count(), db.meterValueRevision.count(), db.meterImport.count()]);
  return { days, series, revisions, imports };
}

async function seInstallation(overrides: Partial<Installation> = {}) {
  const customer = await createCustomer(db);
  return createInstallation(db, { customerId: customer.id, ...overrides });
}

beforeAll(async () => {
  await resetDatabase();
  const row = await createStaffUser(db, { name: "Ivar Import" });
  staff = { kind: "staff", staffId: row.id, name: row.name, email: row.email, role: row.role };
});

describe("importing CSV meter values", () => {
  it("stores values per local day, with the rest of the day missing", async () => {
    const inst = await seInstallation();
    const midnight = localMidnightUtc("2025-01-15", "Europe/Stockholm").getTime();
    const result = await importFile(csv(...hours(inst.meteringPointId, midnight, [0.5, "1,25", 2]), `${inst.meteringPointId};ENERGY_KWH;PT1H;${iso(midnight + 3 * HOUR)};3;estimated`));
    expect(result.status).toBe("STORED");
    expect(result.counts).toEqual({ received: 4, stored: 4, replaced: 0, unchanged: 0, rejected: 0 });
    expect(result.problems).toEqual([]);
    const [day] = await daysOf(inst.id);
    expect(day!.day).toBe("2025-01-15");
    expect(day!.startsAt.toISOString()).toBe("2025-01-14T23:00:00.000Z");
    expect(day!.values).toBe(`{0.5,1.25,2,3,${Array(20).fill("NaN").join(",")}}`);
    expect(day!.quality).toBe(`{0,0,0,1,${Array(20).fill(3).join(",")}}`);
    expect(day!.sum).toBeCloseTo(6.75, 10);
    const row = await db.meterImport.findUniqueOrThrow({ where: { id: result.importId } });
    expect(row).toMatchObject({ fileName: "values.csv", format: "CSV", status: "STORED", valuesReceived: 4, valuesStored: 4, receivedByStaffId: staff.staffId, report: [] });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is idempotent: the same file twice changes nothing", async () => {
    const inst = await seInstallation();
    const from = localMidnightUtc("2025-02-01", "Europe/Stockholm").getTime();
    const file = csv(...hours(inst.meteringPointId, from, Array.from({ length: 48 }, (_, i) => (i % 7) / 4)));
    const first = await importFile(file);
    expect(first.counts).toMatchObject({ received: 48, stored: 48, replaced: 0, unchanged: 0 });
    const daysBefore = await db.meterDay.findMany({ where: { series: { installationId: inst.id } }, select: { day: true, updatedAt: true } });
    const before = await tableCounts();

    const second = await importFile(file);
    expect(second.status).toBe("STORED");
    expect(second.counts).toEqual({ received: 48, stored: 0, replaced: 0, unchanged: 48, rejected: 0 });
    expect(second.previousImportId).toBe(first.importId);
    const after = await tableCounts();
    expect(after).toEqual({ ...before, imports: before.imports + 1 });
    expect(await db.meterDay.findMany({ where: { series: { installationId: inst.id } }, select: { day: true, updatedAt: true } })).toEqual(daysBefore);
    expect(await db.meterImport.findUniqueOrThrow({ where: { id: second.importId } })).toMatchObject({ status: "STORED", valuesStored: 0, valuesUnchanged: 48 });
  });

  it("replaces a changed value, keeps the old one as a revision, and the new value wins", async () => {
    const inst = await seInstallation();
    const from = localMidnightUtc("2025-03-10", "Europe/Stockholm").getTime();
    const first = await importFile(csv(...hours(inst.meteringPointId, from, [1, 2, 3]), ...hours(inst.meteringPointId, from + 3 * HOUR, [4], "ENERGY_KWH", "estimated")));
    const second = await importFile(csv(...hours(inst.meteringPointId, from, [1, 2.5, 3, 4], "ENERGY_KWH", "measured")));
    expect(second.counts).toEqual({ received: 4, stored: 0, replaced: 2, unchanged: 2, rejected: 0 });
    const [day] = await daysOf(inst.id);
    expect(day!.values.startsWith("{1,2.5,3,4,NaN")).toBe(true);
    expect(day!.quality.startsWith("{0,0,0,0,3")).toBe(true);
    expect(day!.sum).toBeCloseTo(10.5, 10);
    const revisions = await db.meterValueRevision.findMany({ where: { series: { installationId: inst.id } }, orderBy: { intervalStart: "asc" } });
    expect(revisions.map((r) => ({ at: r.intervalStart.getTime(), ...r, id: undefined, intervalStart: undefined, replacedAt: undefined, seriesId: undefined }))).toEqual([
      { at: from + HOUR, previousValue: 2, previousQuality: 0, newValue: 2.5, newQuality: 0, importId: second.importId, id: undefined, intervalStart: undefined, replacedAt: undefined, seriesId: undefined },
      { at: from + 3 * HOUR, previousValue: 4, previousQuality: 1, newValue: 4, newQuality: 0, importId: second.importId, id: undefined, intervalStart: undefined, replacedAt: undefined, seriesId: undefined },
    ]);
    expect(first.importId).not.toBe(second.importId);
  });

  it("all-or-nothing: a file with one bad line stores nothing and is recorded as REJECTED with its report", async () => {
    const inst = await seInstallation();
    const from = Date.UTC(2025, 3, 1, 0);
    const before = await tableCounts();
    const result = await importFile(
      csv(...hours(inst.meteringPointId, from, [1, 2]), `${inst.meteringPointId};ENERGY_KWH;PT1H;${iso(from + 2 * HOUR)};-3;measured`, ...hours(inst.meteringPointId, from + 3 * HOUR, [4])),
    );
    expect(result.status).toBe("REJECTED");
    expect(result.counts).toEqual({ received: 4, stored: 0, replaced: 0, unchanged: 0, rejected: 4 });
    expect(result.problems).toEqual([
      {
        code: "NEGATIVE_VALUE",
        message: "Negative value -3 for ENERGY_KWH: energy and volume cannot be negative.",
        params: { value: "-3", quantity: "ENERGY_KWH" },
        field: "value",
        line: 4,
        values: 1,
      },
    ]);
    const after = await tableCounts();
    expect(after).toEqual({ ...before, imports: before.imports + 1 });
    const row = await db.meterImport.findUniqueOrThrow({ where: { id: result.importId } });
    expect(row).toMatchObject({ status: "REJECTED", valuesReceived: 4, valuesStored: 0, valuesRejected: 4 });
    expect(row.report).toEqual(result.problems);
  });

  it("store-valid: stores the good part and reports the rest as PARTIAL", async () => {
    const inst = await seInstallation();
    const from = localMidnightUtc("2025-04-02", "Europe/Stockholm").getTime();
    const unknown = uniqueMeteringPointId("SE");
    const result = await importFile(
      csv(
        ...hours(inst.meteringPointId, from, [1, 2]),
        `${inst.meteringPointId};ENERGY_KWH;PT1H;${iso(from + 2 * HOUR)};abc;measured`,
        ...hours(unknown, from, [5, 6, 7]),
        ...hours(inst.meteringPointId, from + 3 * HOUR, [4]),
      ),
      { mode: "store-valid" },
    );
    expect(result.status).toBe("PARTIAL");
    expect(result.counts).toEqual({ received: 7, stored: 3, replaced: 0, unchanged: 0, rejected: 4 });
    expect(result.problems.map((p) => [p.code, p.line, p.values])).toEqual([
      ["NOT_A_NUMBER", 4, 1],
      ["UNKNOWN_INSTALLATION", 5, 3],
    ]);
    expect(result.problems[1]!.message).toBe(`No installation has the metering point ${unknown}.`);
    const [day] = await daysOf(inst.id);
    expect(day!.values.startsWith("{1,2,NaN,4,NaN")).toBe(true);
  });

  it("refuses an unknown installation in all-or-nothing mode", async () => {
    const unknown = uniqueMeteringPointId("SE");
    const result = await importFile(csv(...hours(unknown, Date.UTC(2025, 0, 1), [1])));
    expect(result.status).toBe("REJECTED");
    expect(result.problems).toMatchObject([{ code: "UNKNOWN_INSTALLATION", line: 2, meteringPoint: unknown, values: 1 }]);
  });

  it("refuses energy at another resolution than the installation's, and quantities its meter does not measure", async () => {
    const inst = await seInstallation();
    const line = `${inst.meteringPointId};ENERGY_KWH;PT15M;2025-01-01T00:15:00Z;1;measured`;
    const volume = `${inst.meteringPointId};VOLUME_M3;PT1H;2025-01-01T00:00:00Z;1;measured`;
    const result = await importFile(csv(line, volume));
    expect(result.problems).toMatchObject([
      {
        code: "RESOLUTION_MISMATCH",
        message: `Metering point ${inst.meteringPointId} is read hourly (PT1H), but the file gives its energy every 15 minutes (PT15M).`,
        line: 2,
      },
      {
        code: "QUANTITY_NOT_ALLOWED",
        message: `VOLUME_M3 is not measured at metering point ${inst.meteringPointId}, which is a ELECTRICITY_GRID installation.`,
        line: 3,
      },
    ]);
  });

  it("round-trips the Stockholm autumn daylight-saving day: 25 values in one local day", async () => {
    const inst = await seInstallation();
    const start = localMidnightUtc("2025-10-26", "Europe/Stockholm").getTime();
    const values = Array.from({ length: 25 }, (_, i) => i + 1);
    const result = await importFile(csv(...hours(inst.meteringPointId, start, values)));
    expect(result.counts).toMatchObject({ received: 25, stored: 25 });
    const days = await daysOf(inst.id);
    expect(days).toHaveLength(1);
    expect(days[0]!.day).toBe("2025-10-26");
    expect(days[0]!.startsAt.toISOString()).toBe("2025-10-25T22:00:00.000Z");
    expect(days[0]!.values).toBe(`{${values.join(",")}}`);
    expect(days[0]!.sum).toBe(325);
  });

  it("stores quarter-hours of a heat installation: energy, volume and temperatures", async () => {
    const inst = await seInstallation({ type: "DISTRICT_HEATING", resolution: "PT15M" });
    const midnight = localMidnightUtc("2025-01-20", "Europe/Stockholm").getTime();
    const q = (quantity: string, v: string) => `${inst.meteringPointId};${quantity};PT15M;${iso(midnight + 15 * 60_000)};${v};measured`;
    const result = await importFile(csv(q("ENERGY_KWH", "12,5"), q("VOLUME_M3", "0,21"), q("SUPPLY_TEMP_C", "78,5"), q("RETURN_TEMP_C", "41"), q("FLOW_M3H", "0,84"), q("POWER_KW", "50")));
    expect(result.status).toBe("STORED");
    const series = await db.meterSeries.findMany({ where: { installationId: inst.id }, orderBy: { quantity: "asc" } });
    expect(series.map((s) => [s.quantity, s.resolution, s.unit])).toEqual([
      ["ENERGY_KWH", "PT15M", "kWh"],
      ["VOLUME_M3", "PT15M", "m³"],
      ["SUPPLY_TEMP_C", "PT15M", "°C"],
      ["RETURN_TEMP_C", "PT15M", "°C"],
      ["FLOW_M3H", "PT15M", "m³/h"],
      ["POWER_KW", "PT15M", "kW"],
    ]);
    const [day] = await daysOf(inst.id, "SUPPLY_TEMP_C");
    expect(day!.values.split(",")).toHaveLength(96);
    expect(day!.values.startsWith("{NaN,78.5,NaN")).toBe(true);
  });

  it("stores an area's outdoor temperature in the area's time zone", async () => {
    const midnight = localMidnightUtc("2025-01-05", "Europe/Helsinki").getTime();
    const result = await importFile(csv(...hours("area:FI", midnight, ["-21,5", "-22", "-19.25"], "OUTDOOR_TEMP_C")));
    expect(result.status).toBe("STORED");
    const series = await db.meterSeries.findFirstOrThrow({ where: { areaCode: "FI" } });
    expect(series).toMatchObject({ installationId: null, areaTimeZone: "Europe/Helsinki", quantity: "OUTDOOR_TEMP_C", resolution: "PT1H", unit: "°C" });
    const [day] = await db.$queryRawUnsafe<DayRow[]>(
      `SELECT to_char("day", 'YYYY-MM-DD') AS day, "startsAt", "values"::text AS values, "sum" FROM "MeterDay" WHERE "seriesId" = $1::uuid`,
      series.id,
    );
    expect(day!.day).toBe("2025-01-05");
    expect(day!.startsAt.toISOString()).toBe("2025-01-04T22:00:00.000Z");
    expect(day!.values.startsWith("{-21.5,-22,-19.25,NaN")).toBe(true);
    expect(day!.sum).toBeCloseTo(-62.75, 10);

    const wrong = await importFile(csv(...hours("area:XX1", midnight, ["1"], "OUTDOOR_TEMP_C"), ...hours("area:SE3", midnight, ["1"], "ENERGY_KWH")));
    expect(wrong.problems.map((p) => p.code)).toEqual(["UNKNOWN_AREA", "QUANTITY_NOT_ALLOWED"]);
  });
});

describe("importing Eloverblik JSON", () => {
  it("stores a Danish series in Copenhagen days, for grid and supply sharing the metering point", async () => {
    const customer = await createCustomer(db, { market: "DK" });
    const supply = await createInstallation(db, { customerId: customer.id, type: "ELECTRICITY_SUPPLY" });
    const grid = await createInstallation(db, { customerId: customer.id, type: "ELECTRICITY_GRID", meteringPointId: supply.meteringPointId });
    const points = Array.from({ length: 24 }, (_, i) => ({ position: String(i + 1), "out_Quantity.quantity": (0.1 * (i + 1)).toFixed(3), "out_Quantity.quality": i === 5 ? "A03" : "A04" }));
    const doc = {
      result: [
        {
          MyEnergyData_MarketDocument: {
            mRID: "doc-1",
            TimeSeries: [
              {
                mRID: supply.meteringPointId,
                "measurement_Unit.name": "KWH",
                Period: [{ resolution: "PT1H", timeInterval: { start: "2024-12-31T23:00:00Z", end: "2025-01-01T23:00:00Z" }, Point: points }],
              },
            ],
          },
          success: true,
          errorCode: 10000,
          errorText: "NoError",
          id: supply.meteringPointId,
        },
      ],
    };
    const result = await importMeterValues({ fileName: "eloverblik.json", bytes: new TextEncoder().encode(JSON.stringify(doc)), actor: staff });
    expect(result.format).toBe("ELOVERBLIK_JSON");
    expect(result.status).toBe("STORED");
    expect(result.counts).toEqual({ received: 24, stored: 48, replaced: 0, unchanged: 0, rejected: 0 });
    for (const inst of [supply, grid]) {
      const [day] = await daysOf(inst.id);
      expect(day!.day).toBe("2025-01-01");
      expect(day!.values.startsWith("{0.1,0.2,0.3,0.4,0.5,0.6,0.7")).toBe(true);
      expect(day!.quality.startsWith("{0,0,0,0,0,1,0")).toBe(true);
      expect(day!.sum).toBeCloseTo(30, 10);
    }
    expect((await db.meterImport.findUniqueOrThrow({ where: { id: result.importId } })).format).toBe("ELOVERBLIK_JSON");
  });

  it("reports problems by series, period and position", async () => {
    const customer = await createCustomer(db, { market: "DK" });
    const inst = await createInstallation(db, { customerId: customer.id });
    const points = Array.from({ length: 24 }, (_, i) => ({ position: String(i + 1), "out_Quantity.quantity": "0.5", "out_Quantity.quality": "A04" }));
    points[9]!["out_Quantity.quantity"] = "-1";
    const doc = { result: [{ MyEnergyData_MarketDocument: { TimeSeries: [{ mRID: inst.meteringPointId, Period: [{ resolution: "PT1H", timeInterval: { start: "2025-01-01T23:00:00Z", end: "2025-01-02T23:00:00Z" }, Point: points }] }] } }] };
    const result = await importMeterValues({ fileName: "x.json", bytes: new TextEncoder().encode(JSON.stringify(doc)) });
    expect(result.status).toBe("REJECTED");
    expect(result.problems).toMatchObject([{ code: "NEGATIVE_VALUE", series: 1, period: 1, position: 10 }]);
    expect(await daysOf(inst.id)).toEqual([]);
  });
});

describe("importing Eloverblik production series", () => {
  it("refuses a production series (businessType A01), naming it, and stores none of its values as consumption", async () => {
    const customer = await createCustomer(db, { market: "DK" });
    const home = await createInstallation(db, { customerId: customer.id });
    const solar = await createInstallation(db, { customerId: customer.id });
    const points = Array.from({ length: 24 }, (_, i) => ({ position: String(i + 1), "out_Quantity.quantity": "0.250", "out_Quantity.quality": "A04" }));
    const period = { resolution: "PT1H", timeInterval: { start: "2024-12-31T23:00:00Z", end: "2025-01-01T23:00:00Z" }, Point: points };
    const doc = {
      result: [
        {
          MyEnergyData_MarketDocument: {
            mRID: "doc-2",
            TimeSeries: [
              { mRID: home.meteringPointId, businessType: "A04", "measurement_Unit.name": "KWH", Period: [period] },
              { mRID: solar.meteringPointId, businessType: "A01", "measurement_Unit.name": "KWH", Period: [period] },
            ],
          },
          success: true,
          errorCode: 10000,
          errorText: "NoError",
          id: home.meteringPointId,
        },
      ],
    };
    const bytes = new TextEncoder().encode(JSON.stringify(doc));

    const refused = await importMeterValues({ fileName: "eloverblik-prod.json", bytes, actor: staff });
    expect(refused.status).toBe("REJECTED");
    expect(refused.problems).toEqual([
      expect.objectContaining({
        code: "UNSUPPORTED_BUSINESS_TYPE",
        series: 2,
        meteringPoint: solar.meteringPointId,
        field: "businessType",
        values: 24,
        params: { businessType: "A01", series: 2, meteringPoint: solar.meteringPointId },
        message: `Series 2 (metering point ${solar.meteringPointId}) is production (businessType A01): production is not imported, only consumption (A04).`,
      }),
    ]);
    expect(await daysOf(home.id)).toEqual([]);
    expect(await daysOf(solar.id)).toEqual([]);

    // Storing the valid part keeps the consumption and still leaves production out.
    const partial = await importMeterValues({ fileName: "eloverblik-prod.json", bytes, actor: staff, mode: "store-valid" });
    expect(partial.status).toBe("PARTIAL");
    expect(partial.counts).toMatchObject({ received: 48, stored: 24, rejected: 24 });
    expect(await daysOf(home.id)).toHaveLength(1);
    expect(await daysOf(solar.id)).toEqual([]);
  });
});

describe("encoding and access", () => {
  it("refuses a file that is not UTF-8 and records it", async () => {
    const bytes = Uint8Array.from([0xff, 0xfe, ...Array.from(new TextEncoder().encode("metering_point")).flatMap((b) => [b, 0])]);
    const result = await importFile(bytes, { fileName: "utf16.csv" });
    expect(result.status).toBe("REJECTED");
    expect(result.problems).toMatchObject([{ code: "NOT_UTF8" }]);
    expect(result.problems[0]!.message).toContain("The file is not UTF-8 encoded (looks like UTF-16");
  });

  it("writes an audit entry when staff import, none for the system", async () => {
    const inst = await seInstallation();
    const file = csv(...hours(inst.meteringPointId, Date.UTC(2025, 4, 1), [1, 2]));
    const byStaff = await importFile(file, { ip: "192.0.2.7" });
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "meter.importReceived", targetId: byStaff.importId } });
    expect(entry).toMatchObject({
      actorType: "STAFF",
      actorStaffId: staff.staffId,
      targetType: "MeterImport",
      ipAddress: "192.0.2.7",
      details: { fileName: "values.csv", format: "CSV", status: "STORED", received: 2, stored: 2, replaced: 0, unchanged: 0, rejected: 0, problems: 0 },
    });
    const bySystem = await importMeterValues({ fileName: "values.csv", bytes: file });
    expect(bySystem.counts.unchanged).toBe(2);
    expect(await db.auditLog.count({ where: { targetId: bySystem.importId } })).toBe(0);
    expect((await db.meterImport.findUniqueOrThrow({ where: { id: bySystem.importId } })).receivedByStaffId).toBeNull();
  });

  it("is for staff only: a customer actor is FORBIDDEN and nothing is recorded", async () => {
    const customer: CustomerActor = { kind: "customer", userId: "00000000-0000-4000-8000-000000000001", name: "Kund", email: null, customers: [] };
    const before = await tableCounts();
    const error = await importMeterValues({ fileName: "x.csv", bytes: csv(), actor: customer }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("FORBIDDEN");
    await expect(listMeterImports(customer)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getMeterImport(customer, "00000000-0000-4000-8000-000000000001")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await tableCounts()).toEqual(before);
  });

  it("lists recent imports newest first with who received them, and shows one with its report", async () => {
    const list = await listMeterImports(staff, { limit: 3 });
    expect(list).toHaveLength(3);
    expect(list[0]!.receivedAt.getTime()).toBeGreaterThanOrEqual(list[1]!.receivedAt.getTime());
    const staffRow = list.find((r) => r.receivedBy !== null);
    expect(staffRow?.receivedBy).toBe("Ivar Import");
    const rejected = (await listMeterImports(staff, { limit: 100 })).find((r) => r.status === "REJECTED")!;
    const report = await getMeterImport(staff, rejected.id);
    expect(report?.problems.length).toBeGreaterThan(0);
    expect(report?.problemCount).toBe(report?.problems.length);
    expect(await getMeterImport(staff, "not-a-uuid")).toBeNull();
  });
});
