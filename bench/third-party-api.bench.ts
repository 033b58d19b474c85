// The third-party data API (issue 6): how long a third party waits for a year of meter values.
// On a throwaway database on the PostgreSQL server and on an in-memory PGlite, side by side:
//   - GET /api/v1/consent-requests/{id}/meter-values through the route handler: bearer token,
//     rate limit, consent check under a row lock, read, aggregation in the installation's calendar,
//     delivery log, JSON — for a year of hourly values (8 760), daily and monthly sums, and a year
//     of quarter-hours (35 040);
//   - the same through fetchMeterValues (no HTTP, no token);
//   - the floor: reading the same MeterDay rows and serialising the numbers, nothing else.
// Targets (set here; the issue asks for the figure): a year of hourly values ≤ 300 ms on the
// PostgreSQL server and ≤ 1 000 ms on PGlite, end to end through the route handler.
//
// BENCH_THIRD_PARTY_DB=postgres|pglite runs only one of the two; BENCH_REPS sets the repetitions.
import { addYears, localDate } from "../src/domain/time/zoned";
import { releaseAppDatabase, report, round, timed, pointAppAtDatabase, withBenchDatabase, type BenchDbKind } from "./lib";

process.env.API_RATE_LIMIT_PER_MINUTE = "1000000";
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-1234";

const REPS = Number(process.env.BENCH_REPS ?? 9);
type Kind = BenchDbKind;

async function benchOn(kind: Kind, url: string) {
  await pointAppAtDatabase(url);

  const { db } = await import("../src/server/db/client");
  const { householdWithValues, thirdPartyWithClient } = await import("../tests/support/third-party");
  const { createUser } = await import("../src/fixtures/factories");
  const { submitRequestSchema } = await import("../src/server/third-party/schemas");
  const { submitConsentRequest } = await import("../src/server/third-party/submit-consent-request");
  const { applyConsentEvent } = await import("../src/server/third-party/apply-consent-event");
  const { issueAccessToken } = await import("../src/server/third-party/api-credentials");
  const { fetchMeterValues } = await import("../src/server/third-party/fetch-meter-values");
  const { loadSeriesDays } = await import("../src/server/metering/read-series");
  const { GET } = await import("../app/api/v1/consent-requests/[id]/meter-values/route");

  const today = localDate(new Date(), "Europe/Stockholm");
  const from = addYears(today, -1);
  const setups: Record<"PT1H" | "PT15M", { id: string; token: string; actor: Parameters<typeof fetchMeterValues>[0]; seriesId: string }> = {} as never;
  for (const meter of ["PT1H", "PT15M"] as const) {
    const home = await householdWithValues(db, { from, to: today, resolution: meter });
    const tp = await thirdPartyWithClient(db);
    const input = submitRequestSchema().parse({
      reference: `BENCH-${meter}`,
      customerIdentityNumber: home.nationalId,
      meteringPointId: home.installation.meteringPointId,
      purpose: "Benchmark of the data API.",
      resolution: meter,
      dataFrom: from,
      validTo: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    });
    const { request } = await submitConsentRequest(tp.actor, input);
    const user = await createUser(db, { memberships: [{ customerId: home.customer.id, role: "ADMINISTRATOR" }] });
    await db.$transaction((tx) => applyConsentEvent(tx, request.id, { type: "approve" }, { kind: "customer", userId: user.id }, new Date()));
    const { accessToken } = await issueAccessToken(tp.clientId, tp.secret);
    const series = await db.meterSeries.findFirstOrThrow({ where: { installationId: home.installation.id }, select: { id: true } });
    setups[meter] = { id: request.id, token: accessToken, actor: tp.actor, seriesId: series.id };
  }

  const target = kind === "postgres" ? 300 : 1_000;
  const cases: { name: string; meter: "PT1H" | "PT15M"; resolution: "PT15M" | "PT1H" | "P1D" | "P1M" }[] = [
    { name: "year-of-hours", meter: "PT1H", resolution: "PT1H" },
    { name: "year-of-days", meter: "PT1H", resolution: "P1D" },
    { name: "year-of-months", meter: "PT1H", resolution: "P1M" },
    { name: "year-of-quarter-hours", meter: "PT15M", resolution: "PT15M" },
  ];
  for (const c of cases) {
    const s = setups[c.meter];
    let bytes = 0;
    let values = 0;
    const http = await timed(async () => {
      const response = await GET(new Request(`http://localhost/api/v1/consent-requests/${s.id}/meter-values?from=${from}&to=${today}&resolution=${c.resolution}`, { headers: { Authorization: `Bearer ${s.token}` } }), {
        params: Promise.resolve({ id: s.id }),
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`${response.status} ${text}`);
      bytes = text.length;
      values = (JSON.parse(text) as { valueCount: number }).valueCount;
    }, REPS);
    const direct = await timed(() => fetchMeterValues(s.actor, s.id, { from, to: today, resolution: c.resolution }), REPS);
    const floor = await timed(async () => {
      const rows = await loadSeriesDays(db, [s.seriesId], from, today);
      JSON.stringify(rows.map((r) => r.values));
    }, REPS);
    report({
      case: `third-party-api.meter-values.${c.name}`,
      db: kind,
      values,
      responseKiB: round(bytes / 1024, 1),
      httpMedianMs: http.median,
      httpMinMs: http.min,
      httpMaxMs: http.max,
      fetchMeterValuesMedianMs: direct.median,
      floorReadAndSerialiseMedianMs: floor.median,
      overheadOverFloor: round(http.median / Math.max(floor.median, 0.01), 2),
      targetMs: c.name === "year-of-hours" ? target : null,
      meetsTarget: c.name === "year-of-hours" ? http.median <= target : null,
    });
  }
  const deliveries = await db.dataDelivery.count();
  report({ case: "third-party-api.deliveries-logged", db: kind, deliveries });
  await releaseAppDatabase();
}

export async function run(): Promise<void> {
  const only = process.env.BENCH_THIRD_PARTY_DB as Kind | undefined;
  for (const kind of ["postgres", "pglite"] as const) {
    if (only && only !== kind) continue;
    await withBenchDatabase(kind, `mina_sidor_bench_tp_${process.pid}`, (url) => benchOn(kind, url));
  }
}
