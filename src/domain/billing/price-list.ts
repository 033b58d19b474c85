/**
 * Price lists as data, with validity periods, per market and product; VAT rates as data too.
 * Pure TypeScript: no framework, no library.
 *
 * Conventions
 * - Every price is a decimal string in MINOR units of the list's currency per unit: öre/kWh,
 *   øre/kWh, c/kWh, öre/month, öre/kW … ("43.9", "-1.25"), at most 6 decimals (see money.ts).
 *   Prices are excluding VAT; VAT is added per invoice line from `VatRate` data.
 * - Validity is by LOCAL calendar date of the installation: `validFrom` inclusive, `validTo`
 *   exclusive (ISO dates); `validTo: null` means open-ended. A change of any component is a new
 *   version of the list (a new object with its own validity); the rating merges consecutive
 *   versions wherever a component's price did not change.
 * - Two versions of the same product valid on the same day are a data error (INVALID_INPUT), and a
 *   day of the billing period without a valid version stops the rating (MISSING_PRICE), naming the day.
 *
 * Products
 * - SE_GRID    Swedish grid: fixed fee, transfer fee per kWh, energy tax (energiskatt) per kWh,
 *              optional power fee per kW on the month's highest hours.
 * - SE_SUPPLY, FI_SUPPLY  Retail supply: monthly (basic) fee, fixed price or spot + margin per kWh.
 * - DK_SUPPLY  Danish retailer: subscription per month, fixed price or spot + margin per kWh.
 * - DK_GRID    Danish grid company and the state: grid transport tariff by time of use (low / high /
 *              peak 17–21, winter and summer), grid subscription, Energinet net and system tariffs
 *              and the electricity tax (elafgift), all collected on the retailer's bill.
 * - DH         District heating: seasonal energy price per kWh, power price per kW and year billed
 *              monthly pro rata, flow fee per m³, optional fixed fee.
 */

import { epochDay } from "../time/zoned";
import { parseDecimal } from "./money";

export type Market = "SE" | "DK" | "FI";
export type Currency = "SEK" | "DKK" | "EUR";
export type Product = "SE_GRID" | "SE_SUPPLY" | "FI_SUPPLY" | "DK_SUPPLY" | "DK_GRID" | "DH";

/** Currency of each market's invoices. */
export const MARKET_CURRENCY: Readonly<Record<Market, Currency>> = { SE: "SEK", DK: "DKK", FI: "EUR" };

/** Products in invoice order (supply before grid, district heating last). */
export const PRODUCTS: readonly Product[] = ["SE_SUPPLY", "FI_SUPPLY", "DK_SUPPLY", "SE_GRID", "DK_GRID", "DH"];

/** The market a product belongs to; `null` for district heating, which exists in every market. */
const PRODUCT_MARKET: Readonly<Record<Product, Market | null>> = {
  SE_GRID: "SE",
  SE_SUPPLY: "SE",
  FI_SUPPLY: "FI",
  DK_SUPPLY: "DK",
  DK_GRID: "DK",
  DH: null,
};

const PRODUCT_LABEL: Readonly<Record<Product, string>> = {
  SE_GRID: "Swedish grid",
  SE_SUPPLY: "Swedish supply",
  FI_SUPPLY: "Finnish supply",
  DK_SUPPLY: "Danish supply",
  DK_GRID: "Danish grid",
  DH: "district heating",
};

/** A decimal string in minor units of the list's currency (öre, øre, cents), excluding VAT. */
type PriceMinor = string;

/** Validity by local calendar date: `validFrom` inclusive, `validTo` exclusive, null = open-ended. */
interface Validity {
  validFrom: string;
  validTo: string | null;
}

/**
 * A fixed fee. `per: "month"` is billed per calendar month, a partial month pro rata by days
 * (fee × days / days-in-month); `per: "year"` pro rata by days (fee × days / days-in-year).
 */
export interface FixedFee {
  amount: PriceMinor;
  per: "month" | "year";
}

/**
 * Swedish power fee (effektavgift): price per kW and month on the mean of the `peakCount` highest
 * hourly energies (kWh in one hour = mean kW) among the month's hours that fall on `weekdays`
 * (ISO 1 = Monday … 7 = Sunday) with LOCAL start hour in [fromHour, toHour), optionally only in
 * `months` (1–12) and never on `excludedDates` (public holidays, as data). E.g. the mean of the
 * three highest hours on weekdays 07–19: { peakCount: 3, weekdays: [1,2,3,4,5], fromHour: 7, toHour: 19 }.
 */
