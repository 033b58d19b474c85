import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createCustomer, createInstallation, createMeterSeries, createUser } from "@/fixtures/factories";
import type { Installation } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { createGroup } from "@/server/groups/create-group";
import { customerActorOf } from "../../../tests/support/actors";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { ready } from "../../../tests/support/views";
import { getConsumptionView } from "./get-consumption-view";
import * as listModule from "./list-consumption-installations";

// Counts the calls of the installation list while keeping what it does.
vi.mock("./list-consumption-installations", async (original) => {
  const m = await original<typeof import("./list-consumption-installations")>();
  return { ...m, listConsumptionInstallations: vi.fn(m.listConsumptionInstallations) };
});
const listCalls = vi.mocked(listModule.listConsumptionInstallations);

const db = getTestDb();
const TZ = "Europe/Stockholm";
const now = new Date("2025-06-15T10:00:00Z");

let north: Installation, north2: Installation, south: Installation, foreign: Installation;
let company: CustomerActor, neighbour: CustomerActor;
let northId: string, southId: string;


beforeAll(async () => {
  await resetDatabase();
  const a = await createCustomer(db, { name: "Norrsken Nord" });
  const b = await createCustomer(db, { name: "Norrsken Syd" });
  const other = await createCustomer(db, { name: "Granne AB" });
  northId = a.id;
  southId = b.id;
  north = await createInstallation(db, { customerId: a.id, type: "ELECTRICITY_GRID", name: "Nord 1", street: "Avägen 1", timeZone: TZ });
  north2 = await createInstallation(db, { customerId: a.id, type: "DISTRICT_HEATING", name: "Nord 2", street: "Avägen 2", timeZone: TZ });
  south = await createInstallation(db, { customerId: b.id, type: "ELECTRICITY_GRID", name: "Syd 1", street: "Bvägen 1", timeZone: TZ });
  foreign = await createInstallation(db, { customerId: other.id, type: "ELECTRICITY_GRID", name: "Grannens", street: "Cvägen 1", timeZone: TZ });
  for (const i of [north, south, foreign]) {
    await createMeterSeries(db, { installationId: i.id, quantity: "ENERGY_KWH", resolution: "PT1H", from: "2025-05-01", toExclusive: "2025-06-15", timeZone: TZ, generator: (day) => Array.from({ length: day.intervals }, () => 1) });
  }
  await createMeterSeries(db, { installationId: north2.id, quantity: "SUPPLY_TEMP_C", resolution: "PT1H", from: "2025-05-01", toExclusive: "2025-06-15", timeZone: TZ, generator: (day) => Array.from({ length: day.intervals }, () => 70) });
  company = await customerActorOf(await createUser(db, { memberships: [{ customerId: a.id, role: "ADMINISTRATOR" }, { customerId: b.id, role: "ADMINISTRATOR" }] }));
  neighbour = await customerActorOf(await createUser(db, { memberships: [{ customerId: other.id, role: "ADMINISTRATOR" }] }));
});

beforeEach(() => {
  listCalls.mockClear();
});

