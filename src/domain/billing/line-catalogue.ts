/**
 * The catalogue of invoice line codes: for every code a billing run writes, what the line is
 * (category), who receives the money (recipient), where it sits on the bill (section) and which
 * parameters its wording needs. Pure TypeScript; decision record docs/decisions/016-invoice-artefact.md.
 *
 * A line is stored as code + parameters (`InvoiceLine.params`, `lineParamsSchema`) + the text that
 * was legally issued (`InvoiceLine.description`, a snapshot). Every reader words the line from
 * code + parameters through `messages/<language>/invoiceDocument.json` (`lineName.<CODE>` and the
 * `lineSuffix.*` of the entry), see ./line-name.ts; nothing reads the snapshot's words.
 *
 * Adding a line code: one entry here, and `lineName.<CODE>` in messages/{sv,en,da,fi}/invoiceDocument.json
 * plus its `explain.line.<CODE>` in sv and en (tests/invoice-messages.test.ts checks all of them).
 */

import { z } from "zod";

export type LineCategory = "energy" | "transfer" | "tax" | "fixedFee" | "power" | "flow" | "aconto" | "other";
export type Recipient = "retailer" | "gridCompany" | "energinet" | "state" | "heatSupplier" | "unknown";

/** The part of the line's wording after its name, worded by `lineSuffix.<suffix>` in the messages. */
type LineSuffix = "season" | "powerFeeMonth" | "contractedPower";

export interface LineCodeEntry {
  category: LineCategory;
  recipient: Recipient;
  /** Which parameters the wording uses (the rest of `LineParams` stays unset for the code). */
  params: readonly (keyof LineParams)[];
  suffix: LineSuffix | null;
}

const entry = (category: LineCategory, recipient: Recipient, params: readonly (keyof LineParams)[] = [], suffix: LineSuffix | null = null): LineCodeEntry => ({
  category,
  recipient,
  params,
  suffix,
});

const SEASONAL = ["season", "band"] as const;

export const LINE_CATALOGUE = {
  SUPPLY_MONTHLY_FEE: entry("fixedFee", "retailer", ["variant"]),
  SUPPLY_ENERGY_FIXED: entry("energy", "retailer"),
  SUPPLY_ENERGY_SPOT: entry("energy", "retailer"),
  SUPPLY_MARGIN: entry("energy", "retailer"),
  DK_SUPPLY_SUBSCRIPTION: entry("fixedFee", "retailer"),
  SE_GRID_FIXED_FEE: entry("fixedFee", "gridCompany"),
  SE_GRID_TRANSFER: entry("transfer", "gridCompany"),
  SE_GRID_ENERGY_TAX: entry("tax", "state"),
  SE_GRID_POWER_FEE: entry("power", "gridCompany", ["month", "days", "daysInMonth"], "powerFeeMonth"),
  DK_GRID_TRANSPORT_LOW: entry("transfer", "gridCompany", SEASONAL, "season"),
  DK_GRID_TRANSPORT_HIGH: entry("transfer", "gridCompany", SEASONAL, "season"),
  DK_GRID_TRANSPORT_PEAK: entry("transfer", "gridCompany", SEASONAL, "season"),
  DK_GRID_SUBSCRIPTION: entry("fixedFee", "gridCompany"),
  DK_ENERGINET_NET_TARIFF: entry("transfer", "energinet"),
  DK_ENERGINET_SYSTEM_TARIFF: entry("transfer", "energinet"),
  DK_ELECTRICITY_TAX: entry("tax", "state"),
  DH_FIXED_FEE: entry("fixedFee", "heatSupplier"),
  DH_ENERGY: entry("energy", "heatSupplier", SEASONAL, "season"),
  DH_POWER: entry("power", "heatSupplier", ["kW"], "contractedPower"),
  DH_FLOW: entry("flow", "heatSupplier"),
  /** Danish quarterly bill: the aconto prepaid for the settled quarter, taken off. */
  ACONTO_DEDUCTION: entry("aconto", "retailer", ["year", "quarter"]),
  /** Danish quarterly bill: the aconto for the coming quarter. */
  ACONTO_NEXT: entry("aconto", "retailer", ["year", "quarter"]),
} as const satisfies Record<string, LineCodeEntry>;

