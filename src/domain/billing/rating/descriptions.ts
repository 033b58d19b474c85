// The texts of invoice lines in Swedish and English, kept together so that they can be replaced
// by a catalogue of line codes in one place.
import type { Season } from "../price-list";
import type { LineCode, LocalizedText } from "./types";

export const TEXT: Record<LineCode, LocalizedText> = {
  SUPPLY_MONTHLY_FEE: { sv: "Månadsavgift", en: "Monthly fee" },
  SUPPLY_ENERGY_FIXED: { sv: "Elenergi, fast pris", en: "Electricity, fixed price" },
  SUPPLY_ENERGY_SPOT: {
    sv: "Elenergi, spotpris (förbrukningsviktat medelpris)",
    en: "Electricity, spot price (consumption-weighted average)",
  },
  SUPPLY_MARGIN: { sv: "Påslag", en: "Margin" },
  DK_SUPPLY_SUBSCRIPTION: { sv: "Abonnemang, elhandlare", en: "Subscription, electricity retailer" },
  SE_GRID_FIXED_FEE: { sv: "Fast avgift, elnät", en: "Fixed grid fee" },
  SE_GRID_TRANSFER: { sv: "Överföringsavgift", en: "Transfer fee" },
  SE_GRID_ENERGY_TAX: { sv: "Energiskatt", en: "Energy tax" },
  SE_GRID_POWER_FEE: { sv: "Effektavgift", en: "Power fee" },
  DK_GRID_TRANSPORT_LOW: { sv: "Nättariff, lågtid", en: "Grid transport tariff, low load" },
  DK_GRID_TRANSPORT_HIGH: { sv: "Nättariff, höglasttid", en: "Grid transport tariff, high load" },
  DK_GRID_TRANSPORT_PEAK: { sv: "Nättariff, spetslasttid 17–21", en: "Grid transport tariff, peak load 17–21" },
  DK_GRID_SUBSCRIPTION: { sv: "Abonnemang, nätbolag", en: "Subscription, grid company" },
  DK_ENERGINET_NET_TARIFF: { sv: "Energinet, nättariff", en: "Energinet, net tariff" },
  DK_ENERGINET_SYSTEM_TARIFF: { sv: "Energinet, systemtariff", en: "Energinet, system tariff" },
  DK_ELECTRICITY_TAX: { sv: "Elskatt (elafgift)", en: "Electricity tax (elafgift)" },
  DH_FIXED_FEE: { sv: "Fast avgift, fjärrvärme", en: "Fixed fee, district heating" },
  DH_ENERGY: { sv: "Energiavgift", en: "Energy charge" },
  DH_POWER: { sv: "Effektavgift", en: "Power charge" },
  DH_FLOW: { sv: "Flödesavgift", en: "Flow charge" },
};

export const FI_BASIC_FEE: LocalizedText = { sv: "Grundavgift", en: "Basic fee" };

export const SEASON_TEXT: Record<Season, LocalizedText> = {
  winter: { sv: "vinter", en: "winter" },
  summer: { sv: "sommar", en: "summer" },
  spring: { sv: "vår", en: "spring" },
  autumn: { sv: "höst", en: "autumn" },
};

export function withSuffix(text: LocalizedText, sv: string, en: string): LocalizedText {
  return { sv: `${text.sv} ${sv}`, en: `${text.en} ${en}` };
}
