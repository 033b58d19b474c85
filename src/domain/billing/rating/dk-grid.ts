// Danish grid: transport tariff by time of use and season, subscription, Energinet tariffs and tax.
import { TIME_OF_USE_BANDS, type PriceListOf, type TimeOfUseBand } from "../price-list";
import { fixedFeeLines, listsByDay, perUnitLines, type Context } from "./lines";
import type { LineCode } from "./types";

const BAND_CODE: Record<TimeOfUseBand, LineCode> = {
  low: "DK_GRID_TRANSPORT_LOW",
  high: "DK_GRID_TRANSPORT_HIGH",
  peak: "DK_GRID_TRANSPORT_PEAK",
};

export function rateDkGrid(ctx: Context): void {
  const product = "DK_GRID";
  const { cal, energy } = ctx;
  const lists = listsByDay(ctx, product);
  const seasonOf = (list: PriceListOf<"DK_GRID">, month: number) => list.prices.transport.seasons.find((s) => s.months.includes(month))!;

  // Energy per day and band, classified by the local hour of each interval's start.
  const perBand: Record<TimeOfUseBand, Float64Array> = {
    low: new Float64Array(cal.days.length),
    high: new Float64Array(cal.days.length),
    peak: new Float64Array(cal.days.length),
  };
  for (let d = 0; d < cal.days.length; d++) {
    const day = cal.days[d]!;
    const bands = seasonOf(lists[d]!, day.month).hourBands;
    for (let k = day.first; k < day.end; k++) {
      perBand[bands[Math.floor(cal.localMinute[k]! / 60)]!][d] += energy[k]!;
    }
  }
  for (const band of TIME_OF_USE_BANDS) {
    perUnitLines(ctx, {
      product,
      code: BAND_CODE[band],
      lists,
      quantities: perBand[band],
      priceOf: (list, day) => {
        const season = seasonOf(list, day.month);
        // A band that no hour of the season uses has no line.
        return season.hourBands.includes(band) ? { price: season.prices[band], season: season.season, band } : null;
      },
    });
  }
  fixedFeeLines(ctx, { product, code: "DK_GRID_SUBSCRIPTION", lists, feeOf: (l) => ({ amount: l.prices.subscriptionPerMonth, per: "month" }) });
  const perKWh: [LineCode, (l: PriceListOf<"DK_GRID">) => string][] = [
    ["DK_ENERGINET_NET_TARIFF", (l) => l.prices.energinetNetTariffPerKWh],
    ["DK_ENERGINET_SYSTEM_TARIFF", (l) => l.prices.energinetSystemTariffPerKWh],
    ["DK_ELECTRICITY_TAX", (l) => l.prices.electricityTaxPerKWh],
  ];
  for (const [code, priceOf] of perKWh) {
    perUnitLines(ctx, { product, code, lists, priceOf: (l) => ({ price: priceOf(l) }) });
  }
}
