// Where the runs of a meter-value file go: the installations with the metering point (a point
// shared by grid and supply goes to both) or the area's series, and the series rows created and locked.
import "server-only";
import { randomUUID } from "node:crypto";
import { areaTimeZone, describeTarget, QUANTITY_UNITS, quantityAllowed, type Locate, type Problem, type ProblemLocation, type SeriesRun } from "@/domain/metering/types";
import type { Prisma } from "@/generated/prisma/client";

type Tx = Prisma.TransactionClient;

type InstallationRow = { id: string; meteringPointId: string; type: "ELECTRICITY_GRID" | "ELECTRICITY_SUPPLY" | "DISTRICT_HEATING" | "DISTRICT_COOLING"; resolution: "PT15M" | "PT1H"; timeZone: string };

/** Where one run of the file goes: one series per installation with the metering point, or the area's. */
export type Destination = { run: SeriesRun; installationId: string | null; areaCode: string | null; timeZone: string; seriesId?: string; created?: boolean };

/** The destinations of each run, or null (with a problem) when the run cannot be stored. */
export async function resolveDestinations(
  tx: Tx,
  runs: SeriesRun[],
  problems: { add(p: Problem): unknown },
  locate: Locate,
): Promise<Map<SeriesRun, Destination[] | null>> {
  const pointIds = [...new Set(runs.flatMap((r) => (r.target.kind === "meteringPoint" ? [r.target.meteringPointId] : [])))];
  const areaCodes = [...new Set(runs.flatMap((r) => (r.target.kind === "area" ? [r.target.areaCode] : [])))];
  const installations: InstallationRow[] = pointIds.length
    ? await tx.installation.findMany({
        where: { meteringPointId: { in: pointIds } },
        select: { id: true, meteringPointId: true, type: true, resolution: true, timeZone: true },
        orderBy: { id: "asc" },
      })
    : [];
  const byPoint = new Map<string, InstallationRow[]>();
  for (const i of installations) byPoint.set(i.meteringPointId, [...(byPoint.get(i.meteringPointId) ?? []), i]);
  const areaZones = new Map<string, string>();
  if (areaCodes.length) {
    const existing = await tx.meterSeries.findMany({ where: { areaCode: { in: areaCodes } }, select: { areaCode: true, areaTimeZone: true } });
    for (const s of existing) if (s.areaCode && s.areaTimeZone) areaZones.set(s.areaCode, s.areaTimeZone);
  }

  const out = new Map<SeriesRun, Destination[] | null>();
  for (const run of runs) {
    const first = firstLocation(run, locate);
    const refuse = (problem: Omit<Problem, "values">) => {
      problems.add({ ...first, ...problem, values: run.length });
      out.set(run, null);
    };
    if (run.target.kind === "area") {
      const { areaCode } = run.target;
      if (run.quantity !== "OUTDOOR_TEMP_C") {
        refuse({
          code: "QUANTITY_NOT_ALLOWED",
          message: `Area series carry only OUTDOOR_TEMP_C, not ${run.quantity} (area ${areaCode}).`,
          params: { quantity: run.quantity, target: `area:${areaCode}` },
        });
        continue;
      }
      const timeZone = areaZones.get(areaCode) ?? areaTimeZone(areaCode);
      if (!timeZone) {
        refuse({
          code: "UNKNOWN_AREA",
          message: `Unknown area "${areaCode}": area codes start with SE, DK or FI (for example SE3), which sets the time zone of its days.`,
          params: { area: areaCode },
        });
        continue;
      }
      out.set(run, [{ run, installationId: null, areaCode, timeZone }]);
      continue;
    }
    const { meteringPointId } = run.target;
    const targets = byPoint.get(meteringPointId) ?? [];
    if (targets.length === 0) {
      refuse({
        code: "UNKNOWN_INSTALLATION",
        message: `No installation has the metering point ${meteringPointId}.`,
        params: { meteringPoint: meteringPointId },
        meteringPoint: meteringPointId,
      });
      continue;
    }
    const wrongKind = targets.find((i) => !quantityAllowed(i.type, run.quantity));
    if (wrongKind) {
      refuse({
        code: "QUANTITY_NOT_ALLOWED",
        message:
          run.quantity === "OUTDOOR_TEMP_C"
            ? `OUTDOOR_TEMP_C belongs to an area series (area:<code>), not to ${describeTarget(run.target)}.`
            : `${run.quantity} is not measured at ${describeTarget(run.target)}, which is a ${wrongKind.type} installation.`,
        params: { quantity: run.quantity, target: meteringPointId, installationType: wrongKind.type },
        meteringPoint: meteringPointId,
      });
      continue;
    }
    const mismatch = run.quantity === "ENERGY_KWH" ? targets.find((i) => i.resolution !== run.resolution) : undefined;
    if (mismatch) {
      refuse({
        code: "RESOLUTION_MISMATCH",
        message: `Metering point ${meteringPointId} is read ${mismatch.resolution === "PT1H" ? "hourly (PT1H)" : "every 15 minutes (PT15M)"}, but the file gives its energy ${run.resolution === "PT1H" ? "hourly (PT1H)" : "every 15 minutes (PT15M)"}.`,
        params: { meteringPoint: meteringPointId, installationResolution: mismatch.resolution, fileResolution: run.resolution },
        meteringPoint: meteringPointId,
      });
      continue;
    }
    out.set(
      run,
      targets.map((i) => ({ run, installationId: i.id, areaCode: null, timeZone: i.timeZone })),
    );
  }
  return out;
}

