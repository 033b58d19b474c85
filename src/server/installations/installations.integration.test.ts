import { beforeAll, describe, expect, it } from "vitest";
import { addDays, intervalsInLocalDay, localDate } from "@/domain/time/zoned";
import { createContract, createCustomer, createInstallation, createMeterSeries, createUser, uniqueMeteringPointId } from "@/fixtures/factories";
import type { Customer, Installation } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { getInstallation } from "./get-installation";
import { getStartOverview } from "./get-start-overview";
import { listInstallations } from "./list-installations";
import { appFailure, customerActorOf } from "../../../tests/support/actors";

const db = getTestDb();
const TZ = "Europe/Stockholm";
const today = localDate(new Date(), TZ);
const yesterday = addDays(today, -1);

let companyA: Customer, privateB: Customer, companyC: Customer;
let a1: Installation, a2: Installation, a3: Installation, b1: Installation, c1: Installation;
let admin: CustomerActor, household: CustomerActor, multi: CustomerActor, restricted: CustomerActor;
const INDUSTRY_COUNT = 30;

beforeAll(async () => {
  await resetDatabase();
  companyA = await createCustomer(db, { kind: "COMPANY", name: "Fastighets AB Norrsken" });
  privateB = await createCustomer(db, { name: "Bertil Berg" });
  companyC = await createCustomer(db, { kind: "COMPANY", name: "Kylhuset AB" });

  a1 = await createInstallation(db, {
    customerId: companyA.id,
    type: "ELECTRICITY_GRID",
    name: "Kontoret",
    street: "Storgatan 1",
    city: "Umeå",
    propertyDesignation: "Umeå Björken 3",
    meterNumber: "M-778899",
  });
  // Grid and supply at the same address share one metering point.
  a2 = await createInstallation(db, { customerId: companyA.id, type: "ELECTRICITY_SUPPLY", meteringPointId: a1.meteringPointId, street: "Storgatan 1", city: "Umeå" });
  a3 = await createInstallation(db, {
    customerId: companyA.id,
    type: "DISTRICT_HEATING",
    street: "Kungsgatan 5",
    city: "Umeå",
    propertyDesignation: "Umeå Eken 7",
    priceArea: "Umeå fjärrvärmenät",
  });
  for (let n = 1; n <= INDUSTRY_COUNT; n++) {
    await createInstallation(db, { customerId: companyA.id, type: "ELECTRICITY_GRID", street: `Industrivägen ${n}`, city: "Holmsund" });
  }
  b1 = await createInstallation(db, { customerId: privateB.id, type: "ELECTRICITY_GRID", street: "Lillgatan 2", propertyDesignation: "Sjöbotten Tallen 1" });
  c1 = await createInstallation(db, { customerId: companyC.id, type: "DISTRICT_COOLING", street: "Kylvägen 1" });
  await createInstallation(db, { customerId: companyC.id, type: "ELECTRICITY_GRID", street: "Kylvägen 1" });

  admin = await customerActorOf(await createUser(db, { memberships: [{ customerId: companyA.id, role: "ADMINISTRATOR" }] }));
  household = await customerActorOf(await createUser(db, { memberships: [{ customerId: privateB.id, role: "FULL" }] }));
  multi = await customerActorOf(
    await createUser(db, {
      memberships: [
        { customerId: companyA.id, role: "FULL" },
        { customerId: companyC.id, role: "READ" },
      ],
    }),
  );
  restricted = await customerActorOf(await createUser(db, { memberships: [{ customerId: companyA.id, role: "READ", installationIds: [a1.id, a3.id] }] }));

  // Contracts: open-ended, ending within 90 days, ending later, and already ended.
  await createContract(db, { installationId: a1.id, productName: "Nätavtal", startDate: "2020-01-01", endDate: null });
  await createContract(db, { installationId: a2.id, productName: "Fast pris 1 år", pricing: "FIXED", startDate: "2025-01-01", endDate: addDays(today, 30) });
  await createContract(db, { installationId: a3.id, productName: "Fjärrvärme Bas", startDate: "2024-01-01", endDate: addDays(today, 200) });
  await createContract(db, { installationId: a3.id, productName: "Gammalt avtal", startDate: "2022-01-01", endDate: addDays(today, -1) });
  await createContract(db, { installationId: b1.id, productName: "Rörligt elpris", startDate: "2025-01-01", endDate: addDays(today, 10) });

  // Hourly energy for a1 up to yesterday, 1 kWh per hour, with one missing hour three days ago;
  // and a forecast-like row for tomorrow that must not count as a reading.
  const gapDay = addDays(today, -3);
  await createMeterSeries(db, {
    installationId: a1.id,
    quantity: "ENERGY_KWH",
    resolution: "PT1H",
    from: addDays(today, -20),
    toExclusive: today,
    timeZone: TZ,
    generator: (day) => Array.from({ length: day.intervals }, (_, h) => (day.date === gapDay && h === 5 ? Number.NaN : 1)),
  });
  await createMeterSeries(db, {
    installationId: a3.id,
    quantity: "RETURN_TEMP_C",
    resolution: "PT1H",
    from: addDays(today, -5),
    toExclusive: addDays(today, -2),
    timeZone: TZ,
    generator: (day) => Array.from({ length: day.intervals }, () => 40),
  });
});

