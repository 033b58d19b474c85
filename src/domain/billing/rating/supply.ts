// Electricity supply (Sweden, Finland): monthly fee, and fixed-price or spot energy with a margin.
import { weightedAveragePrice } from "../../consumption/aggregate";
import { ExactSum, PRICE_SCALE, QUANTITY_SCALE, formatFraction, formatMilli, roundHalfAwayFromZero, toMinor } from "../money";
import type { EnergyPrice, PriceListOf } from "../price-list";
import { dayRuns, fixedFeeLines, listIds, listsByDay, perUnitLines, pushLine, span, type Context } from "./lines";
import { spotPricesQuarterMicro } from "./series";

/** Energy lines of a supply contract: fixed price, or spot (weighted average) + margin. */
export function energyLines<P extends "SE_SUPPLY" | "FI_SUPPLY" | "DK_SUPPLY">(ctx: Context, product: P, lists: PriceListOf<P>[]): void {
  const energyOf = (list: PriceListOf<P>): EnergyPrice => (list as PriceListOf<"SE_SUPPLY" | "FI_SUPPLY" | "DK_SUPPLY">).prices.energy;
  perUnitLines(ctx, {
    product,
    code: "SUPPLY_ENERGY_FIXED",
    lists,
    priceOf: (list) => {
      const e = energyOf(list);
      return e.kind === "fixed" ? { price: e.pricePerKWh } : null;
    },
  });

  const { cal, energy } = ctx;
  const spotRuns = dayRuns(0, cal.days.length, (d) => (energyOf(lists[d]!).kind === "spot" ? `spot|${ctx.vat[d]}` : null));
  for (const run of spotRuns) {
    const first = cal.days[run.from]!.first;
    const end = cal.days[run.to - 1]!.end;
    const prices = spotPricesQuarterMicro(ctx.input, cal, first, end);
    const weighted = new ExactSum();
    let totalEnergy = 0;
    let priceSum = 0;
    let negative = 0;
    const pricesFloat = new Float64Array(end - first);
    const quantitiesFloat = new Float64Array(end - first);
    for (let k = first; k < end; k++) {
      const e = energy[k]!;
      const p = prices[k - first]!;
      weighted.addProduct(e, p);
      totalEnergy += e;
      priceSum += p;
      if (p < 0) negative++;
      pricesFloat[k - first] = p / 4e6;
      quantitiesFloat[k - first] = e / 1000;
    }
    const n = end - first;
    const sumPE = weighted.value; // Wh × quarter-micro-minor per kWh = 4·10⁹ × minor units
    const weightedAverage = weightedAveragePrice(pricesFloat, quantitiesFloat);
    const unitPrice =
      totalEnergy !== 0
        ? formatFraction(sumPE, BigInt(totalEnergy) * 4n * PRICE_SCALE, 4, "fixed")
        : formatFraction(BigInt(priceSum), BigInt(n) * 4n * PRICE_SCALE, 4, "fixed");
    pushLine(ctx, {
      code: "SUPPLY_ENERGY_SPOT",
      product,
      priceListIds: listIds(lists, run),
      ...span(ctx, run),
      quantity: formatMilli(totalEnergy),
      unit: "kWh",
      unitPriceMinor: unitPrice,
      amountMinor: toMinor(roundHalfAwayFromZero(sumPE, 4n * PRICE_SCALE * QUANTITY_SCALE)),
      vatRatePercent: ctx.vat[run.from]!,
      details: {
        kind: "spot",
        weightedAverage: Number.isFinite(weightedAverage) ? weightedAverage : null,
        plainAverage: priceSum / n / 4e6,
        intervals: n,
        negativeIntervals: negative,
      },
    });
  }

  perUnitLines(ctx, {
    product,
    code: "SUPPLY_MARGIN",
    lists,
    priceOf: (list) => {
      const e = energyOf(list);
      return e.kind === "spot" ? { price: e.marginPerKWh } : null;
    },
  });
}

export function rateSupply(ctx: Context, product: "SE_SUPPLY" | "FI_SUPPLY"): void {
  const lists = listsByDay(ctx, product);
  fixedFeeLines(ctx, {
    product,
    code: "SUPPLY_MONTHLY_FEE",
    lists,
    feeOf: (list) => ({ amount: list.prices.monthlyFee, per: "month" }),
  });
  energyLines(ctx, product, lists);
}
