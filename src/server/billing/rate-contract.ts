import "server-only";
// Rating one contract of a billing run: its span rated from the chunk's reads, then the bill
// planned (src/domain/billing/plan-bill.ts) and the outcome decided: unchanged, a first invoice, or
// a correction of the current version.
import type { BillingPeriod } from "@/domain/billing/billing-period";
import { highestDailyMeanPower } from "@/domain/billing/billing-power";
import { correctedQuarterlyBill, CARRIED_ACONTO_CODES, kWhOf, monthlyBill, quarterlyBill, spanOf, spotFactsOf } from "@/domain/billing/plan-bill";
import type { Currency } from "@/domain/billing/price-list";
import { RatingError, rateConsumption } from "@/domain/billing/rate";
import { ratingHashOf } from "@/domain/billing/rating-hash";
import type { Resolution } from "@/domain/time/zoned";
import { periodLayout, type PeriodSeries } from "@/server/metering/read-series";
import type { ChunkReads, ContractRow, ExistingInvoice, Outcome, PreparedBill, RatedPeriod, RunContext } from "./billing-run-types";
import { billLineFromStored, sameLines } from "./invoice-rows";
import { priceListsFor, PriceListLookupError } from "./load-price-lists";
import { loadAreaSpotPrices, plainMeanPrice, spotSeriesFor, type AreaSpotPrices } from "./load-spot-prices";

const DAY_MS = 86_400_000;

/** The area's spot prices over the run's period, read once per run. */
function spotPricesOf(ctx: RunContext, area: string, currency: Currency): Promise<AreaSpotPrices> {
  const key = `${area}|${currency}`;
  let prices = ctx.spot.get(key);
  if (!prices) {
    // A day on either side covers every Nordic zone's local midnights.
    const fromMs = Date.parse(`${ctx.period.from}T00:00:00Z`) - DAY_MS;
    const toMs = Date.parse(`${ctx.period.to}T00:00:00Z`) + DAY_MS;
    prices = loadAreaSpotPrices(ctx.db, area, currency, fromMs, toMs);
    ctx.spot.set(key, prices);
  }
  return prices;
}

/** The part of a period series that covers `span` (a contract starting or ending inside the period). */
function sliceSeries(series: PeriodSeries, contract: ContractRow, period: BillingPeriod, span: BillingPeriod, resolution: Resolution): Float64Array {
  if (span.from === period.from && span.to === period.to) return series.values;
  const layout = periodLayout(period.from, period.to, contract.timeZone, resolution);
  const at = layout.offsets.get(span.from)?.at ?? 0;
  const end = layout.offsets.get(span.to)?.at ?? layout.n;
  return series.values.subarray(at, end);
}

/** Rates the contract's span; throws RatingError / PriceListLookupError with the plain reason. */
async function rateSpan(ctx: RunContext, contract: ContractRow, span: BillingPeriod, reads: ChunkReads): Promise<RatedPeriod> {
  const lists = priceListsFor(ctx.priceLists, contract.priceProducts, contract.priceArea);
  const domainLists = lists.map((l) => l.list!);
  const energySeries = reads.energy.get(contract.id);
  if (!energySeries) {
    throw new RatingError(
      "MISSING_CONSUMPTION",
      `Missing consumption: installation ${contract.meteringPointId} has no ${contract.resolution} energy series (ENERGY_KWH)`,
      span.from,
    );
  }
  const energy = sliceSeries(energySeries, contract, ctx.period, span, contract.resolution);
  const needsSpot = domainLists.some((l) => "energy" in l.prices && !Array.isArray(l.prices.energy) && (l.prices.energy as { kind: string }).kind === "spot");
  const spotPrices = needsSpot ? await spotPricesOf(ctx, contract.priceArea, contract.currency) : null;
  const volumeSeries = reads.volume.get(contract.id);
  const volume = volumeSeries ? sliceSeries(volumeSeries, contract, ctx.period, span, volumeSeries.resolution) : null;
  const needsPower = domainLists.some((l) => l.product === "DH" && l.prices.powerPerKWYear !== undefined);
  const power = needsPower ? highestDailyMeanPower(energy, span, contract.timeZone, contract.resolution) : null;
  const start = new Date(periodLayout(span.from, span.to, contract.timeZone, contract.resolution).startMs).toISOString();

  const result = rateConsumption({
    market: contract.market,
    currency: contract.currency,
    timeZone: contract.timeZone,
    period: span,
    consumption: { start, resolution: contract.resolution, values: energy },
    ...(spotPrices ? { spotPrices: spotSeriesFor(spotPrices, contract.resolution) } : {}),
    ...(volume && volumeSeries
      ? { volume: { start: new Date(periodLayout(span.from, span.to, contract.timeZone, volumeSeries.resolution).startMs).toISOString(), resolution: volumeSeries.resolution, values: volume } }
      : {}),
    ...(needsPower ? { contractedPowerKw: power?.kW ?? "0" } : {}),
    priceLists: domainLists,
    vatRates: ctx.vatRates,
  });
  const used = lists.filter((l) => l.validFrom < span.to && (l.validTo === null || l.validTo > span.from));
  const usesVolume = result.lines.some((l) => l.code === "DH_FLOW");
  return {
    result,
    hash: ratingHashOf({
      cycle: ctx.cycle,
      span,
      contract,
      energy,
      volume: usesVolume ? volume : null,
      lists: used,
      spotHash: spotPrices?.hash ?? null,
      vatKey: ctx.vatKey,
      power: power?.kW ?? null,
    }),
    kWh: kWhOf(energy),
    intervals: energy.length,
    lists: used,
    spot: spotFactsOf(result, contract.priceArea),
    power,
    spotPrices,
  };
}