describe("listInstallations", () => {
  it("lists only the installations of the actor's own customers", async () => {
    const mine = await listInstallations(household);
    expect(mine.total).toBe(1);
    expect(mine.items.map((i) => i.id)).toEqual([b1.id]);
    expect(mine.items[0]).toMatchObject({ customerNumber: privateB.customerNumber, customerName: "Bertil Berg", street: "Lillgatan 2" });

    const company = await listInstallations(admin, { customerId: companyA.id });
    expect(company.total).toBe(3 + INDUSTRY_COUNT);
    expect(company.items.every((i) => i.customerId === companyA.id)).toBe(true);
  });

  it("refuses to list another customer's installations (NOT_FOUND)", async () => {
    expect(await appFailure(listInstallations(household, { customerId: companyA.id }))).toEqual({ code: "NOT_FOUND", message: "NOT_FOUND" });
    expect(await appFailure(listInstallations(admin, { customerId: privateB.id }))).toEqual({ code: "NOT_FOUND", message: "NOT_FOUND" });
  });

  it("searches by metering point id, also as printed in groups and in part", async () => {
    const id = a3.meteringPointId;
    expect((await listInstallations(admin, { q: id })).items.map((i) => i.id)).toEqual([a3.id]);
    const grouped = `${id.slice(0, 6)} ${id.slice(6, 10)} ${id.slice(10, 14)} ${id.slice(14)}`;
    expect((await listInstallations(admin, { q: grouped })).items.map((i) => i.id)).toEqual([a3.id]);
    expect((await listInstallations(admin, { q: id.slice(-8) })).items.map((i) => i.id)).toEqual([a3.id]);
    // The shared metering point finds both the grid and the supply installation.
    const shared = await listInstallations(admin, { q: a1.meteringPointId });
    expect(shared.items.map((i) => i.type).sort()).toEqual(["ELECTRICITY_GRID", "ELECTRICITY_SUPPLY"]);
  });

  it("searches by street, city, name, property designation and meter number, case-insensitively", async () => {
    expect((await listInstallations(admin, { q: "kungsGATAN" })).items.map((i) => i.id)).toEqual([a3.id]);
    expect((await listInstallations(admin, { q: "björken" })).items.map((i) => i.id)).toEqual([a1.id]);
    expect((await listInstallations(admin, { q: "kontoret" })).items.map((i) => i.id)).toEqual([a1.id]);
    expect((await listInstallations(admin, { q: "m-7788" })).items.map((i) => i.id)).toEqual([a1.id]);
    expect((await listInstallations(admin, { q: "holmsund" })).total).toBe(INDUSTRY_COUNT);
    expect((await listInstallations(admin, { q: "  " })).total).toBe(3 + INDUSTRY_COUNT);
  });

  it("never finds other customers' installations by search", async () => {
    expect((await listInstallations(admin, { q: "Lillgatan" })).total).toBe(0);
    expect((await listInstallations(admin, { q: "Tallen" })).total).toBe(0);
    expect((await listInstallations(admin, { q: b1.meteringPointId })).total).toBe(0);
    expect((await listInstallations(household, { q: "Storgatan" })).total).toBe(0);
  });

  it("filters by type, combined with the search", async () => {
    expect((await listInstallations(admin, { type: "DISTRICT_HEATING" })).items.map((i) => i.id)).toEqual([a3.id]);
    expect((await listInstallations(admin, { type: "ELECTRICITY_SUPPLY" })).items.map((i) => i.id)).toEqual([a2.id]);
    expect((await listInstallations(admin, { type: "ELECTRICITY_GRID" })).total).toBe(1 + INDUSTRY_COUNT);
    expect((await listInstallations(admin, { type: "DISTRICT_COOLING" })).total).toBe(0);
    expect((await listInstallations(admin, { type: "ELECTRICITY_GRID", q: "Storgatan" })).items.map((i) => i.id)).toEqual([a1.id]);
  });

  it("paginates 25 at a time with a stable order and the total", async () => {
    const total = 3 + INDUSTRY_COUNT;
    const first = await listInstallations(admin, { customerId: companyA.id, page: 1 });
    const second = await listInstallations(admin, { customerId: companyA.id, page: 2 });
    expect(first).toMatchObject({ total, page: 1, pageSize: 25, pageCount: 2 });
    expect(first.items).toHaveLength(25);
    expect(second).toMatchObject({ total, page: 2, pageCount: 2 });
    expect(second.items).toHaveLength(total - 25);
    const ids = [...first.items, ...second.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(total);
    // Ordered by street (then city, type, id).
    const streets = [...first.items, ...second.items].map((i) => i.street);
    expect(streets).toEqual([...streets].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));

    // A page past the end shows the last page; a nonsense page the first.
    expect((await listInstallations(admin, { customerId: companyA.id, page: 99 })).page).toBe(2);
    expect((await listInstallations(admin, { customerId: companyA.id, page: -3 })).page).toBe(1);
    const small = await listInstallations(admin, { customerId: companyA.id, pageSize: 10, page: 4 });
    expect(small).toMatchObject({ page: 4, pageCount: 4, pageSize: 10 });
    expect(small.items).toHaveLength(3);
  });

  it("shows a restricted member only the installations granted to them", async () => {
    const list = await listInstallations(restricted);
    expect(list.items.map((i) => i.id).sort()).toEqual([a1.id, a3.id].sort());
    expect((await listInstallations(restricted, { q: "Storgatan" })).items.map((i) => i.id)).toEqual([a1.id]);
    expect((await listInstallations(restricted, { q: "holmsund" })).total).toBe(0);
    expect((await listInstallations(restricted, { type: "ELECTRICITY_SUPPLY" })).total).toBe(0);
  });

  it("shows every customer's installations with their customer numbers in the all-customers view", async () => {
    const all = await listInstallations(multi, { customerId: "all", pageSize: 100 });
    expect(all.total).toBe(3 + INDUSTRY_COUNT + 2);
    expect(new Set(all.items.map((i) => i.customerNumber))).toEqual(new Set([companyA.customerNumber, companyC.customerNumber]));
    expect(all.items.find((i) => i.id === c1.id)).toMatchObject({ customerNumber: companyC.customerNumber, customerName: "Kylhuset AB" });
    expect(all.items.some((i) => i.id === b1.id)).toBe(false);
    // Grouped by customer number.
    const numbers = all.items.map((i) => i.customerNumber);
    expect(numbers).toEqual([...numbers].sort());

    expect((await listInstallations(multi, { customerId: companyC.id })).total).toBe(2);
    expect((await listInstallations(multi, { customerId: companyA.id })).total).toBe(3 + INDUSTRY_COUNT);
    expect((await listInstallations(multi, { q: "Kylvägen" })).total).toBe(2);
  });
});

