// Billing run: 10 000 installations × one month of hourly values (January 2026, 744 hours), billed
// through the real server function into a throwaway database on the PostgreSQL server.
//
// Target (issue 4): a run for 10 000 installations for one month in ≤ 60 s. The mix: 60 % Swedish
// grid with a power fee, 30 % Swedish spot supply (SE3 hourly prices), 10 % district heating with a
// power price (billing power from the month's highest daily mean). Each repetition starts without
// invoices and runs the whole month; the figure is the median. In the same run, side by side:
// - the same run again (idempotent: every contract UNCHANGED),
// - a correction run rating every invoiced contract again (`corrections: "all"`, nothing changed),
// - the obvious baseline, one transaction per contract (chunk size 1), on 1 000 contracts,
// - the physical floor for reading: the month's MeterDay rows of all series in one SELECT.
//
// BENCH_REPS sets the repetitions (3); BENCH_INSTALLATIONS the size (10 000).
import pg from "pg";
import { median, onPostgresOrSkip, report, round } from "./lib";

const REPS = Number(process.env.BENCH_REPS ?? 3);
const INSTALLATIONS = Number(process.env.BENCH_INSTALLATIONS ?? 10_000);
const TARGET_SECONDS = 60;
const PERIOD = { cycle: "MONTHLY" as const, periodStart: "2026-01-01", periodEnd: "2026-02-01", today: "2026-02-02" };