/** Rates the contract's period again or for the first time and decides what to issue. */
export async function rateContract(
  ctx: RunContext,
  contract: ContractRow,
  current: ExistingInvoice | null,
  versions: ExistingInvoice[],
  reads: ChunkReads,
): Promise<Outcome> {
  const span = spanOf(contract, ctx.period);
  let bill: PreparedBill;
  try {
    const rated = await rateSpan(ctx, contract, span, reads);
    if (current && current.ratingHash === rated.hash) {
      return { kind: "UNCHANGED", contract, confirmed: current.id, reason: `Rated again: the same data as invoice ${current.invoiceNumber} (v${current.version}).` };
    }
    if (ctx.cycle === "MONTHLY") {
      bill = monthlyBill(span, rated);
    } else if (current) {
      const stored = reads.stored.get(current.id)!;
      const carried = stored.lines.filter((l) => CARRIED_ACONTO_CODES.includes(l.code)).map((l) => billLineFromStored(l, stored, span));
      bill = correctedQuarterlyBill(span, rated, carried, stored.explanation.aconto);
    } else {
      const spotPrices = rated.spotPrices;
      bill = quarterlyBill({
        contract,
        period: ctx.period,
        span,
        rated,
        annual: reads.annual.get(contract.id),
        prepaid: reads.prepaid.get(contract.id) ?? null,
        priceLists: priceListsFor(ctx.priceLists, contract.priceProducts, contract.priceArea).map((l) => l.list!),
        vatRates: ctx.vatRates,
        ...(spotPrices ? { spotMean: () => plainMeanPrice(spotPrices, Date.parse(`${span.from}T00:00:00Z`), Date.parse(`${span.to}T00:00:00Z`)) } : {}),
      });
    }
  } catch (error) {
    if (error instanceof RatingError || error instanceof PriceListLookupError) {
      return { kind: "FAILED", contract, reason: `${error.code}: ${error.message}` };
    }
    throw error;
  }

  // Newer data that bills exactly the same lines is no reason to credit and re-bill.
  if (current && sameLines(bill.lines, reads.stored.get(current.id)!)) {
    return { kind: "UNCHANGED", contract, confirmed: current.id, reason: `Rated again with newer data: the same lines as invoice ${current.invoiceNumber} (v${current.version}).` };
  }

  if (!current) {
    const latest = versions[versions.length - 1] ?? null;
    return { kind: "ISSUE", contract, version: (latest?.version ?? 0) + 1, previous: latest, bill };
  }
  const candidate = ctx.candidates.get(current.id);
  return {
    kind: "CORRECT",
    contract,
    version: versions[versions.length - 1]!.version + 1,
    original: current,
    chain: versions,
    stored: reads.stored.get(current.id)!,
    bill,
    reasons: candidate?.reasons.length ? candidate.reasons : [{ kind: "RERATED" }],
  };
}
