/**
 * Exact money arithmetic for rating. Pure TypeScript, BigInt inside, no library.
 *
 * Units
 * - Amounts are integer minor units of the invoice currency (öre, øre, euro cents) as JS numbers
 *   (safe integers; every function that returns one checks it).
 * - Prices per unit are exact decimals in minor units ("42.375" öre/kWh, "-1.25" c/kWh). Internally
 *   a price is a BigInt "micro" value: the decimal × 10^6 (`PRICE_SCALE`), so at most 6 decimals;
 *   `parseDecimal` rejects more rather than silently dropping digits.
 * - Quantities are milli-units as integers: kWh → Wh, m³ → litres, kW → W. Meter values arrive as
 *   floats with at most 3 decimals; each value is converted ONCE with `quantityToMilli`
 *   (`Math.round(x × 1000)`), which is exact for such values (0.1 + 0.2 → 300 Wh), and everything
 *   after that is integer arithmetic. A float with more than 3 decimals is rounded to the nearest
 *   Wh at that single point (half towards +∞, as `Math.round` does).
 *
 * Rounding rule (one rule for the whole billing domain)
 * An amount is rounded to whole minor units ONCE, at the invoice-line level, half away from zero
 * (0.5 → 1, −0.5 → −1, 2.5 → 3). Intermediate values (price × quantity, sums of pᵢ·Eᵢ, pro rata
 * fractions) are never rounded: they are kept as exact BigInt fractions until the line's amount is
 * taken. VAT is likewise rounded once per line, half away from zero (see `vatOf`).
 */

/** Decimals of a scaled price: a price is held as BigInt(decimal × 10^6). */
const PRICE_DECIMALS = 6;
/** 10^6: one minor unit in micro-minor units. */
export const PRICE_SCALE = 1_000_000n;
/** 10^3: one unit (kWh, m³, kW) in milli-units. */
export const QUANTITY_SCALE = 1_000n;

/** An exact decimal as BigInt scaled by 10^6 (prices in minor units, VAT percentages). */
export type Micro = bigint;

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MoneyError";
  }
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string ("42.375", "-1.25", "25", "+0.5") into BigInt × 10^6. Strict: no
 * exponent, no grouping, no bare ".5", at most 6 decimals. Throws `MoneyError` naming the input.
 */
export function parseDecimal(text: string, what = "decimal"): Micro {
  const match = typeof text === "string" ? DECIMAL.exec(text.trim()) : null;
  if (!match) {
    throw new MoneyError(`${what} must be a decimal number such as "42.375", got ${JSON.stringify(text)}`);
  }
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > PRICE_DECIMALS) {
    throw new MoneyError(
      `${what} has more than ${PRICE_DECIMALS} decimals (${JSON.stringify(text)}); prices are exact to 10⁻⁶ minor units`,
    );
  }
  const units = BigInt(whole!) * PRICE_SCALE + BigInt(fraction.padEnd(PRICE_DECIMALS, "0"));
  return sign === "-" ? -units : units;
}

/**
 * A float quantity (kWh, m³, kW) as integer milli-units: `Math.round(x × 1000)`. The single
 * conversion point from stored meter floats to exact integers.
 */
export function quantityToMilli(value: number): number {
  if (!Number.isFinite(value)) throw new MoneyError(`Quantity must be a finite number, got ${String(value)}`);
  const milli = Math.round(value * 1000);
  if (!Number.isSafeInteger(milli)) throw new MoneyError(`Quantity ${String(value)} is too large`);
  return milli === 0 ? 0 : milli; // no −0
}

/**
 * A float price in minor units per unit (a spot price such as 4.567 c/kWh) as micro-minor units:
 * `Math.round(x × 10^6)`, exact for prices with at most 6 decimals.
 */
export function priceToMicro(value: number): number {
  if (!Number.isFinite(value)) throw new MoneyError(`Price must be a finite number, got ${String(value)}`);
  const micro = Math.round(value * 1e6);
  if (!Number.isSafeInteger(micro)) throw new MoneyError(`Price ${String(value)} is too large`);
  return micro === 0 ? 0 : micro;
}

/** numerator / denominator rounded to an integer, half away from zero. `denominator` ≠ 0. */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new MoneyError("Division by zero");
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator - quotient * denominator;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  if (twice >= denominator) return quotient + (numerator < 0n ? -1n : 1n);
  return quotient;
}

/** A BigInt amount of minor units as a number; throws when it is beyond the safe-integer range. */
export function toMinor(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new MoneyError(`Amount ${value.toString()} minor units is beyond the safe-integer range`);
  }
  const n = Number(value);
  return n === 0 ? 0 : n;
}