describe("getInstallation", () => {
  it("returns the installation with its customer, contracts and latest meter values", async () => {
    const detail = await getInstallation(admin, a1.id);
    expect(detail).toMatchObject({
      id: a1.id,
      customerId: companyA.id,
      customer: { customerNumber: companyA.customerNumber, name: "Fastighets AB Norrsken" },
      type: "ELECTRICITY_GRID",
      status: "ACTIVE",
      meteringPointId: a1.meteringPointId,
      propertyDesignation: "Umeå Björken 3",
      priceArea: "SE3",
      timeZone: TZ,
      resolution: "PT1H",
      startDate: "2020-01-01",
      endDate: null,
    });
    expect(detail.contracts).toEqual([
      expect.objectContaining({ productName: "Nätavtal", pricing: "GRID_TARIFF", billingCycle: "MONTHLY", startDate: "2020-01-01", endDate: null }),
    ]);

    const [energy] = detail.series;
    expect(energy).toMatchObject({ quantity: "ENERGY_KWH", unit: "kWh", lastDay: yesterday });
    expect(energy!.recentDays).toHaveLength(7);
    expect(energy!.recentDays!.map((d) => d.date)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(yesterday, i - 6)));
    for (const day of energy!.recentDays!) {
      const gap = day.date === addDays(today, -3);
      // One kWh per hour of the local day (23 or 25 hours on daylight-saving days), minus the gap.
      expect(day.total).toBe(intervalsInLocalDay(day.date, TZ, "PT1H") - (gap ? 1 : 0));
      expect(day.incomplete).toBe(gap);
      expect(day.estimated).toBe(false);
    }
  });

  it("gives the last day of every series but day totals only for energy", async () => {
    const detail = await getInstallation(admin, a3.id);
    expect(detail.series).toEqual([expect.objectContaining({ quantity: "RETURN_TEMP_C", lastDay: addDays(today, -3), recentDays: null })]);
    expect(detail.contracts.map((c) => c.productName)).toEqual(["Fjärrvärme Bas", "Gammalt avtal"]);
    expect((await getInstallation(admin, a2.id)).series).toEqual([]);
  });

  it("is NOT_FOUND for another customer's installation, a malformed id and an unknown id", async () => {
    expect(await appFailure(getInstallation(household, a1.id))).toEqual({ code: "NOT_FOUND", message: "NOT_FOUND" });
    expect(await appFailure(getInstallation(admin, b1.id))).toEqual({ code: "NOT_FOUND", message: "NOT_FOUND" });
    expect(await appFailure(getInstallation(admin, c1.id))).toEqual({ code: "NOT_FOUND", message: "NOT_FOUND" });
    expect(await appFailure(getInstallation(admin, "1 OR 1=1"))).toEqual({ code: "NOT_FOUND", message: "NOT_FOUND" });
    expect(await appFailure(getInstallation(admin, "00000000-0000-4000-8000-000000000000"))).toEqual({ code: "NOT_FOUND", message: "NOT_FOUND" });
  });

  it("is NOT_FOUND for a restricted member outside the granted installations", async () => {
    expect((await getInstallation(restricted, a1.id)).id).toBe(a1.id);
    expect(await appFailure(getInstallation(restricted, a2.id))).toEqual({ code: "NOT_FOUND", message: "NOT_FOUND" });
  });

  it("lets a multi-customer user open installations of each customer", async () => {
    expect((await getInstallation(multi, c1.id)).customer.customerNumber).toBe(companyC.customerNumber);
    expect((await getInstallation(multi, a3.id)).customer.customerNumber).toBe(companyA.customerNumber);
    expect(await appFailure(getInstallation(multi, b1.id))).toEqual({ code: "NOT_FOUND", message: "NOT_FOUND" });
  });
});