export interface PowerFeeRule {
  pricePerKWMonth: PriceMinor;
  peakCount: number;
  weekdays: readonly number[];
  fromHour: number;
  toHour: number;
  months?: readonly number[];
  excludedDates?: readonly string[];
}

/** Energy price of a supply contract: a fixed price per kWh, or the spot price plus a margin. */
export type EnergyPrice =
  | { kind: "fixed"; pricePerKWh: PriceMinor }
  | { kind: "spot"; marginPerKWh: PriceMinor };

export type Season = "winter" | "summer" | "spring" | "autumn";
export type TimeOfUseBand = "low" | "high" | "peak";
export const TIME_OF_USE_BANDS: readonly TimeOfUseBand[] = ["low", "high", "peak"];

/**
 * One season of a time-of-use tariff: the months (1–12) it covers, the band of each LOCAL clock
 * hour 0–23 (24 entries; on a 25-hour day the repeated hour is classified twice, on a 23-hour day
 * the skipped hour never occurs), and a price per band.
 */
interface TimeOfUseSeason {
  season: Season;
  months: readonly number[];
  hourBands: readonly TimeOfUseBand[];
  prices: Readonly<Record<TimeOfUseBand, PriceMinor>>;
}

/** Seasons of a time-of-use tariff; their months must cover 1–12 exactly once. */
interface TimeOfUseTariff {
  seasons: readonly TimeOfUseSeason[];
}

interface SeasonalPrice {
  season: Season;
  months: readonly number[];
  pricePerKWh: PriceMinor;
}

interface SeGridPrices {
  fixedFee: FixedFee;
  transferPerKWh: PriceMinor;
  energyTaxPerKWh: PriceMinor;
  powerFee?: PowerFeeRule;
}

interface SupplyPrices {
  /** Monthly fee (Finnish "perusmaksu", basic fee €/month in cents). */
  monthlyFee: PriceMinor;
  energy: EnergyPrice;
}

interface DkSupplyPrices {
  subscriptionPerMonth: PriceMinor;
  energy: EnergyPrice;
}

interface DkGridPrices {
  transport: TimeOfUseTariff;
  subscriptionPerMonth: PriceMinor;
  energinetNetTariffPerKWh: PriceMinor;
  energinetSystemTariffPerKWh: PriceMinor;
  electricityTaxPerKWh: PriceMinor;
}

interface DistrictHeatingPrices {
  /** Seasons whose months cover 1–12 exactly once. */
  energy: readonly SeasonalPrice[];
  /** Price per kW of the installation's contracted power per YEAR, billed monthly pro rata. */
  powerPerKWYear?: PriceMinor;
  flowPerM3?: PriceMinor;
  fixedFee?: FixedFee;
}

interface PriceListBase<P extends Product, T> extends Validity {
  id: string;
  name: string;
  product: P;
  market: Market;
  currency: Currency;
  prices: T;
}

export type SeGridPriceList = PriceListBase<"SE_GRID", SeGridPrices>;
export type SeSupplyPriceList = PriceListBase<"SE_SUPPLY", SupplyPrices>;
export type FiSupplyPriceList = PriceListBase<"FI_SUPPLY", SupplyPrices>;
export type DkSupplyPriceList = PriceListBase<"DK_SUPPLY", DkSupplyPrices>;
export type DkGridPriceList = PriceListBase<"DK_GRID", DkGridPrices>;
export type DistrictHeatingPriceList = PriceListBase<"DH", DistrictHeatingPrices>;

export type PriceList =
  | SeGridPriceList
  | SeSupplyPriceList
  | FiSupplyPriceList
  | DkSupplyPriceList
  | DkGridPriceList
  | DistrictHeatingPriceList;

export type PriceListOf<P extends Product> = Extract<PriceList, { product: P }>;

/** A VAT rate in percent ("25", "25.5") for a market, valid by local date. */
export interface VatRate extends Validity {
  market: Market;
  ratePercent: string;
}

// ---------------------------------------------------------------------------------------------
// Errors

export type RatingErrorCode = "MISSING_CONSUMPTION" | "MISSING_PRICE" | "MISSING_SPOT_PRICE" | "INVALID_INPUT";

