// Shapes shared by the consumption server functions, the export route and the pages. No
// "server-only" here: the client chart imports the bucket types and the slugs.
import { z } from "zod";
import { QUANTITY_UNITS } from "@/domain/metering/types";
import type { InstallationType, MeterQuantity } from "@/generated/prisma/enums";

export type ConsumptionGranularity = "hour" | "day" | "month" | "year";

/** Quantities an installation's consumption can be shown in (outdoor temperature is an area series). */
export const CONSUMPTION_QUANTITIES = ["ENERGY_KWH", "VOLUME_M3", "SUPPLY_TEMP_C", "RETURN_TEMP_C", "FLOW_M3H", "POWER_KW"] as const;
export type ConsumptionQuantity = (typeof CONSUMPTION_QUANTITIES)[number];

/**
 * Quantities whose bucket value is a mean (value / count) rather than a sum: a day's supply
 * temperature is not 24 hourly temperatures added up.
 */
const MEAN_QUANTITIES: ReadonlySet<MeterQuantity> = new Set<MeterQuantity>(["SUPPLY_TEMP_C", "RETURN_TEMP_C", "FLOW_M3H", "POWER_KW", "OUTDOOR_TEMP_C"]);

export const isMeanQuantity = (q: MeterQuantity) => MEAN_QUANTITIES.has(q);

/** URL slugs of the quantities (export route and the page's ?storhet=). */
export const QUANTITY_SLUGS: Readonly<Record<ConsumptionQuantity, string>> = {
  ENERGY_KWH: "energy",
  VOLUME_M3: "volume",
  SUPPLY_TEMP_C: "supply-temperature",
  RETURN_TEMP_C: "return-temperature",
  FLOW_M3H: "flow",
  POWER_KW: "power",
};

export const quantityOfSlug = (slug: string): ConsumptionQuantity | undefined =>
  (Object.entries(QUANTITY_SLUGS) as [ConsumptionQuantity, string][]).find(([, s]) => s === slug)?.[0];

/** The unit of a quantity whose series stores none: the same table the import gives new series. */
export const DEFAULT_UNITS: Readonly<Record<ConsumptionQuantity, string>> = QUANTITY_UNITS;

export type ConsumptionBucket = {
  /** First instant of the bucket in UTC (ISO-8601 with Z). */
  start: string;
  /** The same instant as local wall time in the installation's zone, YYYY-MM-DDTHH:mm. */
  localStart: string;
  /** Sum (energy, volume) or mean (temperatures, flow, power) of the present values; null when none. */
  value: number | null;
  /** Sum of the present values (what aggregation over installations adds up). */
  sum: number;
  /** Values present. */
  count: number;
  /** Values the bucket should hold within the requested period (count < expected: values missing). */
  expected: number;
  /** Present values that are estimated or corrected (quality 1 or 2) rather than measured. */
  estimated: number;
};

export type ConsumptionTotal = Pick<ConsumptionBucket, "value" | "sum" | "count" | "expected" | "estimated">;

export type ConsumptionInstallation = {
  id: string;
  customerId: string;
  name: string | null;
  street: string;
  meteringPointId: string;
  type: InstallationType;
  timeZone: string;
  dwellingType: string | null;
  /** Whether the installation has a series of the requested quantity at all. */
  hasSeries: boolean;
};

export type ConsumptionResult = {
  quantity: ConsumptionQuantity;
  unit: string;
  aggregation: "sum" | "mean";
  granularity: ConsumptionGranularity;
  /** Requested local dates, [from, toExclusive). */
  from: string;
  toExclusive: string;
  /** Zone of the bucket boundaries: the (first) installation's. */
  timeZone: string;
  installations: ConsumptionInstallation[];
  /** Buckets of the whole selection (for one installation: its own). */
  buckets: ConsumptionBucket[];
  perInstallation: { installationId: string; buckets: ConsumptionBucket[] }[];
  total: ConsumptionTotal;
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "consumption.validation.date").refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "consumption.validation.date");

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

/**
 * Query of GET /api/forbrukning/export. `installation` is repeated (`?installation=a&installation=b`)
 * or `all`; `to` is the last local day included (inclusive, as a date picker shows it).
 */
export const exportQuerySchema = z
  .object({
    installation: z.union([z.literal("all"), z.array(uuid).min(1).max(1000)]),
    customer: uuid.optional(),
    quantity: z.enum(Object.values(QUANTITY_SLUGS) as [string, ...string[]]).default("energy"),
    from: isoDate,
    to: isoDate,
    granularity: z.enum(["year", "month", "day", "hour"]).default("day"),
    format: z.enum(["csv", "xlsx"]).default("csv"),
    decimal: z.enum(["comma", "point"]).default("comma"),
    lang: z.enum(["sv", "en"]).default("sv"),
  })
  .refine((q) => q.from <= q.to, { path: ["to"], message: "consumption.validation.dateOrder" });

export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** Reads URLSearchParams into the shape exportQuerySchema expects (repeated installation ids). */
export function exportQueryInput(params: URLSearchParams): Record<string, unknown> {
  const ids = params.getAll("installation").flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  const input: Record<string, unknown> = {};
  for (const key of ["customer", "quantity", "from", "to", "granularity", "format", "decimal", "lang"]) {
    const v = params.get(key);
    if (v !== null && v !== "") input[key] = v;
  }
  input.installation = ids.length === 1 && ids[0] === "all" ? "all" : ids;
  return input;
}
