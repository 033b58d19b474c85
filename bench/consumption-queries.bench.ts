// Consumption read queries on the large demo data set (customer 9000001: 500 installations × one
// year of hourly values, seeded with seedDemo(db, { large: true })), on a throwaway database on the
// PostgreSQL server and on an in-memory PGlite, side by side.
//
// Targets (issue 3):
//   monthly totals for 500 installations × one year   ≤ 1 000 ms server, ≤ 3 000 ms PGlite
//   one installation's year at hour level             ≤   150 ms
// Measured through the real server functions (getMonthlyTotals, getConsumption), and next to them
// the alternatives the storage decision was made against (docs/decisions/004-meter-value-storage.md):
//   - the same monthly totals from the stored day sum only (no quality counts),
//   - summing the value arrays with unnest instead of the stored sum,
//   - a month rollup table (what it would buy, and what it costs to keep),
//   - one row per value (series, instant, value, quality): size, monthly totals, a year of hours.
//
// BENCH_CONSUMPTION_DB=postgres|pglite runs only one of the two; BENCH_REPS sets the repetitions.
import { randomUUID } from "node:crypto";
import { addDays, addYears, localDate } from "../src/domain/time/zoned";
import { POSTGRES_ADMIN_URL, postgresReachable, releaseAppDatabase, report, round, timed, pointAppAtDatabase, withBenchDatabase } from "./lib";


const REPS = Number(process.env.BENCH_REPS ?? 7);
const TZ = "Europe/Stockholm";

type Kind = "postgres" | "pglite";

const timedReps = (fn: () => Promise<unknown>, reps = REPS, warmup = 2) => timed(fn, reps, warmup);

const withDatabase = (kind: Kind, body: (url: string) => Promise<void>) => withBenchDatabase(kind, `mina_sidor_bench_q_${process.pid}`, body);