/** Where a series-level problem is reported: the series' first value in file order (its line, or its series and period). */
function firstLocation(run: SeriesRun, locate: Locate): ProblemLocation {
  let best = 0;
  for (let i = 1; i < run.length; i++) {
    if (run.refA[i]! < run.refA[best]! || (run.refA[i] === run.refA[best] && run.refB[i]! < run.refB[best]!)) best = i;
  }
  const { line, series, period } = locate(run.refA[best]!, run.refB[best]!);
  return line !== undefined ? { line } : { series, period };
}

/** Creates the missing series and locks every destination's series row for the transaction. */
export async function ensureSeries(tx: Tx, destinations: Destination[]): Promise<void> {
  const forInstallations = destinations.filter((d) => d.installationId !== null);
  const forAreas = destinations.filter((d) => d.areaCode !== null);
  const keyOf = (owner: string, quantity: string, resolution: string) => `${owner}|${quantity}|${resolution}`;
  const ids = new Map<string, { id: string; created: boolean }>();
  type SeriesRow = { id: string; owner: string; quantity: string; resolution: string };
  // Rows the INSERT returned were created; a row found afterwards is an existing series unless the INSERT just made it.
  const remember = (rows: SeriesRow[], created: boolean) => {
    for (const r of rows) {
      const key = keyOf(r.owner, r.quantity, r.resolution);
      if (created || !ids.has(key)) ids.set(key, { id: r.id, created });
    }
  };
  /** The run's quantity and resolution of each destination, the last two columns every statement here takes. */
  const runColumns = (ds: Destination[]) => [ds.map((d) => d.run.quantity), ds.map((d) => d.run.resolution)];
  /** The series rows of the destinations, owned by an installation or an area (the owner column and its type). */
  const existingSeries = (owner: '"installationId"' | '"areaCode"', ownerType: "uuid" | "text", owners: string[], ds: Destination[]) =>
    tx.$queryRawUnsafe<SeriesRow[]>(
      `SELECT s."id"::text AS id, s.${owner}::text AS owner, s."quantity"::text AS quantity, s."resolution"::text AS resolution
       FROM "MeterSeries" s
       JOIN unnest($1::${ownerType}[], $2::text[], $3::text[]) AS t(owner, quantity, resolution)
         ON s.${owner} = t.owner AND s."quantity" = t.quantity::"MeterQuantity" AND s."resolution" = t.resolution::"Resolution"`,
      owners,
      ...runColumns(ds),
    );

  if (forInstallations.length) {
    const created = await tx.$queryRawUnsafe<SeriesRow[]>(
      `INSERT INTO "MeterSeries" ("id", "installationId", "quantity", "resolution", "unit")
       SELECT t.id, t.owner, t.quantity::"MeterQuantity", t.resolution::"Resolution", t.unit
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS t(id, owner, quantity, resolution, unit)
       ON CONFLICT ("installationId", "quantity", "resolution") DO NOTHING
       RETURNING "id"::text AS id, "installationId"::text AS owner, "quantity"::text AS quantity, "resolution"::text AS resolution`,
      forInstallations.map(() => randomUUID()),
      forInstallations.map((d) => d.installationId),
      ...runColumns(forInstallations),
      forInstallations.map((d) => QUANTITY_UNITS[d.run.quantity]),
    );
    remember(created, true);
    remember(await existingSeries('"installationId"', "uuid", forInstallations.map((d) => d.installationId!), forInstallations), false);
  }
  if (forAreas.length) {
    const created = await tx.$queryRawUnsafe<SeriesRow[]>(
      `INSERT INTO "MeterSeries" ("id", "areaCode", "areaTimeZone", "quantity", "resolution", "unit")
       SELECT t.id, t.owner, t.zone, t.quantity::"MeterQuantity", t.resolution::"Resolution", t.unit
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(id, owner, zone, quantity, resolution, unit)
       ON CONFLICT ("areaCode", "quantity", "resolution") DO NOTHING
       RETURNING "id"::text AS id, "areaCode" AS owner, "quantity"::text AS quantity, "resolution"::text AS resolution`,
      forAreas.map(() => randomUUID()),
      forAreas.map((d) => d.areaCode),
      forAreas.map((d) => d.timeZone),
      ...runColumns(forAreas),
      forAreas.map((d) => QUANTITY_UNITS[d.run.quantity]),
    );
    remember(created, true);
    remember(await existingSeries('"areaCode"', "text", forAreas.map((d) => d.areaCode!), forAreas), false);
  }

  for (const d of destinations) {
    const found = ids.get(keyOf((d.installationId ?? d.areaCode)!, d.run.quantity, d.run.resolution));
    if (!found) throw new Error(`Series for ${describeTarget(d.run.target)} was neither found nor created`);
    d.seriesId = found.id;
    d.created = found.created;
  }
  // In id order, so that two imports touching the same series cannot deadlock.
  const seriesIds = [...new Set(destinations.map((d) => d.seriesId!))].sort();
  if (seriesIds.length) await tx.$queryRawUnsafe(`SELECT 1 FROM "MeterSeries" WHERE "id" = ANY($1::uuid[]) ORDER BY "id" FOR UPDATE`, seriesIds);
}