/** Customers, installations, contracts, series and a month of hourly values, in a few SQL statements. */
async function prepare(url: string): Promise<void> {
  const { createPrismaClient } = await import("../src/server/db/create-client");
  const { storePriceLists } = await import("../src/server/billing/store-price-lists");
  const { storeVatRates } = await import("../src/server/billing/store-vat-rates");
  const { DEMO_SE_GRID, DEMO_SE_SUPPLY_SPOT, DEMO_VAT_RATES } = await import("../src/fixtures/demo-price-lists");
  const db = createPrismaClient(url);
  await storeVatRates(db, DEMO_VAT_RATES);
  await storePriceLists(db, [
    ...DEMO_SE_GRID.map((list) => ({ list })),
    ...DEMO_SE_SUPPLY_SPOT.map((list) => ({ list, key: "SE_SUPPLY:SPOT" })),
    {
      key: "DH:COMPANY",
      list: {
        id: "dh-company-2026",
        name: "Fjärrvärme företag",
        product: "DH",
        market: "SE",
        currency: "SEK",
        validFrom: "2026-01-01",
        validTo: null,
        prices: {
          energy: [
            { season: "winter", months: [1, 2, 3, 11, 12], pricePerKWh: "78.5" },
            { season: "summer", months: [4, 5, 6, 7, 8, 9, 10], pricePerKWh: "36.25" },
          ],
          powerPerKWYear: "82000",
        },
      },
    },
  ]);
  await db.$disconnect();

  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const customers = Math.ceil(INSTALLATIONS / 5);
    await c.query(
      `INSERT INTO "Customer" ("id", "customerNumber", "kind", "market", "currency", "name", "nationalId", "nationalIdScheme", "street", "postalCode", "city",
         "invoiceStreet", "invoicePostalCode", "invoiceCity", "checkCode", "updatedAt")
       SELECT gen_random_uuid(), (7000000 + n)::text, 'COMPANY', 'SE', 'SEK', 'Bench AB ' || n, '5560000000', 'SE_ORGANISATIONSNUMMER', 'Storgatan 1', '111 11', 'Stockholm',
              'Storgatan 1', '111 11', 'Stockholm', 'BNCH-MARK', now()
       FROM generate_series(1, $1::int) AS n`,
      [customers],
    );
    await c.query(
      `WITH cs AS (SELECT "id", row_number() OVER (ORDER BY "customerNumber") AS k FROM "Customer")
       INSERT INTO "Installation" ("id", "customerId", "type", "meteringPointId", "street", "postalCode", "city", "priceArea", "timeZone", "meterNumber", "resolution", "startDate", "updatedAt")
       SELECT gen_random_uuid(), cs."id", CASE WHEN n % 10 = 9 THEN 'DISTRICT_HEATING' WHEN n % 10 >= 6 THEN 'ELECTRICITY_SUPPLY' ELSE 'ELECTRICITY_GRID' END::"InstallationType",
              (735999900000000000 + n)::text, 'Storgatan 1', '111 11', 'Stockholm', 'SE3', 'Europe/Stockholm', 'M' || n, 'PT1H', '2020-01-01', now()
       FROM generate_series(0, $1::int - 1) AS n JOIN cs ON cs.k = n / 5 + 1`,
      [INSTALLATIONS],
    );
    await c.query(
      `INSERT INTO "Contract" ("id", "customerId", "installationId", "contractNumber", "productName", "pricing", "billingCycle", "startDate", "priceProducts")
       SELECT gen_random_uuid(), i."customerId", i."id", 'B-' || i."meterNumber", 'Bench',
              CASE i."type" WHEN 'ELECTRICITY_GRID' THEN 'GRID_TARIFF' WHEN 'ELECTRICITY_SUPPLY' THEN 'SPOT' ELSE 'DISTRICT_HEATING_TARIFF' END::"ContractPricing",
              'MONTHLY', '2020-01-01',
              CASE i."type" WHEN 'ELECTRICITY_GRID' THEN ARRAY['SE_GRID'] WHEN 'ELECTRICITY_SUPPLY' THEN ARRAY['SE_SUPPLY:SPOT'] ELSE ARRAY['DH:COMPANY'] END
       FROM "Installation" i`,
    );
    await c.query(
      `INSERT INTO "MeterSeries" ("id", "installationId", "quantity", "resolution", "unit")
       SELECT gen_random_uuid(), i."id", 'ENERGY_KWH', 'PT1H', 'kWh' FROM "Installation" i`,
    );
    // 31 days × 24 hourly values per series: a daily shape with an evening peak, 3 decimals.
    await c.query(
      `INSERT INTO "MeterDay" ("seriesId", "day", "startsAt", "values", "quality", "sum")
       SELECT s."id", d::date, (d::timestamp AT TIME ZONE 'Europe/Stockholm'), v.vals, array_fill(0::smallint, ARRAY[24]), (SELECT sum(x) FROM unnest(v.vals) x)
       FROM "MeterSeries" s
       CROSS JOIN generate_series('2026-01-01'::date, '2026-01-31'::date, interval '1 day') AS d
       CROSS JOIN LATERAL (
         SELECT array_agg(round((0.4 + 0.6 * abs(sin(h + extract(day FROM d) + length(s."id"::text) * ascii(substr(s."id"::text, 1, 1)))) + CASE WHEN h BETWEEN 17 AND 20 THEN 0.9 ELSE 0 END)::numeric, 3)::float8 ORDER BY h) AS vals
         FROM generate_series(0, 23) AS h
       ) v`,
    );
    // SE3 hourly spot prices for January 2026 (öre/kWh), some negative nights.
    await c.query(
      `INSERT INTO "SpotPrice" ("priceArea", "resolution", "startsAt", "currency", "priceMinor")
       SELECT 'SE3', 'PT1H', t, 'SEK', round((60 + 40 * sin(extract(epoch FROM t) / 86400 * 6.283) - CASE WHEN extract(hour FROM t) < 4 THEN 70 ELSE 0 END)::numeric, 4)
       FROM generate_series('2025-12-30T00:00:00Z'::timestamptz, '2026-02-02T00:00:00Z'::timestamptz, interval '1 hour') AS t`,
    );
    await c.query(`VACUUM ANALYZE`);
  } finally {
    await c.end();
  }
}

async function clearInvoices(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`TRUNCATE "InvoiceLine", "Payment", "Invoice", "BillingRunItem", "BillingRun" CASCADE`);
  await c.query(`VACUUM ANALYZE "Invoice", "InvoiceLine"`).catch(() => {});
  await c.end();
}

async function readFloor(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const t0 = process.hrtime.bigint();
    const { rowCount } = await c.query(`SELECT "seriesId", "day", "values"::text FROM "MeterDay" WHERE "day" >= '2026-01-01' AND "day" < '2026-02-01'`);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!rowCount) throw new Error("no meter days");
    return ms;
  } finally {
    await c.end();
  }
}