describe("getStartOverview", () => {
  it("counts installations per type, lists contracts ending within 90 days and the latest meter day", async () => {
    const overview = await getStartOverview(admin, companyA.id);
    expect(overview.customer).toMatchObject({ id: companyA.id, customerNumber: companyA.customerNumber, name: "Fastighets AB Norrsken", kind: "COMPANY" });
    expect(overview.installationCounts).toEqual([
      { type: "ELECTRICITY_GRID", count: 1 + INDUSTRY_COUNT },
      { type: "ELECTRICITY_SUPPLY", count: 1 },
      { type: "DISTRICT_HEATING", count: 1 },
      { type: "DISTRICT_COOLING", count: 0 },
    ]);
    expect(overview.installationTotal).toBe(3 + INDUSTRY_COUNT);
    expect(overview.contractsEndingSoon.map((c) => [c.productName, c.endDate, c.installation.id])).toEqual([["Fast pris 1 år", addDays(today, 30), a2.id]]);
    expect(overview.latestMeterDay).toBe(yesterday);
    expect(overview.today).toBe(today);
  });

  it("counts only what a restricted member may see", async () => {
    const overview = await getStartOverview(restricted, companyA.id);
    expect(overview.installationCounts.filter((c) => c.count > 0)).toEqual([
      { type: "ELECTRICITY_GRID", count: 1 },
      { type: "DISTRICT_HEATING", count: 1 },
    ]);
    // The contract ending soon belongs to a2, which this member may not see.
    expect(overview.contractsEndingSoon).toEqual([]);
  });

  it("has no meter day when the installations have no values, and refuses other customers", async () => {
    const overview = await getStartOverview(household, privateB.id);
    expect(overview.latestMeterDay).toBeNull();
    expect(overview.contractsEndingSoon.map((c) => c.productName)).toEqual(["Rörligt elpris"]);
    expect(await appFailure(getStartOverview(household, companyA.id))).toEqual({ code: "NOT_FOUND", message: "NOT_FOUND" });
    expect(await appFailure(getStartOverview(admin, privateB.id))).toEqual({ code: "NOT_FOUND", message: "NOT_FOUND" });
  });
});