export type CatalogueLineCode = keyof typeof LINE_CATALOGUE;

export const CATALOGUE_LINE_CODES = Object.keys(LINE_CATALOGUE) as CatalogueLineCode[];

export function isCatalogueCode(code: string): code is CatalogueLineCode {
  return Object.hasOwn(LINE_CATALOGUE, code);
}

/** Category and recipient of a code; a code outside the catalogue is "other", paid to "unknown". */
export function lineCategory(code: string): { category: LineCategory; recipient: Recipient } {
  if (!isCatalogueCode(code)) return { category: "other", recipient: "unknown" };
  const { category, recipient } = LINE_CATALOGUE[code];
  return { category, recipient };
}

// ---------------------------------------------------------------------------------------------
// Parameters

const season = z.enum(["winter", "summer", "spring", "autumn"]);

/** `InvoiceLine.params` and the explanation's line parameters: what the wording of a line needs. */
export const lineParamsSchema = z
  .object({
    /** SUPPLY_MONTHLY_FEE of a Finnish supply contract: the basic fee ("Grundavgift"). */
    variant: z.literal("basic").optional(),
    season: season.optional(),
    band: z.enum(["low", "high", "peak"]).optional(),
    /** Power fee: the calendar month "YYYY-MM" and, for a part of it, the days billed of the month's days. */
    month: z.string().regex(/^\d{4}-\d{2}$/).optional(),
    days: z.number().int().positive().optional(),
    daysInMonth: z.number().int().positive().optional(),
    /** District heating: the contracted (billed) power in kW, a decimal string. */
    kW: z.string().regex(/^\d+(\.\d+)?$/).optional(),
    /** Aconto lines: the quarter settled or prepaid. */
    year: z.number().int().min(1000).max(9999).optional(),
    quarter: z.number().int().min(1).max(4).optional(),
    /** Credit note lines: the invoice credited. */
    creditedInvoiceNumber: z.string().min(1).optional(),
  })
  .strict();

export type LineParams = z.infer<typeof lineParamsSchema>;

/** What rating and the bill know about a line: code, product, `details` (rate.ts) and dates. */
export interface LineFactsForParams {
  code: string;
  product?: string | null;
  details?: unknown;
  /** Local date the line starts on (the quarter for aconto lines). */
  from?: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The parameters of a line, from what rating already produces: the code, the product, the line's
 * `details` (season and band, the power fee's month and days, the contracted kW) and its start date
 * (the quarter of an aconto line). Only the parameters the catalogue names for the code are set.
 */
export function lineParamsOf(line: LineFactsForParams): LineParams {
  if (!isCatalogueCode(line.code)) return {};
  // Called for every line of a billing run: plain checks, no Set or schema per line.
  const wanted = LINE_CATALOGUE[line.code].params as readonly (keyof LineParams)[];
  const d = isObject(line.details) ? line.details : {};
  const params: LineParams = {};
  if (wanted.includes("variant") && line.product === "FI_SUPPLY") params.variant = "basic";
  if (wanted.includes("season") && typeof d.season === "string" && (season.options as readonly string[]).includes(d.season)) params.season = d.season as LineParams["season"];
  if (wanted.includes("band") && (d.band === "low" || d.band === "high" || d.band === "peak")) params.band = d.band;
  if (wanted.includes("month") && d.kind === "powerFee" && typeof d.month === "string") {
    params.month = d.month;
    if (typeof d.days === "number" && typeof d.daysInMonth === "number" && d.days !== d.daysInMonth) {
      params.days = d.days;
      params.daysInMonth = d.daysInMonth;
    }
  }
  if (wanted.includes("kW") && d.kind === "contractedPower" && typeof d.kW === "string") params.kW = d.kW;
  if (wanted.includes("quarter") && typeof line.from === "string" && /^\d{4}-\d{2}-\d{2}$/.test(line.from)) {
    params.year = Number(line.from.slice(0, 4));
    params.quarter = Math.floor((Number(line.from.slice(5, 7)) - 1) / 3) + 1;
  }
  return params;
}