function requireMilli(quantityMilli: number | bigint): bigint {
  if (typeof quantityMilli === "bigint") return quantityMilli;
  if (!Number.isSafeInteger(quantityMilli)) {
    throw new MoneyError(`Quantity must be integer milli-units (see quantityToMilli), got ${String(quantityMilli)}`);
  }
  return BigInt(quantityMilli);
}

function requireMicro(price: string | Micro, what: string): Micro {
  return typeof price === "bigint" ? price : parseDecimal(price, what);
}

/**
 * price (minor units per unit, decimal string or micro BigInt) × quantity (milli-units) in whole
 * minor units, rounded once, half away from zero. "43.9" öre/kWh × 1 234 567 Wh = 54 197.4913 → 54 197.
 */
export function multiplyToMinor(priceMinorDecimal: string | Micro, quantityMilli: number | bigint): number {
  const product = requireMicro(priceMinorDecimal, "Price") * requireMilli(quantityMilli);
  return toMinor(roundHalfAwayFromZero(product, PRICE_SCALE * QUANTITY_SCALE));
}

/**
 * VAT on an amount: amount × rate / 100, rounded half away from zero to whole minor units
 * (1 000 × 25.5 % = 255; 10 × 25.5 % = 2.55 → 3; 2 × 25 % = 0.5 → 1; −2 × 25 % = −0.5 → −1).
 */
export function vatOf(amountMinor: number, ratePercent: string): number {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new MoneyError(`Amount must be an integer number of minor units, got ${String(amountMinor)}`);
  }
  const rate = parseDecimal(ratePercent, "VAT rate");
  if (rate < 0n) throw new MoneyError(`VAT rate must not be negative, got ${ratePercent}`);
  return toMinor(roundHalfAwayFromZero(BigInt(amountMinor) * rate, 100n * PRICE_SCALE));
}

/** Sum of integer minor-unit amounts; throws on a non-integer or an unsafe result. */
export function sumMinor(amounts: Iterable<number>): number {
  let total = 0n;
  for (const amount of amounts) {
    if (!Number.isSafeInteger(amount)) {
      throw new MoneyError(`Amounts must be integer minor units, got ${String(amount)}`);
    }
    total += BigInt(amount);
  }
  return toMinor(total);
}

/**
 * numerator / denominator written as a decimal with `decimals` digits, rounded half away from zero.
 * `mode: "fixed"` keeps every digit ("3.0000"), `"trim"` drops trailing zeros ("43.9", "19").
 * Never writes "-0".
 */
export function formatFraction(numerator: bigint, denominator: bigint, decimals: number, mode: "fixed" | "trim"): string {
  const scale = 10n ** BigInt(decimals);
  const scaled = roundHalfAwayFromZero(numerator * scale, denominator);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  let fraction = digits.slice(digits.length - decimals);
  if (mode === "trim") fraction = fraction.replace(/0+$/, "");
  const text = fraction.length > 0 ? `${whole}.${fraction}` : whole;
  return negative ? `-${text}` : text;
}

/** A micro value as its exact decimal, trailing zeros dropped: 42375000n → "42.375". */
export function formatMicro(value: Micro): string {
  return formatFraction(value, PRICE_SCALE, PRICE_DECIMALS, "trim");
}

/** Milli-units with exactly 3 decimals: 743000 → "743.000". */
export function formatMilli(value: number | bigint): string {
  return formatFraction(BigInt(value), QUANTITY_SCALE, 3, "fixed");
}

const SMALL_PRODUCT = 2 ** 50;
const SMALL_TOTAL = 2 ** 52;

/**
 * Exact sum of products of safe integers (Wh × micro-öre per kWh …). Products and running totals
 * small enough to be exact doubles stay in a number; anything larger goes through BigInt, so the
 * result is exact whatever the magnitudes while a month of quarter-hours costs almost no BigInt work.
 */
export class ExactSum {
  private small = 0;
  private big = 0n;

  /** Adds a × b; both must be safe integers. */
  addProduct(a: number, b: number): void {
    const product = a * b;
    if (product < SMALL_PRODUCT && product > -SMALL_PRODUCT && this.small < SMALL_TOTAL && this.small > -SMALL_TOTAL) {
      this.small += product; // |small + product| < 2^53: exact
      return;
    }
    this.big += BigInt(this.small) + BigInt(a) * BigInt(b);
    this.small = 0;
  }

  get value(): bigint {
    return this.big + BigInt(this.small);
  }
}
