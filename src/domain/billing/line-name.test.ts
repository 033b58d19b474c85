// Line names from code + parameters say exactly what rating's texts said, for every kind of line
// the demo price lists rate (the billing run issues the Swedish one as the line's text).
import { describe, expect, it } from "vitest";
import { invoiceTranslator } from "../../../tests/support/invoice-translator";
import { localDays, localMidnightUtc, intervalsInLocalDay } from "../time/zoned";
import { DEMO_DH, DEMO_DK_GRID, DEMO_DK_SUPPLY, DEMO_FI_SUPPLY_SPOT, DEMO_SE_GRID, DEMO_SE_SUPPLY_SPOT, DEMO_VAT_RATES } from "@/fixtures/demo-price-lists";
import { lineParamsOf } from "./line-catalogue";
import { lineName } from "./line-name";
import type { Market, PriceList } from "./price-list";
import { rateConsumption } from "./rate";

function rate(market: Market, timeZone: string, from: string, to: string, priceLists: readonly PriceList[], extra: { contractedPowerKw?: string; volume?: boolean } = {}) {
  const values: number[] = [];
  for (const day of localDays(from, to, timeZone)) for (let h = 0; h < intervalsInLocalDay(day.date, timeZone, "PT1H"); h++) values.push(h >= 17 && h < 21 ? 2.5 : 0.8);
  const start = localMidnightUtc(from, timeZone).toISOString();
  const series = { start, resolution: "PT1H" as const, values };
  return rateConsumption({
    market,
    currency: market === "SE" ? "SEK" : market === "DK" ? "DKK" : "EUR",
    timeZone,
    period: { from, to },
    consumption: series,
    spotPrices: { ...series, values: values.map((_, i) => 40 + (i % 7)) },
    ...(extra.volume ? { volume: { ...series, values: values.map(() => 0.01) } } : {}),
    ...(extra.contractedPowerKw ? { contractedPowerKw: extra.contractedPowerKw } : {}),
    priceLists,
    vatRates: DEMO_VAT_RATES,
  });
}

