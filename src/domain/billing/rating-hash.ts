/**
 * The rating hash of a billed period: sha256 over everything the rating read (the cycle, span,
 * zone and resolution, the meter values, the price list versions in force, the spot prices' hash,
 * the VAT rates and the billed power). An invoice stores it; rating the period again with the same
 * data gives the same hash, so a correction run can tell "nothing changed" without comparing lines.
 */
import { createHash } from "node:crypto";
import type { BillingCycle, BillingPeriod } from "./billing-period";

/** A price list version as the hash (and an invoice's explanation) names it. */
export interface PriceListVersion {
  id: string;
  /** Tariff key (e.g. "SE_GRID", "DH:COOLING"). */
  key: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  /** Hash of the list's content: a list published again with the same prices is the same version. */
  version: string;
}

export interface RatingHashParts {
  cycle: BillingCycle;
  span: BillingPeriod;
  contract: { timeZone: string; resolution: string };
  energy: Float64Array;
  volume: Float64Array | null;
  lists: readonly PriceListVersion[];
  spotHash: string | null;
  /** The VAT rates the run rates with, as one key (JSON). */
  vatKey: string;
  power: string | null;
}

export function ratingHashOf(parts: RatingHashParts): string {
  const h = createHash("sha256");
  h.update(`v1|${parts.cycle}|${parts.span.from}|${parts.span.to}|${parts.contract.timeZone}|${parts.contract.resolution}|`);
  h.update(Buffer.from(parts.energy.buffer, parts.energy.byteOffset, parts.energy.byteLength));
  if (parts.volume) {
    h.update("|volume|");
    h.update(Buffer.from(parts.volume.buffer, parts.volume.byteOffset, parts.volume.byteLength));
  }
  // The prices in force, not the rows: a list published again with the same content changes nothing.
  h.update(`|lists|${parts.lists.map((l) => `${l.key}:${l.validFrom}:${l.validTo ?? ""}@${l.version}`).sort().join(",")}`);
  h.update(`|spot|${parts.spotHash ?? "-"}|vat|${parts.vatKey}|power|${parts.power ?? "-"}`);
  return h.digest("hex");
}