describe("getConsumptionView", () => {
  it("shows the active customer's first installation by month, with the selection's quantities and the export", async () => {
    const v = ready(await getConsumptionView(company, { activeCustomerId: northId, searchParams: {}, now }));
    expect(v.choices.map((c) => c.id)).toEqual([north.id, north2.id]);
    expect(v.selection).toEqual([north.id]);
    expect(v.summary).toMatchObject({ kind: "one", installation: { id: north.id } });
    expect(v.offered).toEqual(["ENERGY_KWH"]);
    expect(v.granularity).toBe("month");
    expect(v.period).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(v.typicalAllowed).toBe(true);
    expect(v.comparison?.current.total.value).toBe(45 * 24); // 1 kWh an hour, 1 May – 14 June
    expect(v.export).toMatchObject({ customerId: northId, notice: null, size: { allowed: true } });
    expect(listCalls).toHaveBeenCalledTimes(1);
  });

  it("reads the installations of all the user's customers in ONE call for a link to another customer number", async () => {
    const v = ready(await getConsumptionView(company, { activeCustomerId: northId, searchParams: { anl: south.id, niva: "dygn", fran: "2025-06-01", till: "2025-06-10" }, now }));
    expect(v.export.customerId).toBe(southId);
    expect(v.choices.map((c) => c.id)).toEqual([south.id]);
    expect(v.period).toEqual({ from: "2025-06-01", to: "2025-06-10" });
    expect(v.comparison?.current.buckets).toHaveLength(10);
    expect(listCalls).toHaveBeenCalledTimes(1);
    expect(listCalls.mock.calls[0]![1]).toEqual([northId, southId]);
  });

  it("offers every customer a group spans, from one call, and the quantities its installations measure", async () => {
    const group = await createGroup(company, { name: "Blandat", selection: { installationIds: [south.id, north2.id] } });
    const v = ready(await getConsumptionView(company, { activeCustomerId: northId, searchParams: { grupp: group.id, storhet: "framledning" }, now }));
    expect(v.group).toEqual({ id: group.id, name: "Blandat" });
    expect(v.choices.map((c) => c.id)).toEqual([north.id, north2.id, south.id]);
    expect(v.summary).toEqual({ kind: "group", name: "Blandat", count: 2 });
    expect(v.offered).toEqual(["ENERGY_KWH", "SUPPLY_TEMP_C"]);
    expect(v.quantity).toBe("SUPPLY_TEMP_C");
    expect(v.typicalAllowed).toBe(false);
    expect(listCalls).toHaveBeenCalledTimes(1);
  });

  it("ignores unusable parameters and says why a period was shortened or an export refused", async () => {
    const v = ready(
      await getConsumptionView(company, { activeCustomerId: northId, searchParams: { anl: "alla", niva: "timme", fran: "2025-01-01", till: "2025-05-31", storhet: "okand", exportfel: "for-stor", normal: "villa" }, now }),
    );
    expect(v.selection).toBe("all");
    expect(v.summary).toEqual({ kind: "all", count: 2 });
    expect(v.quantity).toBe("ENERGY_KWH");
    expect(v.clamped).toBe(true);
    expect(v.period).toEqual({ from: "2025-05-01", to: "2025-05-31" });
    expect(v.typical).toBeNull();
    expect(v.state.typical).toBe("house");
    expect(v.export.notice).toBe("tooLarge");
  });

  it("answers another customer's installation, an unknown group or a malformed id like a foreign id", async () => {
    expect(await getConsumptionView(company, { activeCustomerId: northId, searchParams: { anl: foreign.id }, now })).toEqual({ kind: "notFound" });
    expect(await getConsumptionView(company, { activeCustomerId: northId, searchParams: { anl: [north.id, south.id] }, now })).toEqual({ kind: "notFound" });
    expect(await getConsumptionView(company, { activeCustomerId: northId, searchParams: { anl: "inte-ett-id" }, now })).toEqual({ kind: "notFound" });
    expect(await getConsumptionView(company, { activeCustomerId: northId, searchParams: { grupp: foreign.id }, now })).toEqual({ kind: "notFound" });
  });

  it("shows a second customer's user nothing of the first customer's", async () => {
    const own = ready(await getConsumptionView(neighbour, { activeCustomerId: neighbour.customers[0]!.customerId, searchParams: {}, now }));
    expect(own.choices.map((c) => c.id)).toEqual([foreign.id]);
    expect(await getConsumptionView(neighbour, { activeCustomerId: northId, searchParams: {}, now })).toMatchObject({ kind: "ready", choices: [{ id: foreign.id }] });
    expect(await getConsumptionView(neighbour, { activeCustomerId: null, searchParams: { anl: north.id }, now })).toEqual({ kind: "notFound" });
    const noCustomer = { ...neighbour, customers: [] };
    expect(await getConsumptionView(noCustomer, { activeCustomerId: null, searchParams: {}, now })).toEqual({ kind: "noCustomer" });
  });
});
