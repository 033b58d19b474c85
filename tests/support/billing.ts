// Helpers for billing integration tests: a customer with an installation, a contract billed by
// given price-list products, and meter values from a generator.
import { createContract, createCustomer, createInstallation, createMeterSeries, type MeterDayContext } from "@/fixtures/factories";
import type { BillingCycle, InstallationType, Market, Resolution } from "@/generated/prisma/enums";
import type { Db } from "@/server/db/create-client";
import type { SeGridPriceList } from "@/domain/billing/price-list";
import { seGrid } from "./rating";

export type BilledInstallation = Awaited<ReturnType<typeof createBilledInstallation>>;

/** Every value of every day from a function of the day and the interval index. */
export type ValueOf = (day: MeterDayContext, index: number) => number;

export async function createBilledInstallation(
  db: Db,
  options: {
    market?: Market;
    type?: InstallationType;
    resolution?: Resolution;
    priceArea?: string;
    timeZone?: string;
    priceProducts: string[];
    billingCycle?: BillingCycle;
    expectedYearlyKwh?: number | null;
    contractStart?: string;
    contractEnd?: string | null;
    /** Meter values over local days [from, to). */
    values?: { from: string; to: string; value: ValueOf };
    volume?: { from: string; to: string; value: ValueOf };
  },
) {
  const market = options.market ?? "SE";
  const customer = await createCustomer(db, { market });
  const installation = await createInstallation(db, {
    customerId: customer.id,
    type: options.type ?? (market === "SE" ? "ELECTRICITY_GRID" : "ELECTRICITY_SUPPLY"),
    resolution: options.resolution ?? "PT1H",
    ...(options.priceArea ? { priceArea: options.priceArea } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  const contract = await createContract(db, {
    installationId: installation.id,
    priceProducts: options.priceProducts,
    billingCycle: options.billingCycle ?? "MONTHLY",
    expectedYearlyKwh: options.expectedYearlyKwh ?? null,
    startDate: options.contractStart ?? "2020-01-01",
    endDate: options.contractEnd ?? null,
  });
  let seriesId: string | null = null;
  if (options.values) {
    const { from, to, value } = options.values;
    const series = await createMeterSeries(db, {
      installationId: installation.id,
      quantity: "ENERGY_KWH",
      resolution: installation.resolution,
      from,
      toExclusive: to,
      timeZone: installation.timeZone,
      generator: (day) => Array.from({ length: day.intervals }, (_, i) => value(day, i)),
    });
    seriesId = series.id;
  }
  if (options.volume) {
    const { from, to, value } = options.volume;
    await createMeterSeries(db, {
      installationId: installation.id,
      quantity: "VOLUME_M3",
      resolution: installation.resolution,
      from,
      toExclusive: to,
      timeZone: installation.timeZone,
      generator: (day) => Array.from({ length: day.intervals }, (_, i) => value(day, i)),
    });
  }
  return { customer, installation, contract, seriesId };
}

/** Invoices of a contract with their lines, oldest first. */
export async function invoicesOf(db: Db, contractId: string) {
  return db.invoice.findMany({
    where: { contractId },
    include: { lines: { orderBy: { position: "asc" } } },
    orderBy: [{ createdAt: "asc" }, { invoiceNumber: "asc" }],
  });
}

/** A line as plain values for exact comparisons. */
export function plainLine(line: { code: string; quantity: { toString(): string }; unitPriceMinor: { toString(): string }; amountMinor: number; vatRate: { toString(): string }; vatAmountMinor: number }) {
  return {
    code: line.code,
    quantity: line.quantity.toString(),
    unitPriceMinor: line.unitPriceMinor.toString(),
    amountMinor: line.amountMinor,
    vatRate: line.vatRate.toString(),
    vatAmountMinor: line.vatAmountMinor,
  };
}

/** A Swedish grid price list with a weekday power fee (three peaks, 07–19), as the billing run tests bill it. */
export function seGridWithPowerFee(id: string, validFrom: string, validTo: string | null, transfer = "23.2"): SeGridPriceList {
  return {
    ...seGrid(id, validFrom, validTo, {
      fixed: "31500",
      transfer,
      tax: "36",
      powerFee: { pricePerKWMonth: "4700", peakCount: 3, weekdays: [1, 2, 3, 4, 5], fromHour: 7, toHour: 19 },
    }),
    name: `Elnät ${id}`,
  };
}
