// District heating: fixed fee, seasonal energy, contracted power and the flow fee per m³.
import { PRICE_SCALE, QUANTITY_SCALE, formatFraction, formatMicro, parseDecimal, roundHalfAwayFromZero, toMinor } from "../money";
import { RatingError } from "../price-list";
import { calendarFor } from "./calendar";
import { dayRuns, fixedFeeLines, listIds, listsByDay, micro, monthsOf, perUnitLines, pushLine, span, type Context } from "./lines";
import { checkResolution, readQuantities, sumPerDay } from "./series";

export function rateDistrictHeating(ctx: Context): void {
  const product = "DH";
  const { input, cal } = ctx;
  const lists = listsByDay(ctx, product);
  fixedFeeLines(ctx, { product, code: "DH_FIXED_FEE", lists, feeOf: (l) => l.prices.fixedFee });
  perUnitLines(ctx, {
    product,
    code: "DH_ENERGY",
    lists,
    priceOf: (l, day) => {
      const s = l.prices.energy.find((e) => e.months.includes(day.month))!;
      return { price: s.pricePerKWh, season: s.season };
    },
  });

  if (lists.some((l) => l.prices.powerPerKWYear !== undefined)) {
    if (input.contractedPowerKw === undefined) {
      throw new RatingError("INVALID_INPUT", "District heating power price needs the installation's contractedPowerKw");
    }
    let kWMilli: bigint;
    try {
      const micro = parseDecimal(input.contractedPowerKw, "contractedPowerKw");
      if (micro % 1000n !== 0n || micro < 0n) throw new Error("must be ≥ 0 with at most 3 decimals");
      kWMilli = micro / 1000n;
    } catch (error) {
      throw new RatingError("INVALID_INPUT", `contractedPowerKw ${JSON.stringify(input.contractedPowerKw)}: ${(error as Error).message}`);
    }
    const kWText = formatFraction(kWMilli, QUANTITY_SCALE, 3, "trim");
    const runs = dayRuns(0, cal.days.length, (d) => {
      const p = lists[d]!.prices.powerPerKWYear;
      return p === undefined ? null : `${micro(p)}|${ctx.vat[d]}`;
    });
    for (const run of runs) {
      const yearly = micro(lists[run.from]!.prices.powerPerKWYear!);
      const { months, shares } = monthsOf(ctx, run);
      // Per month: kW × yearly price / 12; the run: that × Σ days/days-in-month.
      const perMonthNum = yearly * kWMilli; // over 12 × 1000 × 10⁶
      pushLine(ctx, {
        code: "DH_POWER",
        product,
        priceListIds: listIds(lists, run),
        ...span(ctx, run),
        quantity: formatFraction(months.num, months.den, 4, "trim"),
        unit: "month",
        unitPriceMinor: formatFraction(perMonthNum, 12n * QUANTITY_SCALE * PRICE_SCALE, 4, "trim"),
        amountMinor: toMinor(roundHalfAwayFromZero(perMonthNum * months.num, 12n * QUANTITY_SCALE * PRICE_SCALE * months.den)),
        vatRatePercent: ctx.vat[run.from]!,
        details: { kind: "contractedPower", kW: kWText, pricePerKWYear: formatMicro(yearly), months: shares },
      });
    }
  }

  if (lists.some((l) => l.prices.flowPerM3 !== undefined)) {
    if (input.volume === undefined) {
      throw new RatingError("INVALID_INPUT", "District heating flow fee needs the installation's volume series (m³)");
    }
    const resolution = checkResolution(input.volume, "Volume");
    const volumeCal = calendarFor(input.timeZone, input.period.from, input.period.to, resolution);
    const volume = sumPerDay(readQuantities(input.volume, volumeCal, "volume (m³)"), volumeCal);
    perUnitLines(ctx, {
      product,
      code: "DH_FLOW",
      unit: "m³",
      lists,
      quantities: volume,
      priceOf: (l) => (l.prices.flowPerM3 === undefined ? null : { price: l.prices.flowPerM3 }),
    });
  }
}