async function benchOn(kind: Kind, url: string): Promise<void> {
  const target = { monthly: kind === "postgres" ? 1_000 : 3_000, hourYear: 150 };
  await pointAppAtDatabase(url);

  const { createPrismaClient } = await import("../src/server/db/create-client");
  const { seedDemo } = await import("../src/fixtures/demo");
  const { getMonthlyTotals } = await import("../src/server/consumption/get-monthly-totals");
  const { getConsumption } = await import("../src/server/consumption/get-consumption");
  const { db } = await import("../src/server/db/client");

  const seedDb = createPrismaClient(url);
  const seedStart = Date.now();
  const summary = await seedDemo(seedDb, { large: true });
  const seedMs = Date.now() - seedStart;
  await seedDb.$disconnect();

  const customer = await db.customer.findUniqueOrThrow({ where: { customerNumber: "9000001" }, select: { id: true, name: true } });
  const installations = await db.installation.findMany({ where: { customerId: customer.id }, select: { id: true, type: true }, orderBy: { meterNumber: "asc" } });
  const series = await db.meterSeries.findMany({ where: { installation: { customerId: customer.id }, quantity: "ENERGY_KWH" }, select: { id: true } });
  const seriesIds = series.map((s) => s.id);
  const oneGrid = installations.find((i) => i.type === "ELECTRICITY_GRID")!;
  const actor = {
    kind: "customer" as const,
    userId: randomUUID(),
    name: "Bench",
    email: null,
    customers: [{ customerId: customer.id, customerNumber: "9000001", customerName: customer.name, role: "ADMINISTRATOR" as const, allInstallations: true, installationIds: [], viaManagement: false }],
  };
  const today = localDate(new Date(), TZ);
  const from = addYears(today, -1);
  const year = { from, toExclusive: today };
  const dayRows = (await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "MeterDay" WHERE "seriesId" = ANY($1::uuid[])`, seriesIds))[0]!.n;
  report({
    case: "consumption-queries.dataset",
    db: kind,
    installations: installations.length,
    energySeries: seriesIds.length,
    meterDayRows: dayRows,
    values: summary.meterValues,
    seedSeconds: round(seedMs / 1000, 1),
  });

  // ---- The chosen layout, through the server functions --------------------------------------
  let monthsResult: Awaited<ReturnType<typeof getMonthlyTotals>> | undefined;
  const monthly = await timedReps(async () => {
    monthsResult = await getMonthlyTotals(actor, { installationIds: "all", quantity: "ENERGY_KWH", ...year });
  });
  report({
    case: "monthly-totals.500x1y.getMonthlyTotals",
    db: kind,
    medianMs: monthly.median,
    minMs: monthly.min,
    maxMs: monthly.max,
    months: monthsResult!.months.length,
    totalMWh: round((monthsResult!.total.value ?? 0) / 1000, 1),
    targetMs: target.monthly,
    meetsTarget: monthly.median <= target.monthly,
  });

  const perInstallation = await timedReps(() => getMonthlyTotals(actor, { installationIds: "all", quantity: "ENERGY_KWH", ...year, perInstallation: true }));
  report({ case: "monthly-totals.500x1y.perInstallation", db: kind, medianMs: perInstallation.median, targetMs: target.monthly, meetsTarget: perInstallation.median <= target.monthly });

  const pageMonth = await timedReps(() => getConsumption(actor, { installationIds: "all", quantity: "ENERGY_KWH", ...year, granularity: "month", perInstallation: false }));
  report({ case: "getConsumption.500x1y.month (aggregated page view)", db: kind, medianMs: pageMonth.median, targetMs: target.monthly, meetsTarget: pageMonth.median <= target.monthly });
  const exportMonth = await timedReps(() => getConsumption(actor, { installationIds: "all", quantity: "ENERGY_KWH", ...year, granularity: "month" }), 3, 1);
  report({ case: "getConsumption.500x1y.month with per-installation rows (export)", db: kind, medianMs: exportMonth.median, targetMs: null, meetsTarget: null });

  let hours = 0;
  const hourYear = await timedReps(async () => {
    const r = await getConsumption(actor, { installationIds: [oneGrid.id], quantity: "ENERGY_KWH", ...year, granularity: "hour" });
    hours = r.buckets.length;
  });
  report({ case: "getConsumption.1x1y.hour", db: kind, medianMs: hourYear.median, minMs: hourYear.min, maxMs: hourYear.max, buckets: hours, targetMs: target.hourYear, meetsTarget: hourYear.median <= target.hourYear });

  const dayAll = await timedReps(() => getConsumption(actor, { installationIds: "all", quantity: "ENERGY_KWH", ...year, granularity: "day", perInstallation: false }), 3, 1);
  report({ case: "getConsumption.500x1y.day (aggregated page view, informational)", db: kind, medianMs: dayAll.median, targetMs: null, meetsTarget: null });
  const hourMonthAll = await timedReps(
    () => getConsumption(actor, { installationIds: "all", quantity: "ENERGY_KWH", from: addDays(today, -31), toExclusive: today, granularity: "hour", perInstallation: false }),
    3,
    1,
  );
  report({ case: "getConsumption.500x31d.hour (aggregated page view through aggregateSeries, informational)", db: kind, medianMs: hourMonthAll.median, targetMs: null, meetsTarget: null });

  // ---- Alternatives on the same data ---------------------------------------------------------
  const params = [seriesIds, from, today];
  const where = `"seriesId" = ANY($1::uuid[]) AND day >= $2::date AND day < $3::date`;
  const sumOnly = await timedReps(() =>
    db.$queryRawUnsafe(`SELECT date_trunc('month', day::timestamp) AS m, sum(sum) FROM "MeterDay" WHERE ${where} GROUP BY 1 ORDER BY 1`, ...params),
  );
  report({ case: "alt.monthly.storedSumOnly (no quality counts)", db: kind, medianMs: sumOnly.median, ratioToChosen: round(sumOnly.median / monthly.median) });

  const unnest = await timedReps(
    () =>
      db.$queryRawUnsafe(
        `SELECT date_trunc('month', d.day::timestamp) AS m, sum(v) FILTER (WHERE v <> 'NaN'::float8), count(*) FILTER (WHERE v <> 'NaN'::float8)
         FROM "MeterDay" d, unnest(d."values") AS v
         WHERE d."seriesId" = ANY($1::uuid[]) AND d.day >= $2::date AND d.day < $3::date GROUP BY 1 ORDER BY 1`,
        ...params,
      ),
    3,
    1,
  );
  report({ case: "alt.monthly.unnestArrays (no stored sum)", db: kind, medianMs: unnest.median, ratioToChosen: round(unnest.median / monthly.median) });

  // A month rollup: fast to read, but one more table to keep right on every import and revision.
  const rollupBuild = await timedReps(
    async () => {
      await db.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_meter_month`);
      await db.$executeRawUnsafe(
        `CREATE TABLE bench_meter_month AS
         SELECT "seriesId" AS series_id, date_trunc('month', day::timestamp)::date AS month, sum(sum) AS total,
                sum(cardinality(quality))::int AS intervals,
                sum(cardinality(array_positions(quality, 3::smallint)))::int AS missing,
                sum(cardinality(array_positions(quality, 1::smallint)) + cardinality(array_positions(quality, 2::smallint)))::int AS estimated
         FROM "MeterDay" GROUP BY 1, 2`,
      );
      await db.$executeRawUnsafe(`ALTER TABLE bench_meter_month ADD PRIMARY KEY (series_id, month)`);
    },
    1,
    0,
  );
  const rollup = await timedReps(() =>
    db.$queryRawUnsafe(
      `SELECT month, sum(total), sum(intervals - missing), sum(estimated) FROM bench_meter_month WHERE series_id = ANY($1::uuid[]) AND month >= date_trunc('month', $2::date) AND month < $3::date GROUP BY 1 ORDER BY 1`,
      ...params,
    ),
  );
  report({ case: "alt.monthly.rollupTable", db: kind, medianMs: rollup.median, buildMs: rollupBuild.median, ratioToChosen: round(rollup.median / monthly.median), note: "whole months only; partial months still need day rows" });

  // One row per value.
  const rowBuild = await timedReps(
    async () => {
      await db.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_meter_value`);
      await db.$executeRawUnsafe(`CREATE TABLE bench_meter_value (series_id uuid NOT NULL, starts_at timestamptz NOT NULL, value float8 NOT NULL, quality smallint NOT NULL)`);
      await db.$executeRawUnsafe(
        `INSERT INTO bench_meter_value
         SELECT d."seriesId", d."startsAt" + (u.i - 1) * interval '1 hour', u.v, d.quality[u.i]
         FROM "MeterDay" d JOIN "MeterSeries" s ON s.id = d."seriesId" AND s.resolution = 'PT1H', unnest(d."values") WITH ORDINALITY AS u(v, i)
         WHERE d."seriesId" = ANY($1::uuid[])`,
        seriesIds,
      );
      await db.$executeRawUnsafe(`ALTER TABLE bench_meter_value ADD PRIMARY KEY (series_id, starts_at)`);
      await db.$executeRawUnsafe(`ANALYZE bench_meter_value`);
    },
    1,
    0,
  );
  const sizes = (
    await db.$queryRawUnsafe<{ day_bytes: bigint; value_bytes: bigint; value_rows: bigint }[]>(
      `SELECT pg_total_relation_size('"MeterDay"') AS day_bytes, pg_total_relation_size('bench_meter_value') AS value_bytes, (SELECT count(*) FROM bench_meter_value) AS value_rows`,
    )
  )[0]!;
  const fromInstant = new Date(`${from}T00:00:00Z`).toISOString();
  const rowMonthly = await timedReps(
    () =>
      db.$queryRawUnsafe(
        `SELECT date_trunc('month', starts_at AT TIME ZONE '${TZ}') AS m, sum(value) FILTER (WHERE quality <> 3), count(*) FILTER (WHERE quality <> 3)
         FROM bench_meter_value WHERE series_id = ANY($1::uuid[]) AND starts_at >= $2::timestamptz - interval '2 hours' GROUP BY 1 ORDER BY 1`,
        seriesIds,
        fromInstant,
      ),
    3,
    1,
  );
  const oneSeries = (await db.meterSeries.findFirstOrThrow({ where: { installationId: oneGrid.id, quantity: "ENERGY_KWH" }, select: { id: true } })).id;
  const rowHours = await timedReps(() =>
    db.$queryRawUnsafe(`SELECT starts_at, value, quality FROM bench_meter_value WHERE series_id = $1::uuid ORDER BY starts_at`, oneSeries),
  );
  const dayHours = await timedReps(() =>
    db.$queryRawUnsafe(`SELECT day, "values", quality FROM "MeterDay" WHERE "seriesId" = $1::uuid ORDER BY day`, oneSeries),
  );
  report({
    case: "alt.rowPerValue",
    db: kind,
    rows: Number(sizes.value_rows),
    buildMs: rowBuild.median,
    sizeMB: round(Number(sizes.value_bytes) / 1e6, 1),
    meterDaySizeMB: round(Number(sizes.day_bytes) / 1e6, 1),
    monthlyMedianMs: rowMonthly.median,
    monthlyRatioToChosen: round(rowMonthly.median / monthly.median),
    oneYearHoursFetchMs: rowHours.median,
    meterDayOneYearFetchMs: dayHours.median,
  });
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_meter_value`);
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_meter_month`);
  await releaseAppDatabase();
}

export async function run(): Promise<void> {
  const only = process.env.BENCH_CONSUMPTION_DB as Kind | undefined;
  const kinds: Kind[] = only ? [only] : ["postgres", "pglite"];
  for (const kind of kinds) {
    if (kind === "postgres" && !(await postgresReachable())) {
      report({ case: "consumption-queries.skipped", db: kind, reason: `no PostgreSQL server at ${POSTGRES_ADMIN_URL}` });
      continue;
    }
    console.error(`# consumption-queries on ${kind}: seeding 500 installations × one year (takes a while)`);
    await withDatabase(kind, (url) => benchOn(kind, url));
  }
}