describe("lineName", () => {
  const cases = [
    rate("SE", "Europe/Stockholm", "2026-01-01", "2026-02-01", [...DEMO_SE_SUPPLY_SPOT, ...DEMO_SE_GRID]),
    rate("SE", "Europe/Stockholm", "2026-01-10", "2026-03-01", DEMO_SE_GRID),
    rate("FI", "Europe/Helsinki", "2026-01-01", "2026-02-01", DEMO_FI_SUPPLY_SPOT),
    rate("DK", "Europe/Copenhagen", "2026-03-01", "2026-05-01", [...DEMO_DK_SUPPLY, ...DEMO_DK_GRID]),
    rate("SE", "Europe/Stockholm", "2026-03-01", "2026-05-01", DEMO_DH, { contractedPowerKw: "12.5", volume: true }),
  ];

  // [code, Swedish, English] of every line of each case, as rating's own texts (rating/descriptions.ts,
  // removed) wrote them: written out once from that code, so the names stay what was issued before.
  const expected = [
    [
      ["SUPPLY_MONTHLY_FEE", "Månadsavgift", "Monthly fee"],
      ["SUPPLY_ENERGY_SPOT", "Elenergi, spotpris (förbrukningsviktat medelpris)", "Electricity, spot price (consumption-weighted average)"],
      ["SUPPLY_MARGIN", "Påslag", "Margin"],
      ["SE_GRID_FIXED_FEE", "Fast avgift, elnät", "Fixed grid fee"],
      ["SE_GRID_TRANSFER", "Överföringsavgift", "Transfer fee"],
      ["SE_GRID_ENERGY_TAX", "Energiskatt", "Energy tax"],
      ["SE_GRID_POWER_FEE", "Effektavgift 2026-01", "Power fee 2026-01"],
    ],
    [
      ["SE_GRID_FIXED_FEE", "Fast avgift, elnät", "Fixed grid fee"],
      ["SE_GRID_TRANSFER", "Överföringsavgift", "Transfer fee"],
      ["SE_GRID_ENERGY_TAX", "Energiskatt", "Energy tax"],
      ["SE_GRID_POWER_FEE", "Effektavgift 2026-01 (22/31 dagar)", "Power fee 2026-01 (22/31 days)"],
      ["SE_GRID_POWER_FEE", "Effektavgift 2026-02", "Power fee 2026-02"],
    ],
    [
      ["SUPPLY_MONTHLY_FEE", "Grundavgift", "Basic fee"],
      ["SUPPLY_ENERGY_SPOT", "Elenergi, spotpris (förbrukningsviktat medelpris)", "Electricity, spot price (consumption-weighted average)"],
      ["SUPPLY_MARGIN", "Påslag", "Margin"],
    ],
    [
      ["DK_SUPPLY_SUBSCRIPTION", "Abonnemang, elhandlare", "Subscription, electricity retailer"],
      ["SUPPLY_ENERGY_SPOT", "Elenergi, spotpris (förbrukningsviktat medelpris)", "Electricity, spot price (consumption-weighted average)"],
      ["SUPPLY_MARGIN", "Påslag", "Margin"],
      ["DK_GRID_TRANSPORT_LOW", "Nättariff, lågtid (vinter)", "Grid transport tariff, low load (winter)"],
      ["DK_GRID_TRANSPORT_LOW", "Nättariff, lågtid (sommar)", "Grid transport tariff, low load (summer)"],
      ["DK_GRID_TRANSPORT_HIGH", "Nättariff, höglasttid (vinter)", "Grid transport tariff, high load (winter)"],
      ["DK_GRID_TRANSPORT_HIGH", "Nättariff, höglasttid (sommar)", "Grid transport tariff, high load (summer)"],
      ["DK_GRID_TRANSPORT_PEAK", "Nättariff, spetslasttid 17–21 (vinter)", "Grid transport tariff, peak load 17–21 (winter)"],
      ["DK_GRID_TRANSPORT_PEAK", "Nättariff, spetslasttid 17–21 (sommar)", "Grid transport tariff, peak load 17–21 (summer)"],
      ["DK_GRID_SUBSCRIPTION", "Abonnemang, nätbolag", "Subscription, grid company"],
      ["DK_ENERGINET_NET_TARIFF", "Energinet, nättariff", "Energinet, net tariff"],
      ["DK_ENERGINET_SYSTEM_TARIFF", "Energinet, systemtariff", "Energinet, system tariff"],
      ["DK_ELECTRICITY_TAX", "Elskatt (elafgift)", "Electricity tax (elafgift)"],
    ],
    [
      ["DH_FIXED_FEE", "Fast avgift, fjärrvärme", "Fixed fee, district heating"],
      ["DH_ENERGY", "Energiavgift (vinter)", "Energy charge (winter)"],
      ["DH_ENERGY", "Energiavgift (sommar)", "Energy charge (summer)"],
      ["DH_POWER", "Effektavgift 12.5 kW", "Power charge 12.5 kW"],
      ["DH_FLOW", "Flödesavgift", "Flow charge"],
    ],
  ];

  it("words every rated line in Swedish and English as rating's own texts did", () => {
    const lines = cases.flatMap((c) => c.lines);
    expect(new Set(lines.map((l) => l.code)).size).toBeGreaterThanOrEqual(18);
    const sv = invoiceTranslator("sv");
    const en = invoiceTranslator("en");
    const named = cases.map((c) => c.lines.map((l) => {
      const line = { code: l.code, params: lineParamsOf(l), description: "" };
      return [l.code, lineName(line, "sv", sv), lineName(line, "en", en)];
    }));
    expect(named).toEqual(expected);
  });

  it("names a code outside the catalogue by the text it was issued with, and prefers texts an older run recorded", () => {
    const t = invoiceTranslator("da");
    expect(lineName({ code: "ROUNDING", params: {}, description: "Öresavrundning" }, "da", t)).toBe("Öresavrundning");
    expect(lineName({ code: "ACONTO_NEXT", params: {}, description: "", texts: { sv: "s", en: "e", da: "Aconto 2026 K1" } }, "da", t)).toBe("Aconto 2026 K1");
    expect(lineName({ code: "ACONTO_NEXT", params: {}, description: "", texts: { sv: "s", en: "e", da: "d" } }, "fi", invoiceTranslator("fi"))).toBe("Ennakko tulevalle kaudelle");
  });
});