/**
 * Why an installation's period cannot be rated. A billing run stops for that installation on any
 * RatingError and bills nothing for it; `code` is stable for programs, `date` names the first local
 * day concerned (when there is one), `message` is plain English for logs and support.
 */
export class RatingError extends Error {
  readonly code: RatingErrorCode;
  readonly date: string | undefined;

  constructor(code: RatingErrorCode, message: string, date?: string) {
    super(message);
    this.name = "RatingError";
    this.code = code;
    this.date = date;
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(value: unknown, what: string): string {
  if (typeof value !== "string" || !ISO_DATE.test(value)) {
    throw new RatingError("INVALID_INPUT", `${what} must be an ISO date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  try {
    epochDay(value);
  } catch {
    throw new RatingError("INVALID_INPUT", `${what} is not a calendar date: ${value}`);
  }
  return value;
}

function checkValidity(item: Validity, what: string): void {
  checkDate(item.validFrom, `${what}: validFrom`);
  if (item.validTo !== null) {
    checkDate(item.validTo, `${what}: validTo`);
    if (item.validTo <= item.validFrom) {
      throw new RatingError("INVALID_INPUT", `${what}: validTo ${item.validTo} must be after validFrom ${item.validFrom}`);
    }
  }
}

function checkPrice(value: unknown, what: string): void {
  try {
    parseDecimal(value as string, what);
  } catch (error) {
    throw new RatingError("INVALID_INPUT", (error as Error).message);
  }
}

function checkInteger(value: unknown, min: number, max: number, what: string): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new RatingError("INVALID_INPUT", `${what} must be a whole number ${min}–${max}, got ${JSON.stringify(value)}`);
  }
}

function checkMonthsPartition(groups: readonly { months: readonly number[] }[], what: string): void {
  const seen = new Set<number>();
  for (const group of groups) {
    for (const month of group.months) {
      checkInteger(month, 1, 12, `${what}: month`);
      if (seen.has(month)) throw new RatingError("INVALID_INPUT", `${what}: month ${month} is in two seasons`);
      seen.add(month);
    }
  }
  if (seen.size !== 12) {
    const missing = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter((m) => !seen.has(m));
    throw new RatingError("INVALID_INPUT", `${what}: the seasons do not cover month ${missing.join(", ")}`);
  }
}

function checkFixedFee(fee: FixedFee, what: string): void {
  checkPrice(fee.amount, `${what}: amount`);
  if (fee.per !== "month" && fee.per !== "year") {
    throw new RatingError("INVALID_INPUT", `${what}: per must be "month" or "year", got ${JSON.stringify(fee.per)}`);
  }
}

function checkEnergy(energy: EnergyPrice, what: string): void {
  if (energy.kind === "fixed") checkPrice(energy.pricePerKWh, `${what}: pricePerKWh`);
  else if (energy.kind === "spot") checkPrice(energy.marginPerKWh, `${what}: marginPerKWh`);
  else throw new RatingError("INVALID_INPUT", `${what}: energy kind must be "fixed" or "spot"`);
}

/**
 * Checks a price list's shape: dates, every price a decimal of ≤ 6 decimals, seasons covering the
 * twelve months once, 24 hour bands, a sane power-fee rule, the currency of the market. Throws
 * RatingError INVALID_INPUT naming the list and the field.
 */
export function validatePriceList(list: PriceList): void {
  const what = `Price list ${JSON.stringify(list.id)} (${list.product})`;
  checkValidity(list, what);
  if (!PRODUCTS.includes(list.product)) {
    throw new RatingError("INVALID_INPUT", `${what}: unknown product`);
  }
  const market = PRODUCT_MARKET[list.product];
  if (market !== null && list.market !== market) {
    throw new RatingError("INVALID_INPUT", `${what}: product belongs to market ${market}, not ${list.market}`);
  }
  if (MARKET_CURRENCY[list.market] !== list.currency) {
    throw new RatingError("INVALID_INPUT", `${what}: market ${list.market} bills in ${MARKET_CURRENCY[list.market]}, not ${list.currency}`);
  }
  switch (list.product) {
    case "SE_GRID": {
      const p = list.prices;
      checkFixedFee(p.fixedFee, `${what} fixedFee`);
      checkPrice(p.transferPerKWh, `${what}: transferPerKWh`);
      checkPrice(p.energyTaxPerKWh, `${what}: energyTaxPerKWh`);
      if (p.powerFee) {
        const r = p.powerFee;
        checkPrice(r.pricePerKWMonth, `${what}: powerFee.pricePerKWMonth`);
        checkInteger(r.peakCount, 1, 744, `${what}: powerFee.peakCount`);
        checkInteger(r.fromHour, 0, 23, `${what}: powerFee.fromHour`);
        checkInteger(r.toHour, 1, 24, `${what}: powerFee.toHour`);
        if (r.toHour <= r.fromHour) throw new RatingError("INVALID_INPUT", `${what}: powerFee.toHour must be after fromHour`);
        if (r.weekdays.length === 0) throw new RatingError("INVALID_INPUT", `${what}: powerFee.weekdays is empty`);
        for (const d of r.weekdays) checkInteger(d, 1, 7, `${what}: powerFee.weekdays`);
        for (const m of r.months ?? []) checkInteger(m, 1, 12, `${what}: powerFee.months`);
        for (const d of r.excludedDates ?? []) checkDate(d, `${what}: powerFee.excludedDates`);
      }
      return;
    }
    case "SE_SUPPLY":
    case "FI_SUPPLY":
      checkPrice(list.prices.monthlyFee, `${what}: monthlyFee`);
      checkEnergy(list.prices.energy, what);
      return;
    case "DK_SUPPLY":
      checkPrice(list.prices.subscriptionPerMonth, `${what}: subscriptionPerMonth`);
      checkEnergy(list.prices.energy, what);
      return;
    case "DK_GRID": {
      const p = list.prices;
      checkPrice(p.subscriptionPerMonth, `${what}: subscriptionPerMonth`);
      checkPrice(p.energinetNetTariffPerKWh, `${what}: energinetNetTariffPerKWh`);
      checkPrice(p.energinetSystemTariffPerKWh, `${what}: energinetSystemTariffPerKWh`);
      checkPrice(p.electricityTaxPerKWh, `${what}: electricityTaxPerKWh`);
      checkMonthsPartition(p.transport.seasons, `${what} transport`);
      for (const season of p.transport.seasons) {
        if (season.hourBands.length !== 24) {
          throw new RatingError("INVALID_INPUT", `${what}: transport season ${season.season} needs 24 hour bands, got ${season.hourBands.length}`);
        }
        for (const band of season.hourBands) {
          if (!TIME_OF_USE_BANDS.includes(band)) throw new RatingError("INVALID_INPUT", `${what}: unknown band ${JSON.stringify(band)}`);
        }
        for (const band of TIME_OF_USE_BANDS) checkPrice(season.prices[band], `${what}: transport ${season.season} ${band}`);
      }
      return;
    }
    case "DH": {
      const p = list.prices;
      checkMonthsPartition(p.energy, `${what} energy`);
      for (const s of p.energy) checkPrice(s.pricePerKWh, `${what}: energy ${s.season}`);
      if (p.powerPerKWYear !== undefined) checkPrice(p.powerPerKWYear, `${what}: powerPerKWYear`);
      if (p.flowPerM3 !== undefined) checkPrice(p.flowPerM3, `${what}: flowPerM3`);
      if (p.fixedFee !== undefined) checkFixedFee(p.fixedFee, `${what} fixedFee`);
      return;
    }
  }
}

/** Checks a VAT rate's dates and percentage. Throws RatingError INVALID_INPUT. */
export function validateVatRate(rate: VatRate): void {
  const what = `VAT rate ${rate.ratePercent} % for ${rate.market} from ${rate.validFrom}`;
  checkValidity(rate, what);
  checkPrice(rate.ratePercent, `${what}: ratePercent`);
  if (parseDecimal(rate.ratePercent) < 0n) throw new RatingError("INVALID_INPUT", `${what}: negative rate`);
}

// ---------------------------------------------------------------------------------------------
// Lookup and resolution

/** A part of a period, [from, to) in local dates, with the one item valid on all its days. */
export interface ValiditySegment<T> {
  from: string;
  to: string;
  item: T;
}

function covers(item: Validity, date: string): boolean {
  return item.validFrom <= date && (item.validTo === null || date < item.validTo);
}

/** The item valid on `date`, undefined if none; two valid on the same day throw INVALID_INPUT. */
function itemAt<T extends Validity>(items: readonly T[], date: string, describe: (item: T) => string): T | undefined {
  let found: T | undefined;
  for (const item of items) {
    if (!covers(item, date)) continue;
    if (found !== undefined) {
      throw new RatingError(
        "INVALID_INPUT",
        `Overlapping validity: ${describe(found)} and ${describe(item)} are both valid on ${date}`,
        date,
      );
    }
    found = item;
  }
  return found;
}

/**
 * Splits [from, to) into consecutive segments, each covered by exactly one item (the item changes
 * at a segment boundary). Throws RatingError `missingCode` naming the first day without an item,
 * and INVALID_INPUT when two items overlap on a day of the period.
 */
function resolveValidity<T extends Validity>(
  items: readonly T[],
  from: string,
  to: string,
  options: { missingCode: RatingErrorCode; missingMessage: (date: string) => string; describe: (item: T) => string },
): ValiditySegment<T>[] {
  checkDate(from, "Period start");
  checkDate(to, "Period end");
  if (to <= from) throw new RatingError("INVALID_INPUT", `Period end ${to} must be after period start ${from}`);
  const segments: ValiditySegment<T>[] = [];
  let cursor = from;
  while (cursor < to) {
    const item = itemAt(items, cursor, options.describe);
    if (item === undefined) throw new RatingError(options.missingCode, options.missingMessage(cursor), cursor);
    let end = item.validTo === null || item.validTo > to ? to : item.validTo;
    // Another item starting inside this one's span is an overlap: stop there so itemAt reports it.
    for (const other of items) {
      if (other !== item && other.validFrom > cursor && other.validFrom < end) end = other.validFrom;
    }
    segments.push({ from: cursor, to: end, item });
    cursor = end;
  }
  return segments;
}

function describeList(list: PriceList): string {
  return `price list ${JSON.stringify(list.id)} (${list.validFrom}–${list.validTo ?? "open"})`;
}

function listsOf<P extends Product>(lists: readonly PriceList[], product: P): PriceListOf<P>[] {
  return lists.filter((list): list is PriceListOf<P> => list.product === product);
}

/** The version of `product` valid on local `date`, or undefined; overlapping versions throw. */
export function priceAt<P extends Product>(lists: readonly PriceList[], product: P, date: string): PriceListOf<P> | undefined {
  checkDate(date, "Date");
  return itemAt(listsOf(lists, product), date, describeList);
}

/** A price segment of a billing period: [from, to) local dates and the list version in force. */
export interface PriceSegment<P extends Product = Product> {
  from: string;
  to: string;
  list: PriceListOf<P>;
}

/**
 * The versions of `product` in force over [from, to), as consecutive segments split wherever the
 * version changes (a price change in the middle of a period gives two segments). Each version is
 * validated. Throws RatingError MISSING_PRICE "Missing price for SE_GRID (Swedish grid) for
 * 2025-03-14: no price list is valid on that day" for the first uncovered day.
 */
export function resolvePriceLists<P extends Product>(
  lists: readonly PriceList[],
  product: P,
  from: string,
  to: string,
): PriceSegment<P>[] {
  const candidates = listsOf(lists, product);
  for (const list of candidates) validatePriceList(list);
  return resolveValidity(candidates, from, to, {
    missingCode: "MISSING_PRICE",
    missingMessage: (date) =>
      `Missing price for ${product} (${PRODUCT_LABEL[product]}) for ${date}: no price list is valid on that day`,
    describe: describeList,
  }).map(({ from: f, to: t, item }) => ({ from: f, to: t, list: item }));
}

/** The VAT rate of `market` valid on `date`, or undefined. */
export function vatRateAt(rates: readonly VatRate[], market: Market, date: string): VatRate | undefined {
  checkDate(date, "Date");
  return itemAt(
    rates.filter((r) => r.market === market),
    date,
    (r) => `VAT rate ${r.ratePercent} % from ${r.validFrom}`,
  );
}

/**
 * The VAT rates of `market` in force over [from, to), split where the rate changes (Finland
 * 2024-09-01: 24 → 25.5). Throws RatingError MISSING_PRICE for a day without a rate.
 */
export function resolveVatRates(rates: readonly VatRate[], market: Market, from: string, to: string): ValiditySegment<VatRate>[] {
  const candidates = rates.filter((r) => r.market === market);
  for (const rate of candidates) validateVatRate(rate);
  return resolveValidity(candidates, from, to, {
    missingCode: "MISSING_PRICE",
    missingMessage: (date) => `Missing VAT rate for ${market} for ${date}: no VAT rate is valid on that day`,
    describe: (r) => `VAT rate ${r.ratePercent} % from ${r.validFrom}`,
  });
}
