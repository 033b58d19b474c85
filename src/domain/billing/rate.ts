/**
 * Rating: a billing period's consumption series and the applicable price lists → invoice lines in
 * integer minor units. Pure TypeScript, no framework or library; local calendars come from
 * `../time/zoned`, the weighted average from `../consumption/aggregate`, exact arithmetic from
 * `./money`, price lists and VAT rates from `./price-list`.
 *
 * Period and time
 * - The period is [from, to) in LOCAL dates of the installation's time zone; it runs from local
 *   midnight of `from` to local midnight of `to`, so March in Stockholm has 743 hours and October
 *   745. An interval of a series belongs to the local day containing its start.
 * - Time of use (Danish grid), power-fee windows and seasons use the LOCAL wall clock of each
 *   interval's start: on the 25-hour autumn day the repeated 02:00 hour is classified twice (as
 *   02:00), on the 23-hour spring day the skipped hour does not exist.
 * - Price segments are by local day: the list version (and VAT rate) in force on a day prices every
 *   interval of that day. Consecutive days whose price AND VAT rate for a component are equal form
 *   one line, so a price change in the middle of a period gives two lines for that component (and
 *   one line for components whose price did not change); a VAT change splits every line.
 *
 * Quantities and rounding (see money.ts)
 * - Each meter value is converted once to integer Wh (m³ → litres) with `Math.round(x × 1000)`;
 *   sums are then exact integers. Each spot price is converted once to integer micro-minor units
 *   (`Math.round(p × 10^6)`).
 * - A line's amount is computed from exact integers and rounded ONCE, half away from zero:
 *   per kWh: price × Σ quantity; spot: Σ(pᵢ·Eᵢ) (never average × total); fixed fees: fee × Σ
 *   days/days-in-month (a partial month pro rata by days, "per year" fees × days/days-in-year);
 *   power fee: price × (Σ N highest hourly kWh / N) × days/days-in-month.
 * - Displayed quantities: kWh, m³ and kW with 3 decimals; months exact when they end within 4
 *   decimals, else rounded to 4 (16/31 → "0.5161") — the amount always uses the exact fraction.
 *   Unit prices from the list are shown exactly; derived ones (spot average, per day, per month of
 *   a yearly power price) rounded to 4 decimals, the spot weighted average always with 4.
 *
 * VAT rule (one rule): VAT is computed PER LINE — the line's rounded amount × the line's VAT rate,
 * rounded half away from zero to whole minor units — and the invoice's VAT is the sum of the line
 * VATs. `totals.netMinor` = Σ amounts, `totals.vatMinor` = Σ line VAT, `totals.totalMinor` = both.
 * (Per-line rounding can differ from rounding the VAT of the total by at most half a minor unit per
 * line; it keeps every printed line self-consistent and a correction that credits a line exact.)
 *
 * Spot prices
 * `spotPrices` are in minor units of the invoice currency per kWh excluding VAT (öre/kWh, øre/kWh,
 * c/kWh; EUR/MWh ÷ 10 = c/kWh), one series or several (e.g. hourly until 2025-09-30 and 15-minute
 * from 2025-10-01; the first series that covers an interval with present values is used):
 * - same resolution as the consumption: interval by interval;
 * - hourly prices, 15-minute consumption: each quarter-hour is priced at its hour's price;
 * - 15-minute prices, hourly consumption: the hour is priced at the mean of its four quarter-hour
 *   prices (exact: Σ of the four × E / 4, no rounding of the mean).
 * The line's unit price is the consumption-weighted average Σ(pᵢ·Eᵢ)/ΣEᵢ (negative prices
 * included) with 4 decimals, its amount Σ(pᵢ·Eᵢ) rounded once; `details` gives the weighted and
 * the plain (time-weighted) average for "explain my bill". With ΣEᵢ = 0 the unit price shown is the
 * plain average. The margin is a separate per-kWh line.
 *
 * Errors
 * A missing (NaN, absent or non-finite) consumption value in the period, a day without a price list
 * version or VAT rate, or a missing spot price throws `RatingError` (MISSING_CONSUMPTION,
 * MISSING_PRICE, MISSING_SPOT_PRICE) naming the local date (and time); malformed input throws
 * INVALID_INPUT. Nothing is estimated or skipped: a billing run stops for that installation.
 */
