// Swedish grid: fixed fee, transfer fee, energy tax and the power fee of the highest hours.
import { PRICE_SCALE, QUANTITY_SCALE, formatFraction, formatMicro, formatMilli, roundHalfAwayFromZero, toMinor } from "../money";
import type { PowerFeeRule, PriceListOf } from "../price-list";
import { isoInstant } from "./calendar";
import { dayRuns, fixedFeeLines, listIds, listsByDay, micro, perUnitLines, pushLine, span, type Context } from "./lines";

interface Hour {
  startMs: number;
  day: number;
  localHour: number;
  energy: number;
}

/** Local clock hours of the period with their energy (15-minute values summed into their hour). */
function hoursOf(ctx: Context): Hour[] {
  const { cal, energy } = ctx;
  const hours: Hour[] = [];
  let current: Hour | undefined;
  for (let k = 0; k < cal.intervals; k++) {
    const minute = cal.localMinute[k]!;
    if (!current || cal.resolution === "PT1H" || minute % 60 === 0) {
      current = { startMs: cal.startMs + k * cal.stepMs, day: cal.dayOf[k]!, localHour: Math.floor(minute / 60), energy: 0 };
      hours.push(current);
    }
    current.energy += energy[k]!;
  }
  return hours;
}

function ruleKey(rule: PowerFeeRule): string {
  return JSON.stringify([rule.peakCount, rule.weekdays, rule.fromHour, rule.toHour, rule.months ?? null, rule.excludedDates ?? null]);
}

/**
 * Swedish power fee, per calendar month: kW = mean of the N highest hourly energies among the
 * month's hours (within the period) allowed by the rule; amount = price × kW × days/days-in-month
 * for each run of days with the same price, rule and VAT rate (a full month: × 1).
 */
function powerFeeLines(ctx: Context, lists: PriceListOf<"SE_GRID">[]): void {
  const { cal } = ctx;
  if (!lists.some((l) => l.prices.powerFee)) return;
  const hours = hoursOf(ctx);
  let monthStart = 0;
  while (monthStart < cal.days.length) {
    const monthKey = cal.days[monthStart]!.monthKey;
    let monthEnd = monthStart;
    while (monthEnd < cal.days.length && cal.days[monthEnd]!.monthKey === monthKey) monthEnd++;
    const runs = dayRuns(monthStart, monthEnd, (d) => {
      const rule = lists[d]!.prices.powerFee;
      return rule ? `${micro(rule.pricePerKWMonth)}|${ctx.vat[d]}|${ruleKey(rule)}` : null;
    });
    for (const run of runs) {
      const rule = lists[run.from]!.prices.powerFee!;
      const excluded = new Set(rule.excludedDates ?? []);
      const candidates = hours.filter((h) => {
        if (h.day < monthStart || h.day >= monthEnd) return false;
        const day = cal.days[h.day]!;
        return (
          rule.weekdays.includes(day.weekday) &&
          h.localHour >= rule.fromHour &&
          h.localHour < rule.toHour &&
          (rule.months === undefined || rule.months.includes(day.month)) &&
          !excluded.has(day.date)
        );
      });
      // Highest first; equal energies in time order, so the reported peaks are deterministic.
      candidates.sort((a, b) => b.energy - a.energy || a.startMs - b.startMs);
      const peaks = candidates.slice(0, rule.peakCount);
      const count = peaks.length;
      const peakSum = peaks.reduce((s, h) => s + h.energy, 0);
      const price = micro(rule.pricePerKWMonth);
      const days = run.to - run.from;
      const daysInMonth = cal.days[run.from]!.daysInMonth;
      pushLine(ctx, {
        code: "SE_GRID_POWER_FEE",
        product: "SE_GRID",
        priceListIds: listIds(lists, run),
        ...span(ctx, run),
        quantity: count === 0 ? "0.000" : formatFraction(BigInt(peakSum), BigInt(count) * QUANTITY_SCALE, 3, "fixed"),
        unit: "kW",
        unitPriceMinor: formatMicro(price),
        amountMinor:
          count === 0
            ? 0
            : toMinor(
                roundHalfAwayFromZero(
                  price * BigInt(peakSum) * BigInt(days),
                  BigInt(count) * QUANTITY_SCALE * PRICE_SCALE * BigInt(daysInMonth),
                ),
              ),
        vatRatePercent: ctx.vat[run.from]!,
        details: {
          kind: "powerFee",
          month: monthKey,
          days,
          daysInMonth,
          peakCount: rule.peakCount,
          peaks: peaks.map((h) => ({
            start: isoInstant(h.startMs),
            localDate: cal.days[h.day]!.date,
            localHour: h.localHour,
            kWh: formatMilli(h.energy),
          })),
        },
      });
    }
    monthStart = monthEnd;
  }
}

export function rateSeGrid(ctx: Context): void {
  const product = "SE_GRID";
  const lists = listsByDay(ctx, product);
  fixedFeeLines(ctx, { product, code: "SE_GRID_FIXED_FEE", lists, feeOf: (l) => l.prices.fixedFee });
  perUnitLines(ctx, {
    product,
    code: "SE_GRID_TRANSFER",
    lists,
    priceOf: (l) => ({ price: l.prices.transferPerKWh }),
  });
  perUnitLines(ctx, {
    product,
    code: "SE_GRID_ENERGY_TAX",
    lists,
    priceOf: (l) => ({ price: l.prices.energyTaxPerKWh }),
  });
  powerFeeLines(ctx, lists);
}
