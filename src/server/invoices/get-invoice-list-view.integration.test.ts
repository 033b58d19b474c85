// The view-model of the invoice list: the list from its address, scoped by the actor.
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createInstallation, createUser } from "@/fixtures/factories";
import type { Installation, Invoice } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { customerActorOf } from "../../../tests/support/actors";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { ready } from "../../../tests/support/views";
import { createTestInvoice } from "../../../tests/support/invoice-fixtures";
import { getInvoiceListView, type InvoiceListView } from "./get-invoice-list-view";

const db = getTestDb();

let officeA: Installation, coolB: Installation;
let januaryA: Invoice, februaryA: Invoice, marchB: Invoice;
let both: CustomerActor, onlyB: CustomerActor;
let aId: string, bId: string;

const numbers = (v: InvoiceListView) => ready(v).result.items.map((i) => i.invoiceNumber).sort();
const month = (customerId: string, installationId: string, from: string, to: string, netAmountMinor: number) =>
  createTestInvoice(db, { customerId, installationId, invoiceDate: to, periodStart: from, periodEnd: to, netAmountMinor });

beforeAll(async () => {
  await resetDatabase();
  const a = await createCustomer(db, { kind: "COMPANY", name: "Norrsken AB" });
  const b = await createCustomer(db, { kind: "COMPANY", name: "Kylhuset AB" });
  aId = a.id;
  bId = b.id;
  officeA = await createInstallation(db, { customerId: a.id, type: "ELECTRICITY_GRID", street: "Storgatan 1" });
  coolB = await createInstallation(db, { customerId: b.id, type: "DISTRICT_COOLING", street: "Kylvägen 1" });
  januaryA = await month(a.id, officeA.id, "2025-01-01", "2025-01-31", 10_000);
  februaryA = await month(a.id, officeA.id, "2025-02-01", "2025-02-28", 20_000);
  marchB = await month(b.id, coolB.id, "2025-03-01", "2025-03-31", 30_000);
  both = await customerActorOf(await createUser(db, { memberships: [{ customerId: a.id, role: "ADMINISTRATOR" }, { customerId: b.id, role: "READ" }] }));
  onlyB = await customerActorOf(await createUser(db, { memberships: [{ customerId: b.id, role: "ADMINISTRATOR" }] }));
});

describe("getInvoiceListView", () => {
  it("lists the active customer's invoices, and every customer's with ?kund=alla", async () => {
    const v = ready(await getInvoiceListView(both, { activeCustomerId: aId, searchParams: {} }));
    expect(numbers(v)).toEqual([januaryA.invoiceNumber, februaryA.invoiceNumber].sort());
    expect(v).toMatchObject({ filtered: false, errors: {}, showCustomerColumn: false, customerText: expect.stringContaining("Norrsken AB") });
    const all = ready(await getInvoiceListView(both, { activeCustomerId: aId, searchParams: { kund: "alla" } }));
    expect(all.result.total).toBe(3);
    expect(all).toMatchObject({ showCustomerColumn: true, customerText: null });
  });

  it("validates the filters: an unusable date or amount is pointed out and left out, the others apply", async () => {
    const v = ready(await getInvoiceListView(both, { activeCustomerId: aId, searchParams: { fran: "2025-02-30", "belopp-fran": "200", "belopp-till": "tjugo" } }));
    expect(v.errors).toEqual({ from: "invoices.errors.date", amountTo: "invoices.errors.amount" });
    expect(numbers(v)).toEqual([februaryA.invoiceNumber]);
    expect(v.filtered).toBe(true);
    const order = ready(await getInvoiceListView(both, { activeCustomerId: aId, searchParams: { fran: "2025-03-01", till: "2025-01-01" } }));
    expect(order.errors).toEqual({ to: "invoices.errors.dateOrder" });
    expect(order.result.total).toBe(2);
  });

  it("follows a link from an installation (?anl=) to another customer number than the active one", async () => {
    const v = ready(await getInvoiceListView(both, { activeCustomerId: aId, searchParams: { anl: coolB.meteringPointId } }));
    expect(v.params.customer).toBe("all");
    expect(numbers(v)).toEqual([marchB.invoiceNumber]);
  });

  it("shows a second customer's user nothing of the first customer's", async () => {
    expect(numbers(await getInvoiceListView(onlyB, { activeCustomerId: aId, searchParams: {} }))).toEqual([marchB.invoiceNumber]);
    expect(numbers(await getInvoiceListView(onlyB, { activeCustomerId: aId, searchParams: { kund: aId } }))).toEqual([marchB.invoiceNumber]);
    expect(numbers(await getInvoiceListView(onlyB, { activeCustomerId: aId, searchParams: { anl: officeA.meteringPointId } }))).toEqual([]);
    expect(ready(await getInvoiceListView(onlyB, { activeCustomerId: null, searchParams: { kund: "alla" } })).customers.map((c) => c.id)).toEqual([bId]);
    expect(await getInvoiceListView({ ...onlyB, customers: [] }, { activeCustomerId: null, searchParams: {} })).toEqual({ kind: "noCustomer" });
  });
});