export async function run(): Promise<void> {
  await onPostgresOrSkip("billing-10k-month-postgres", `mina_sidor_bench_billing_${process.pid}`, bench);
}

async function bench(url: string): Promise<void> {
  const { applyMigrations } = await import("../scripts/lib/migrate");
  const { createPrismaClient } = await import("../src/server/db/create-client");
  const { runBilling } = await import("../src/server/billing/run-billing");
  await applyMigrations(url);
  const t0 = performance.now();
  await prepare(url);
  console.error(`# billing: ${INSTALLATIONS} installations × 744 hourly values prepared in ${round((performance.now() - t0) / 1000, 1)} s`);
  const db = createPrismaClient(url);
  try {
    const seconds: number[] = [];
    const phases: { readMs: number[]; rateMs: number[]; writeMs: number[] } = { readMs: [], rateMs: [], writeMs: [] };
    const again: number[] = [];
    const rerate: number[] = [];
    let invoices = 0;
    let lines = 0;
    for (let r = 0; r < REPS; r++) {
      await clearInvoices(url);
      const started = performance.now();
      const summary = await runBilling({ db, ...PERIOD });
      seconds.push((performance.now() - started) / 1000);
      if (summary.invoicesIssued !== INSTALLATIONS || summary.items.FAILED > 0) {
        throw new Error(`Benchmark run did not bill everything: ${JSON.stringify({ items: summary.items, problems: summary.problems.slice(0, 3) })}`);
      }
      invoices = summary.invoicesIssued;
      phases.readMs.push(summary.timings.readMs);
      phases.rateMs.push(summary.timings.rateMs);
      phases.writeMs.push(summary.timings.writeMs);
      const t1 = performance.now();
      const second = await runBilling({ db, ...PERIOD });
      again.push((performance.now() - t1) / 1000);
      if (second.invoicesIssued !== 0 || second.items.UNCHANGED !== INSTALLATIONS) throw new Error("The repeated run issued something");
      if (r === 0) {
        const t2 = performance.now();
        const corrections = await runBilling({ db, ...PERIOD, corrections: "all" });
        rerate.push((performance.now() - t2) / 1000);
        if (corrections.invoicesIssued !== 0) throw new Error("Rating again with unchanged data issued something");
        lines = await db.invoiceLine.count();
      }
    }

    // Baseline: one transaction per contract, on 1 000 contracts, extrapolated.
    await clearInvoices(url);
    const some = (await db.contract.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: 1_000 })).map((x) => x.id);
    const tb = performance.now();
    await runBilling({ db, ...PERIOD, contractIds: some, chunkSize: 1 });
    const perContractSeconds = (performance.now() - tb) / 1000;
    const floorMs = await readFloor(url);

    const median10k = median(seconds);
    report({
      case: "billing-10k-month-postgres",
      installations: INSTALLATIONS,
      invoices,
      invoiceLines: lines,
      seconds: round(median10k, 3),
      invoicesPerSecond: Math.round(invoices / median10k),
      target: TARGET_SECONDS,
      meetsTarget: median10k <= TARGET_SECONDS,
      readMs: Math.round(median(phases.readMs)),
      rateMs: Math.round(median(phases.rateMs)),
      writeMs: Math.round(median(phases.writeMs)),
      repetitionsSeconds: seconds.map((s) => round(s, 2)).join(" "),
    });
    report({ case: "billing-10k-rerun-unchanged-postgres", seconds: round(median(again), 3), invoicesIssued: 0 });
    report({ case: "billing-10k-rerate-all-postgres", seconds: round(median(rerate), 3), invoicesIssued: 0 });
    report({
      case: "billing-baseline-one-transaction-per-contract-postgres",
      contracts: some.length,
      seconds: round(perContractSeconds, 3),
      extrapolated10kSeconds: round((perContractSeconds * INSTALLATIONS) / some.length, 1),
      ratioToChunked: round((perContractSeconds * INSTALLATIONS) / some.length / median10k, 2),
    });
    report({ case: "billing-read-floor-postgres", rows: INSTALLATIONS * 31, selectAllMeterDaysMs: Math.round(floorMs), ratioRunToFloor: round((median10k * 1000) / floorMs, 1) });
  } finally {
    await db.$disconnect();
  }
}