// The rules are split by concept under ./rating/: the calendar, reading series, shared line
// builders and one rater per product family. Lines carry code and details, no texts: they are
// named from code + parameters (line-catalogue.ts, line-name.ts).

import { formatMicro, sumMinor } from "./money";
import { MARKET_CURRENCY, PRODUCTS, RatingError, resolvePriceLists, resolveVatRates } from "./price-list";
import { calendarFor } from "./rating/calendar";
import { rateDistrictHeating } from "./rating/district-heating";
import { rateDkGrid } from "./rating/dk-grid";
import { rateDkSupply } from "./rating/dk-supply";
import { micro, type Context } from "./rating/lines";
import { rateSeGrid } from "./rating/se-grid";
import { checkResolution, readQuantities, sumPerDay } from "./rating/series";
import { rateSupply } from "./rating/supply";
import type { RatingInput, RatingResult } from "./rating/types";
import { vatSummaryOf } from "./vat-summary";

export { RatingError } from "./price-list";
export type { InvoiceLine, LineDetails, RatingInput, RatingResult } from "./rating/types";

function checkInput(input: RatingInput): void {
  const expected = MARKET_CURRENCY[input.market];
  if (expected === undefined) throw new RatingError("INVALID_INPUT", `Unknown market ${JSON.stringify(input.market)}`);
  if (input.currency !== expected) {
    throw new RatingError("INVALID_INPUT", `Market ${input.market} bills in ${expected}, not ${JSON.stringify(input.currency)}`);
  }
  for (const list of input.priceLists) {
    if (list.market !== input.market || list.currency !== input.currency) {
      throw new RatingError(
        "INVALID_INPUT",
        `Price list ${JSON.stringify(list.id)} is for ${list.market}/${list.currency}, the installation is ${input.market}/${input.currency}`,
      );
    }
  }
  if (input.priceLists.length === 0) throw new RatingError("INVALID_INPUT", "No price lists to rate with");
}

/**
 * Rates a period's consumption with the given price lists: every product that has a list in
 * `priceLists` is rated over the whole period, in invoice order (supply, grid, district heating).
 * See the module comment for the rules. Throws RatingError.
 */
export function rateConsumption(input: RatingInput): RatingResult {
  checkInput(input);
  const { from, to } = input.period;
  const vatSegments = resolveVatRates(input.vatRates, input.market, from, to);
  const resolution = checkResolution(input.consumption, "Consumption");
  const cal = calendarFor(input.timeZone, from, to, resolution);

  const vat: string[] = [];
  let s = 0;
  for (const day of cal.days) {
    while (day.date >= vatSegments[s]!.to) s++;
    vat.push(formatMicro(micro(vatSegments[s]!.item.ratePercent)));
  }

  const products = PRODUCTS.filter((p) => input.priceLists.some((l) => l.product === p));
  // Every product's prices first: a missing price is reported before anything is computed.
  for (const product of products) resolvePriceLists(input.priceLists, product, from, to);

  const energy = readQuantities(input.consumption, cal, "consumption");
  const ctx: Context = { input, cal, energy, dayEnergy: sumPerDay(energy, cal), vat, lines: [] };

  for (const product of products) {
    switch (product) {
      case "SE_SUPPLY":
      case "FI_SUPPLY":
        rateSupply(ctx, product);
        break;
      case "DK_SUPPLY":
        rateDkSupply(ctx);
        break;
      case "SE_GRID":
        rateSeGrid(ctx);
        break;
      case "DK_GRID":
        rateDkGrid(ctx);
        break;
      case "DH":
        rateDistrictHeating(ctx);
        break;
    }
  }

  const lines = ctx.lines;
  const netMinor = sumMinor(lines.map((l) => l.amountMinor));
  const vatMinor = sumMinor(lines.map((l) => l.vatAmountMinor));
  return {
    market: input.market,
    currency: input.currency,
    period: { from, to },
    lines,
    totals: { netMinor, vatMinor, totalMinor: sumMinor([netMinor, vatMinor]) },
    vatSummary: vatSummaryOf(lines),
  };
}
