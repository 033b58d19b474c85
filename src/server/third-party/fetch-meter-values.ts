import "server-only";
import { checkDataAccess, type DataResolution } from "@/domain/consent/data-access";
import type { ConsentState } from "@/domain/consent/state-machine";
import { localMidnightUtc } from "@/domain/time/zoned";
import { effectiveEnd, seriesBuckets } from "@/server/consumption/series-buckets";
import { db } from "@/server/db/client";
import { loadSeriesDays, periodLayout, placeSeriesDays } from "@/server/metering/read-series";
import { ApiError } from "./api-error";
import { lastValidDay } from "./approve-consent-requests";
import type { MeterValuesQuery } from "./schemas";
import type { ThirdPartyActor } from "./third-party-actor";

type MeterValueQuality = "measured" | "estimated" | "corrected" | "incomplete" | "missing";
type MeterValue = { start: string; end: string; value: number | null; quality: MeterValueQuality };

export type MeterValuesResult = {
  consentRequestId: string;
  deliveryId: string;
  meteringPointId: string;
  timeZone: string;
  unit: "kWh";
  resolution: DataResolution;
  from: string;
  to: string;
  valueCount: number;
  values: MeterValue[];
};

const GRANULARITY = { PT1H: "hour", P1D: "day", P1M: "month" } as const;
const RAW_QUALITY: Record<number, MeterValueQuality> = { 0: "measured", 1: "estimated", 2: "corrected", 3: "missing" };
const kWh = (v: number) => Math.round(v * 1000) / 1000;
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

type ConsentRow = {
  state: ConsentState;
  validTo: Date | null;
  resolution: DataResolution;
  dataFrom: string;
  dataTo: string | null;
  installationId: string | null;
  customerId: string | null;
};

/**
 * A third party fetches the energy values of an installation under a consent (issue 6). In one
 * transaction that holds a share lock on the consent row: the consent is checked (active at `now`,
 * the third party's own, inside the consented period and resolution), the values are read through
 * the aggregation core in the installation's calendar, and the delivery is logged for the customer.
 * A termination waits for the lock, so no delivery is logged after a consent ended.
 */
export async function fetchMeterValues(actor: ThirdPartyActor, requestId: string, query: MeterValuesQuery, now: Date = new Date()): Promise<MeterValuesResult> {
  return db.$transaction(async (tx) => {
    const [consent] = await tx.$queryRawUnsafe<ConsentRow[]>(
      `SELECT state::text AS state, "validTo", resolution::text AS resolution, to_char("dataFrom", 'YYYY-MM-DD') AS "dataFrom",
              to_char("dataTo", 'YYYY-MM-DD') AS "dataTo", "installationId"::text AS "installationId", "customerId"::text AS "customerId"
       FROM "ConsentRequest" WHERE id = $1::uuid AND "thirdPartyId" = $2::uuid FOR SHARE`,
      requestId,
      actor.thirdPartyId,
    );
    if (!consent) throw new ApiError("NOT_FOUND", "No consent request with that id is yours.");
    if (!consent.installationId || !consent.customerId) throw new ApiError("CONSENT_NOT_ACTIVE", "The request was never approved.");
    const installation = await tx.installation.findUniqueOrThrow({
      where: { id: consent.installationId },
      select: { meteringPointId: true, timeZone: true, series: { where: { quantity: "ENERGY_KWH" }, select: { id: true, resolution: true } } },
    });
    const resolution = query.resolution ?? consent.resolution;
    const decision = checkDataAccess(
      { state: consent.state, validTo: consent.validTo?.toISOString() ?? null, resolution: consent.resolution, dataFrom: consent.dataFrom, dataTo: consent.dataTo },
      { from: query.from, to: query.to, resolution },
      now.toISOString(),
      consent.validTo ? lastValidDay(consent.validTo, installation.timeZone) : null,
    );
    if (!decision.ok) throw new ApiError(decision.code, decision.message);

    const tz = installation.timeZone;
    const series = installation.series.find((s) => s.resolution === "PT15M") ?? installation.series[0] ?? null;
    if (resolution === "PT15M" && series?.resolution !== "PT15M") throw new ApiError("NO_METER_DATA", "The installation has no quarter-hourly values.");
    const end = effectiveEnd(query.to, tz, now);
    const rows = series && query.from < end ? await loadSeriesDays(tx, [series.id], query.from, end) : [];

    let values: MeterValue[] = [];
    if (query.from < end && series) {
      if (resolution === "PT15M") {
        const layout = periodLayout(query.from, end, tz, "PT15M");
        const placed = placeSeriesDays(rows, layout);
        const quality = new Uint8Array(layout.n).fill(3);
        for (const row of rows) {
          const at = layout.offsets.get(row.day);
          if (at) for (let i = 0; i < Math.min(at.length, row.quality.length); i++) quality[at.at + i] = row.quality[i]!;
        }
        values = Array.from(placed, (v, i) => {
          const start = layout.startMs + i * layout.stepMs;
          const missing = Number.isNaN(v);
          return { start: isoSeconds(start), end: isoSeconds(start + layout.stepMs), value: missing ? null : kWh(v), quality: missing ? "missing" : RAW_QUALITY[quality[i]!] ?? "measured" };
        });
      } else {
        const buckets = seriesBuckets({ rows, from: query.from, toExclusive: end, timeZone: tz, resolution: series.resolution, granularity: GRANULARITY[resolution], mean: false, now });
        const periodEnd = localMidnightUtc(end, tz).getTime();
        values = buckets.map((b, k) => ({
          start: b.start,
          end: k + 1 < buckets.length ? buckets[k + 1]!.start : isoSeconds(periodEnd),
          value: b.count === 0 ? null : kWh(b.sum),
          quality: b.count === 0 ? "missing" : b.count < b.expected ? "incomplete" : b.estimated > 0 ? "estimated" : "measured",
        }));
      }
    }
    const valueCount = values.reduce((n, v) => n + (v.value === null ? 0 : 1), 0);
    const delivery = await tx.dataDelivery.create({
      data: {
        requestId,
        thirdPartyId: actor.thirdPartyId,
        customerId: consent.customerId,
        installationId: consent.installationId,
        apiClientId: actor.apiClientId,
        deliveredAt: now,
        periodFrom: new Date(`${query.from}T00:00:00Z`),
        periodTo: new Date(`${query.to}T00:00:00Z`),
        resolution,
        valueCount,
      },
      select: { id: true },
    });
    return {
      consentRequestId: requestId,
      deliveryId: delivery.id.toString(),
      meteringPointId: installation.meteringPointId,
      timeZone: tz,
      unit: "kWh" as const,
      resolution,
      from: query.from,
      to: query.to,
      valueCount,
      values,
    };
  });
}