describe("a company with 500 installations", () => {
  it("lists, searches and pages them quickly", async () => {
    const big = await createCustomer(db, { kind: "COMPANY", name: "Stora Bostäder AB" });
    await db.installation.createMany({
      data: Array.from({ length: 500 }, (_, n) => ({
        customerId: big.id,
        type: n % 2 === 0 ? ("ELECTRICITY_GRID" as const) : ("DISTRICT_HEATING" as const),
        meteringPointId: uniqueMeteringPointId("SE"),
        street: `Bostadsvägen ${n + 1}`,
        postalCode: "931 30",
        city: n % 10 === 0 ? "Skellefteå" : "Sjöbotten",
        propertyDesignation: `Sjöbotten Hus ${n + 1}`,
        priceArea: "SE1",
        timeZone: TZ,
        meterNumber: `BIG${String(n).padStart(5, "0")}`,
        startDate: new Date("2020-01-01T00:00:00Z"),
      })),
    });
    const owner = await customerActorOf(await createUser(db, { memberships: [{ customerId: big.id, role: "READ" }] }));

    const timings: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      const [plain, search, filtered, last] = await Promise.all([
        listInstallations(owner),
        listInstallations(owner, { q: "skellefteå" }),
        listInstallations(owner, { type: "DISTRICT_HEATING", page: 3 }),
        listInstallations(owner, { page: 20 }),
      ]);
      timings.push(performance.now() - started);
      expect(plain).toMatchObject({ total: 500, pageCount: 20 });
      expect(search.total).toBe(50);
      expect(filtered).toMatchObject({ total: 250, page: 3 });
      expect(filtered.items).toHaveLength(25);
      expect(last.items).toHaveLength(25);
    }
    timings.sort((x, y) => x - y);
    // Generous for a shared machine and the embedded database; the point is no per-row queries.
    expect(timings[2]).toBeLessThan(2_000);
  });
});
