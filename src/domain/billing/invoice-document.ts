/**
 * The content of an invoice PDF, decided here and drawn by the PDF layer (pdfkit): every text on
 * the page in the customer's market language, the payment line per market, and the specification
 * with its sections. Pure TypeScript, so the content is tested without rendering.
 *
 * Page 1 (seed 003 "first page: all you need to pay"): issuer, recipient, customer and invoice
 * numbers, dates, period, installation, the amount to pay and due date, the Danish settlement
 * overview, a correction notice, the next invoice's estimated due date, and the payment block:
 * - Sweden: Bankgiro + OCR number, and an OCR-style payment line at the bottom;
 * - Finland: IBAN, BIC, reference and the 54-digit virtual bar code (drawn as Code 128C and
 *   printed as digits);
 * - Denmark: the FI-kort line `+71<payment id+creditor number<`.
 * Page 2 (seed 003/004 "second page: the specification"): every line with quantity, unit, unit
 * price, amount and VAT rate; for Danish aconto bills the settlement of the past quarter, the
 * aconto paid for it and the aconto for the coming quarter as separate sections; VAT summary and
 * totals.
 *
 * Language: Swedish for Swedish customers, Danish for Danish and Finnish for Finnish customers
 * (labels in one table below, so they are reviewed in one place). Stored line descriptions are
 * Swedish (rate.ts); for Danish and Finnish bills the known line codes get their own wording and
 * the description's suffix (month, season, share of days) is carried over.
 */

import { luhnCheckDigit } from "../identity/luhn";
import { addDays } from "../time/zoned";
import type { ExplainLine, InvoiceExplanation, LineExplanation, LineSection } from "./explain";
import type { InvoiceIssuer } from "./issuer";
import { PRICE_SCALE, formatFraction, parseDecimal } from "./money";
import { danishFiLine, finnishVirtualBarcode, isValidSwedishOcr } from "./payment-references";
import type { Currency, Market } from "./price-list";

export type DocumentLanguage = "sv" | "da" | "fi";

export const DOCUMENT_LANGUAGE: Readonly<Record<Market, DocumentLanguage>> = { SE: "sv", DK: "da", FI: "fi" };

/** Locale-correct formatting, injected so that this module stays free of Intl set-up. */
export interface DocumentFormatter {
  /** Integer minor units → "1 234,56 kr". */
  money(minor: number): string;
  /** YYYY-MM-DD → the language's short date. */
  date(iso: string): string;
  /** An exact decimal string with at most `maxDecimals` decimals, locale separators. */
  decimal(value: string, minDecimals: number, maxDecimals: number): string;
}

export interface InvoiceDocumentInput {
  language: DocumentLanguage;
  issuer: InvoiceIssuer;
  format: DocumentFormatter;
  invoice: {
    invoiceNumber: string;
    kind: "INVOICE" | "CREDIT_NOTE";
    currency: Currency;
    invoiceDate: string;
    dueDate: string;
    periodStart: string;
    /** Exclusive. */
    periodEnd: string;
    netAmountMinor: number;
    vatAmountMinor: number;
    totalAmountMinor: number;
    paymentReference: string;
    /** Date of the payment that settled the invoice, when paid. */
    paidOn: string | null;
    customer: { customerNumber: string; name: string; careOf: string | null; street: string; postalCode: string; city: string; country: string };
    installation: { name: string | null; meteringPointId: string; street: string; postalCode: string; city: string } | null;
    contract: { productName: string; contractNumber: string } | null;
    lines: readonly ExplainLine[];
    corrects: { invoiceNumber: string; periodStart: string; periodEnd: string } | null;
    /** The customer's check code for claiming it on Mina sidor ("ABCD-EFGH"); left out when null. */
    checkCode?: string | null;
  };
  explanation: InvoiceExplanation;
}

export interface DocumentRow {
  label: string;
  value: string;
  strong?: boolean;
}

export interface SpecificationRow {
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  amount: string;
  vat: string;
}

export interface SpecificationSection {
  title: string | null;
  rows: SpecificationRow[];
  subtotal: DocumentRow | null;
}

export type PaymentBlock =
  | { market: "SE"; title: string; rows: DocumentRow[]; instruction: string; ocrLine: string | null }
  | { market: "FI"; title: string; rows: DocumentRow[]; instruction: string; barcodeLabel: string; barcode: string | null }
  | { market: "DK"; title: string; rows: DocumentRow[]; instruction: string; fiLabel: string; fiLine: string | null };

export interface InvoiceDocument {
  language: DocumentLanguage;
  fileName: string;
  /** "Faktura", "Kreditfaktura", "Korrigerad faktura" … */
  title: string;
  issuer: { name: string; lines: string[]; footer: string };
  recipient: string[];
  facts: DocumentRow[];
  installationTitle: string;
  installation: DocumentRow[];
  /** What a credit note or corrected invoice corrects. */
  notice: string | null;
  amount: { label: string; value: string; due: DocumentRow | null; paid: string | null };
  summary: DocumentRow[];
  /** Net amounts by kind (energy, grid, taxes …) and VAT; not on aconto bills, which show the settlement. */
  breakdown: { title: string; rows: DocumentRow[] } | null;
  /** Danish aconto bills: the settlement overview of page 1. */
  aconto: { title: string; rows: DocumentRow[] } | null;
  nextInvoice: DocumentRow | null;
  payment: PaymentBlock | null;
  specification: {
    title: string;
    columns: SpecificationRow;
    sections: SpecificationSection[];
    /** Plain-words notes under the table (the spot average). */
    notes: string[];
    vatTitle: string;
    vatRows: DocumentRow[];
    totals: DocumentRow[];
  };
  /** "Sida {page} av {pages}" with the placeholders left for the renderer. */
  pageLabel: string;
  /** The PDF's metadata title. */
  metadataTitle: string;
}

// ---------------------------------------------------------------------------------------------
// Words

const WORDS = {
  sv: {
    invoice: "Faktura",
    creditNote: "Kreditfaktura",
    correctedInvoice: "Korrigerad faktura",
    fileStem: "faktura",
    customerNumber: "Kundnummer",
    invoiceNumber: "Fakturanummer",
    invoiceDate: "Fakturadatum",
    dueDate: "Förfallodag",
    period: "Period",
    contract: "Avtal",
    checkCode: "Kontrollkod för Mina sidor",
    installationTitle: "Anläggning",
    installationName: "Benämning",
    meteringPoint: "Anläggnings-id",
    address: "Adress",
    amountToPay: "Att betala",
    amountCredited: "Krediteras",
    amountToYourCredit: "Tillgodo",
    nothingToPay: "Inget att betala",
    paid: (date: string) => `Betald ${date} – tack!`,
    paidEarlier: "Betalt på tidigare version av fakturan",
    net: "Belopp exkl. moms",
    vat: "Moms",
    total: "Totalt inkl. moms",
    nextInvoice: "Nästa fakturas beräknade förfallodag",
    paymentTitle: "Betalningsinformation",
    seBankgiro: "Bankgiro",
    seOcr: "OCR-nummer",
    amount: "Belopp",
    seInstruction: "Betala till bankgiro och ange OCR-numret, så kopplas betalningen till fakturan.",
    fiIban: "Mottagarens konto (IBAN)",
    fiBic: "BIC",
    fiReference: "Referensnummer",
    fiBarcode: "Virtuell streckkod",
    fiInstruction: "Betala med referensnumret eller läs in streckkoden med bankens app.",
    dkPaymentId: "Betalnings-id",
    dkCreditor: "Kreditornummer",
    dkFiLine: "FI-kort (+71)",
    dkInstruction: "Betala i internetbanken med FI-kortets kodrad.",
    creditNotice: (n: string, p: string) => `Denna kreditfaktura krediterar faktura ${n} för perioden ${p}.`,
    rebillNotice: (n: string, p: string, d: string) =>
      `Denna faktura ersätter faktura ${n} för perioden ${p}, som har krediterats i sin helhet. Skillnad mot den ursprungliga fakturan: ${d}.`,
    acontoTitle: "Avräkning och aconto",
    acontoActual: (p: string) => `Faktisk förbrukning ${p}`,
    acontoPrepaid: "Betald aconto för perioden",
    acontoDifference: "Skillnad att betala (+) eller få tillbaka (−)",
    acontoNext: (p: string) => `Aconto för kommande period ${p}`,
    specification: "Specifikation",
    columns: { description: "Beskrivning", quantity: "Antal", unit: "Enhet", unitPrice: "À-pris", amount: "Belopp", vat: "Moms" },
    settlementSection: (p: string) => `Avräkning av förbrukning ${p}`,
    prepaidSection: "Betald aconto för perioden",
    nextAcontoSection: (p: string | null) => (p ? `Aconto för kommande period ${p}` : "Aconto för kommande period"),
    subtotal: "Summa exkl. moms",
    vatTitle: "Momsspecifikation",
    vatRow: (rate: string, net: string) => `Moms ${rate} % på ${net}`,
    breakdownTitle: "Så fördelas beloppet",
    categories: { energy: "Energi", transfer: "Överföring och nättariffer", tax: "Skatter", fixedFee: "Fasta avgifter", power: "Effektavgifter", flow: "Flödesavgift", aconto: "Aconto", other: "Övrigt", vat: "Moms" },
    spotNote: (weighted: string, plain: string | null, unit: string) =>
      `Spotpriset ${weighted} ${unit} är ditt förbrukningsviktade medelpris: varje timmes pris vägt med din förbrukning den timmen.` +
      (plain ? ` Periodens enkla medelpris var ${plain} ${unit}.` : ""),
    customerService: "Kundservice",
    vatNumber: "Momsreg.nr",
    page: "Sida {page} av {pages}",
    units: { kWh: "kWh", month: "mån", day: "dag", kW: "kW", "m³": "m³" } as Record<string, string>,
    minorUnit: { SEK: "öre", DKK: "øre", EUR: "cent" } as Record<Currency, string>,
    majorUnit: { SEK: "kr", DKK: "kr", EUR: "€" } as Record<Currency, string>,
    aconto: { next: "Aconto för kommande period", prepaid: "Avdrag för betald aconto" },
  },
  da: {
    invoice: "Faktura",
    creditNote: "Kreditnota",
    correctedInvoice: "Korrektionsregning",
    fileStem: "faktura",
    customerNumber: "Kundenummer",
    invoiceNumber: "Fakturanummer",
    invoiceDate: "Fakturadato",
    dueDate: "Sidste rettidige betalingsdag",
    period: "Periode",
    contract: "Aftale",
    checkCode: "Kontrolkode til Mina sidor",
    installationTitle: "Forbrugssted",
    installationName: "Navn",
    meteringPoint: "Målepunkts-ID",
    address: "Adresse",
    amountToPay: "At betale",
    amountCredited: "Krediteres",
    amountToYourCredit: "Til gode",
    nothingToPay: "Intet at betale",
    paid: (date: string) => `Betalt ${date} – tak!`,
    paidEarlier: "Betalt på tidligere version af fakturaen",
    net: "Beløb ekskl. moms",
    vat: "Moms",
    total: "I alt inkl. moms",
    nextInvoice: "Forventet betalingsdag for næste regning",
    paymentTitle: "Betalingsoplysninger",
    seBankgiro: "Bankgiro",
    seOcr: "OCR-nummer",
    amount: "Beløb",
    seInstruction: "",
    fiIban: "IBAN",
    fiBic: "BIC",
    fiReference: "Reference",
    fiBarcode: "Virtuel stregkode",
    fiInstruction: "",
    dkPaymentId: "Betalings-id",
    dkCreditor: "Kreditornummer",
    dkFiLine: "Indbetalingskort (+71)",
    dkInstruction: "Betal i netbanken med kodelinjen fra indbetalingskortet, eller tilmeld regningen til Betalingsservice.",
    creditNotice: (n: string, p: string) => `Denne kreditnota krediterer faktura ${n} for perioden ${p}.`,
    rebillNotice: (n: string, p: string, d: string) =>
      `Denne korrektionsregning erstatter faktura ${n} for perioden ${p}, som er krediteret fuldt ud. Difference i forhold til den oprindelige faktura: ${d}.`,
    acontoTitle: "Opgørelse og aconto",
    acontoActual: (p: string) => `Faktisk forbrug ${p}`,
    acontoPrepaid: "Betalt aconto for perioden",
    acontoDifference: "Difference at betale (+) eller til gode (−)",
    acontoNext: (p: string) => `Aconto for kommende periode ${p}`,
    specification: "Specifikation",
    columns: { description: "Beskrivelse", quantity: "Antal", unit: "Enhed", unitPrice: "Pris pr. enhed", amount: "Beløb", vat: "Moms" },
    settlementSection: (p: string) => `Opgørelse af forbrug ${p}`,
    prepaidSection: "Betalt aconto for perioden",
    nextAcontoSection: (p: string | null) => (p ? `Aconto for kommende periode ${p}` : "Aconto for kommende periode"),
    subtotal: "I alt ekskl. moms",
    vatTitle: "Momsspecifikation",
    vatRow: (rate: string, net: string) => `Moms ${rate} % af ${net}`,
    breakdownTitle: "Sådan fordeler beløbet sig",
    categories: { energy: "Energi", transfer: "Transport og nettariffer", tax: "Afgifter til staten", fixedFee: "Abonnementer og faste gebyrer", power: "Effektbetaling", flow: "Vandmængdebetaling", aconto: "Aconto", other: "Øvrigt", vat: "Moms" },
    spotNote: (weighted: string, plain: string | null, unit: string) =>
      `Spotprisen ${weighted} ${unit} er din forbrugsvægtede gennemsnitspris: hver times pris vægtet med dit forbrug i den time.` +
      (plain ? ` Periodens simple gennemsnitspris var ${plain} ${unit}.` : ""),
    customerService: "Kundeservice",
    vatNumber: "Momsnr.",
    page: "Side {page} af {pages}",
    units: { kWh: "kWh", month: "md.", day: "dag", kW: "kW", "m³": "m³" } as Record<string, string>,
    minorUnit: { SEK: "öre", DKK: "øre", EUR: "cent" } as Record<Currency, string>,
    majorUnit: { SEK: "kr.", DKK: "kr.", EUR: "€" } as Record<Currency, string>,
    aconto: { next: "Aconto for kommende periode", prepaid: "Fradrag for betalt aconto" },
  },
  fi: {
    invoice: "Lasku",
    creditNote: "Hyvityslasku",
    correctedInvoice: "Oikaisulasku",
    fileStem: "lasku",
    customerNumber: "Asiakasnumero",
    invoiceNumber: "Laskun numero",
    invoiceDate: "Laskun päiväys",
    dueDate: "Eräpäivä",
    period: "Laskutuskausi",
    contract: "Sopimus",
    checkCode: "Mina sidor -tarkistuskoodi",
    installationTitle: "Käyttöpaikka",
    installationName: "Nimi",
    meteringPoint: "Käyttöpaikan tunnus",
    address: "Osoite",
    amountToPay: "Maksettava",
    amountCredited: "Hyvitetään",
    amountToYourCredit: "Hyvitys",
    nothingToPay: "Ei maksettavaa",
    paid: (date: string) => `Maksettu ${date} – kiitos!`,
    paidEarlier: "Maksettu laskun aiemmasta versiosta",
    net: "Veroton summa",
    vat: "ALV",
    total: "Yhteensä (sis. ALV)",
    nextInvoice: "Seuraavan laskun arvioitu eräpäivä",
    paymentTitle: "Maksutiedot",
    seBankgiro: "Bankgiro",
    seOcr: "OCR",
    amount: "Euroa",
    seInstruction: "",
    fiIban: "Saajan tilinumero (IBAN)",
    fiBic: "BIC",
    fiReference: "Viitenumero",
    fiBarcode: "Virtuaaliviivakoodi",
    fiInstruction: "Maksa verkkopankissa viitenumerolla tai lue viivakoodi pankin mobiilisovelluksella.",
    dkPaymentId: "Maksutunnus",
    dkCreditor: "Velkoja",
    dkFiLine: "FI (+71)",
    dkInstruction: "",
    creditNotice: (n: string, p: string) => `Tämä hyvityslasku hyvittää laskun ${n} kaudelta ${p}.`,
    rebillNotice: (n: string, p: string, d: string) =>
      `Tämä oikaisulasku korvaa laskun ${n} kaudelta ${p}, joka on hyvitetty kokonaan. Erotus alkuperäiseen laskuun: ${d}.`,
    acontoTitle: "Tasaus ja ennakko",
    acontoActual: (p: string) => `Toteutunut kulutus ${p}`,
    acontoPrepaid: "Kaudelta maksetut ennakot",
    acontoDifference: "Erotus maksettavaksi (+) tai hyvitykseksi (−)",
    acontoNext: (p: string) => `Ennakko tulevalle kaudelle ${p}`,
    specification: "Erittely",
    columns: { description: "Kuvaus", quantity: "Määrä", unit: "Yks.", unitPrice: "Yksikköhinta", amount: "Summa", vat: "ALV" },
    settlementSection: (p: string) => `Kulutuksen tasaus ${p}`,
    prepaidSection: "Kaudelta maksetut ennakot",
    nextAcontoSection: (p: string | null) => (p ? `Ennakko tulevalle kaudelle ${p}` : "Ennakko tulevalle kaudelle"),
    subtotal: "Yhteensä (veroton)",
    vatTitle: "ALV-erittely",
    vatRow: (rate: string, net: string) => `ALV ${rate} %, veroton ${net}`,
    breakdownTitle: "Laskun jakautuminen",
    categories: { energy: "Energia", transfer: "Siirto ja verkkotariffit", tax: "Verot", fixedFee: "Kiinteät maksut", power: "Tehomaksut", flow: "Virtausmaksu", aconto: "Ennakko", other: "Muut", vat: "ALV" },
    spotNote: (weighted: string, plain: string | null, unit: string) =>
      `Pörssisähkön hinta ${weighted} ${unit} on kulutuksellasi painotettu keskihinta: kunkin tunnin hinta painotettuna sen tunnin kulutuksella.` +
      (plain ? ` Kauden tavallinen keskihinta oli ${plain} ${unit}.` : ""),
    customerService: "Asiakaspalvelu",
    vatNumber: "ALV-tunniste",
    page: "Sivu {page}/{pages}",
    units: { kWh: "kWh", month: "kk", day: "pv", kW: "kW", "m³": "m³" } as Record<string, string>,
    minorUnit: { SEK: "öre", DKK: "øre", EUR: "snt" } as Record<Currency, string>,
    majorUnit: { SEK: "kr", DKK: "kr", EUR: "€" } as Record<Currency, string>,
    aconto: { next: "Ennakko tulevalle kaudelle", prepaid: "Maksettujen ennakoiden vähennys" },
  },
} as const;

type Words = (typeof WORDS)[DocumentLanguage];

/**
 * Line wording per code: the Swedish text `rate.ts` stores (to recognise it and keep its suffix),
 * then Danish and Finnish. The Danish follows the retailer bills of seed 004.
 */
const LINE_TEXT: Readonly<Record<string, { sv: readonly string[]; da: string; fi: string }>> = {
  SUPPLY_MONTHLY_FEE: { sv: ["Månadsavgift", "Grundavgift"], da: "Månedsgebyr", fi: "Perusmaksu" },
  SUPPLY_ENERGY_FIXED: { sv: ["Elenergi, fast pris"], da: "Elenergi, fast pris", fi: "Sähköenergia, kiinteä hinta" },
  SUPPLY_ENERGY_SPOT: {
    sv: ["Elenergi, spotpris (förbrukningsviktat medelpris)"],
    da: "Elenergi, spotpris (forbrugsvægtet gennemsnitspris)",
    fi: "Sähköenergia, pörssihinta (kulutuksella painotettu keskihinta)",
  },
  SUPPLY_MARGIN: { sv: ["Påslag"], da: "Tillæg", fi: "Marginaali" },
  DK_SUPPLY_SUBSCRIPTION: { sv: ["Abonnemang, elhandlare"], da: "Abonnement, elselskab", fi: "Kuukausimaksu, sähkönmyyjä" },
  SE_GRID_FIXED_FEE: { sv: ["Fast avgift, elnät"], da: "Fast afgift, elnet", fi: "Perusmaksu, sähköverkko" },
  SE_GRID_TRANSFER: { sv: ["Överföringsavgift"], da: "Transportbetaling, elnet", fi: "Siirtomaksu" },
  SE_GRID_ENERGY_TAX: { sv: ["Energiskatt"], da: "Energiafgift", fi: "Energiavero" },
  SE_GRID_POWER_FEE: { sv: ["Effektavgift"], da: "Effektbetaling", fi: "Tehomaksu" },
  DK_GRID_TRANSPORT_LOW: { sv: ["Nättariff, lågtid"], da: "Transportbetaling, netselskab – lavlast", fi: "Siirtomaksu, verkkoyhtiö – pienkuormitus" },
  DK_GRID_TRANSPORT_HIGH: { sv: ["Nättariff, höglasttid"], da: "Transportbetaling, netselskab – højlast", fi: "Siirtomaksu, verkkoyhtiö – suurkuormitus" },
  DK_GRID_TRANSPORT_PEAK: {
    sv: ["Nättariff, spetslasttid 17–21"],
    da: "Transportbetaling, netselskab – spidslast 17–21",
    fi: "Siirtomaksu, verkkoyhtiö – huippukuormitus 17–21",
  },
  DK_GRID_SUBSCRIPTION: { sv: ["Abonnemang, nätbolag"], da: "Abonnement, netselskab", fi: "Kuukausimaksu, verkkoyhtiö" },
  DK_ENERGINET_NET_TARIFF: { sv: ["Energinet, nättariff"], da: "Transportbetaling, Energinet – nettarif", fi: "Energinet, verkkotariffi" },
  DK_ENERGINET_SYSTEM_TARIFF: { sv: ["Energinet, systemtariff"], da: "Transportbetaling, Energinet – systemtarif", fi: "Energinet, järjestelmätariffi" },
  DK_ELECTRICITY_TAX: { sv: ["Elskatt (elafgift)"], da: "Elafgift", fi: "Sähkövero" },
  DH_FIXED_FEE: { sv: ["Fast avgift, fjärrvärme"], da: "Fast afgift, fjernvarme", fi: "Perusmaksu, kaukolämpö" },
  DH_ENERGY: { sv: ["Energiavgift"], da: "Energibetaling, fjernvarme", fi: "Energiamaksu, kaukolämpö" },
  DH_POWER: { sv: ["Effektavgift"], da: "Effektbetaling, fjernvarme", fi: "Tehomaksu, kaukolämpö" },
  DH_FLOW: { sv: ["Flödesavgift"], da: "Vandmængdebetaling, fjernvarme", fi: "Virtausmaksu, kaukolämpö" },
};

/** Swedish words that `rate.ts` puts in description suffixes. */
const SUFFIX_WORDS: Readonly<Record<"da" | "fi", readonly [RegExp, string][]>> = {
  da: [[/\bdagar\b/g, "dage"], [/\bvinter\b/g, "vinter"], [/\bsommar\b/g, "sommer"], [/\bvår\b/g, "forår"], [/\bhöst\b/g, "efterår"]],
  fi: [[/\bdagar\b/g, "päivää"], [/\bvinter\b/g, "talvi"], [/\bsommar\b/g, "kesä"], [/\bvår\b/g, "kevät"], [/\bhöst\b/g, "syksy"]],
};

function lineDescription(line: ExplainLine, explained: LineExplanation | undefined, language: DocumentLanguage, w: Words): string {
  const section = explained?.section ?? "regular";
  // The billing run's own Danish text wins: it knows the quarter and the credited invoice.
  if (language === "da" && explained?.texts?.da) return explained.texts.da;
  if (section === "prepaid" || section === "nextAconto") {
    // Aconto lines are named by their role on Danish and Finnish bills; Swedish keeps what is stored.
    if (language === "sv") return line.description;
    return section === "prepaid" ? w.aconto.prepaid : w.aconto.next;
  }
  const text = LINE_TEXT[line.code];
  if (language === "sv" || !text) return line.description;
  const base = text.sv.find((sv) => line.description.startsWith(sv));
  if (base === undefined) return text[language];
  let suffix = line.description.slice(base.length);
  for (const [pattern, word] of SUFFIX_WORDS[language]) suffix = suffix.replace(pattern, word);
  return `${text[language]}${suffix}`;
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** Minor units per unit → major units per unit, exactly ("30000" öre → "300"). */
function minorToMajor(value: string): string {
  return formatFraction(parseDecimal(value, "unit price"), PRICE_SCALE * 100n, 6, "trim");
}

/**
 * Energy and volume prices are quoted in minor units (öre/kWh, snt/kWh, as on Nordic bills);
 * fees per month, day or kW in major units (kr/mån).
 */
function unitPriceText(line: ExplainLine, currency: Currency, w: Words, f: DocumentFormatter): string {
  const unit = w.units[line.unit] ?? line.unit;
  if (line.unit === "kWh") return `${f.decimal(line.unitPriceMinor, 2, 4)} ${w.minorUnit[currency]}/${unit}`;
  return `${f.decimal(minorToMajor(line.unitPriceMinor), 2, 4)} ${w.majorUnit[currency]}/${unit}`;
}

/** A period with an exclusive end, written with its last day: "2026-01-01 – 2026-01-31". */
function periodText(from: string, toExclusive: string, f: DocumentFormatter): string {
  return `${f.date(from)} – ${f.date(addDays(toExclusive, -1))}`;
}

function swedishOcrLine(ocr: string, amountMinor: number, bankgiro: string): string {
  // The Bankgiro payment slip's machine-readable line: reference, kronor and öre with their own
  // Luhn check digit, and the Bankgiro number, closed by the document type 41.
  const kronor = String(Math.trunc(amountMinor / 100));
  const ore = String(amountMinor % 100).padStart(2, "0");
  const amountCheck = luhnCheckDigit(`${kronor}${ore}`);
  return `# ${ocr} #${kronor.padStart(9, " ")} ${ore}   ${amountCheck} >${bankgiro.replace(/\D/g, "").padStart(14, " ")}#41#`;
}

function tryOrNull<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The document

export function buildInvoiceDocument(input: InvoiceDocumentInput): InvoiceDocument {
  const { language, issuer, format: f, invoice, explanation } = input;
  const w: Words = WORDS[language];
  const money = (minor: number) => f.money(minor);
  const creditNote = invoice.kind === "CREDIT_NOTE";
  const rebill = !creditNote && invoice.corrects !== null;
  const title = creditNote ? w.creditNote : rebill ? w.correctedInvoice : w.invoice;
  const due = amountDue(input);
  const toPay = due > 0 && invoice.paidOn === null;

  const recipient = [
    invoice.customer.name,
    ...(invoice.customer.careOf ? [`c/o ${invoice.customer.careOf}`] : []),
    invoice.customer.street,
    `${invoice.customer.postalCode} ${invoice.customer.city}`,
    ...(invoice.customer.country !== issuer.country ? [invoice.customer.country] : []),
  ];

  const facts: DocumentRow[] = [
    { label: w.customerNumber, value: invoice.customer.customerNumber },
    { label: w.invoiceNumber, value: invoice.invoiceNumber },
    { label: w.invoiceDate, value: f.date(invoice.invoiceDate) },
    { label: w.period, value: periodText(invoice.periodStart, invoice.periodEnd, f) },
    ...(creditNote ? [] : [{ label: w.dueDate, value: f.date(invoice.dueDate) }]),
    ...(invoice.contract ? [{ label: w.contract, value: `${invoice.contract.productName} (${invoice.contract.contractNumber})` }] : []),
    ...(invoice.checkCode ? [{ label: w.checkCode, value: invoice.checkCode }] : []),
  ];

  const installation: DocumentRow[] = invoice.installation
    ? [
        ...(invoice.installation.name ? [{ label: w.installationName, value: invoice.installation.name }] : []),
        { label: w.meteringPoint, value: invoice.installation.meteringPointId },
        { label: w.address, value: `${invoice.installation.street}, ${invoice.installation.postalCode} ${invoice.installation.city}` },
      ]
    : [];

  let notice: string | null = null;
  if (invoice.corrects) {
    const p = periodText(invoice.corrects.periodStart, invoice.corrects.periodEnd, f);
    notice = creditNote
      ? w.creditNotice(invoice.corrects.invoiceNumber, p)
      : w.rebillNotice(invoice.corrects.invoiceNumber, p, explanation.correction ? signed(explanation.correction.differenceMinor, money) : "–");
    // Danish amounts end in "kr.": no second full stop after them.
    notice = notice.replace(/\.\.$/, ".");
  }

  const amount: InvoiceDocument["amount"] = {
    label: creditNote ? w.amountCredited : due > 0 ? w.amountToPay : due < 0 ? w.amountToYourCredit : w.nothingToPay,
    value: money(due),
    due: toPay ? { label: w.dueDate, value: f.date(invoice.dueDate) } : null,
    paid: invoice.paidOn ? w.paid(f.date(invoice.paidOn)) : null,
  };

  const summary: DocumentRow[] = [
    { label: w.net, value: money(invoice.netAmountMinor) },
    { label: w.vat, value: money(invoice.vatAmountMinor) },
    { label: w.total, value: money(invoice.totalAmountMinor), strong: true },
  ];
  const paidEarlier = explanation.correction?.paidOnEarlierVersionsMinor;
  if (due !== invoice.totalAmountMinor && paidEarlier) {
    summary.push({ label: w.paidEarlier, value: money(-paidEarlier) }, { label: amount.label, value: money(due), strong: true });
  }

  const a = explanation.aconto;
  const aconto = a
    ? {
        title: w.acontoTitle,
        rows: [
          { label: w.acontoActual(a.settledPeriod ? periodText(a.settledPeriod.from, a.settledPeriod.to, f) : ""), value: money(a.actualAmountMinor) },
          { label: w.acontoPrepaid, value: money(-a.prepaidAmountMinor) },
          { label: w.acontoDifference, value: signed(a.differenceMinor, money), strong: true },
          { label: w.acontoNext(a.nextPeriod ? periodText(a.nextPeriod.from, a.nextPeriod.to, f) : ""), value: money(a.nextAmountMinor) },
        ].map((r) => ({ ...r, label: r.label.trim() })),
      }
    : null;

  const next = explanation.nextInvoice;
  const nextInvoice = next ? { label: w.nextInvoice, value: f.date(next.dueDate) } : null;

  return {
    language,
    fileName: `${w.fileStem}-${invoice.invoiceNumber}.pdf`,
    title,
    issuer: {
      name: issuer.name,
      lines: [`${issuer.street}, ${issuer.postalCode} ${issuer.city}`, `${w.customerService} ${issuer.phone} · ${issuer.email}`, issuer.web],
      footer: `${issuer.name} · ${issuer.street}, ${issuer.postalCode} ${issuer.city} · ${issuer.registration.label} ${issuer.registration.value} · ${w.vatNumber} ${issuer.vatNumber}`,
    },
    recipient,
    facts,
    installationTitle: w.installationTitle,
    installation,
    notice,
    amount,
    summary,
    breakdown:
      a || creditNote
        ? null
        : { title: w.breakdownTitle, rows: explanation.breakdown.map((b) => ({ label: w.categories[b.category], value: money(b.amountMinor) })) },
    aconto,
    nextInvoice,
    payment: toPay ? paymentBlock(input, w) : null,
    specification: specification(input, w),
    pageLabel: w.page,
    metadataTitle: `${title} ${invoice.invoiceNumber}`,
  };
}

/**
 * What the customer pays: the total, except for a re-billed period where the billing run counted
 * payments made on the earlier version (to pay what is left, or to get the surplus back).
 */
function amountDue(input: InvoiceDocumentInput): number {
  const c = input.explanation.correction;
  if (c?.role !== "rebill" || c.toPayMinor === null) return input.invoice.totalAmountMinor;
  return c.toRefundMinor ? -c.toRefundMinor : c.toPayMinor;
}

function signed(minor: number, money: (m: number) => string): string {
  return minor > 0 ? `+${money(minor)}` : money(minor);
}

function paymentBlock(input: InvoiceDocumentInput, w: Words): PaymentBlock {
  const { issuer, invoice, format: f } = input;
  const toPay = amountDue(input);
  const amount = { label: w.amount, value: f.money(toPay) };
  const due = { label: w.dueDate, value: f.date(invoice.dueDate) };
  const reference = invoice.paymentReference;
  switch (issuer.payment.market) {
    case "SE": {
      const bankgiro = issuer.payment.bankgiro;
      return {
        market: "SE",
        title: w.paymentTitle,
        rows: [{ label: w.seBankgiro, value: bankgiro }, { label: w.seOcr, value: reference, strong: true }, amount, due],
        instruction: w.seInstruction,
        ocrLine: isValidSwedishOcr(reference) ? swedishOcrLine(reference.replace(/\s/g, ""), toPay, bankgiro) : null,
      };
    }
    case "FI": {
      const { iban, bic } = issuer.payment;
      return {
        market: "FI",
        title: w.paymentTitle,
        rows: [{ label: w.fiIban, value: iban }, { label: w.fiBic, value: bic }, { label: w.fiReference, value: groupReference(reference), strong: true }, amount, due],
        instruction: w.fiInstruction,
        barcodeLabel: w.fiBarcode,
        // An amount the bar code cannot hold is written as zeros by finnishVirtualBarcode itself.
        barcode: tryOrNull(() => finnishVirtualBarcode({ iban, amountCents: toPay, reference, dueDate: invoice.dueDate })),
      };
    }
    case "DK": {
      const { creditorNumber } = issuer.payment;
      return {
        market: "DK",
        title: w.paymentTitle,
        rows: [{ label: w.dkPaymentId, value: reference, strong: true }, { label: w.dkCreditor, value: creditorNumber }, amount, due],
        instruction: w.dkInstruction,
        fiLabel: w.dkFiLine,
        fiLine: tryOrNull(() => danishFiLine({ paymentId: reference, creditorNumber })),
      };
    }
  }
}

/** Finnish references are printed in groups of five from the right ("12 34561"). */
function groupReference(reference: string): string {
  if (/^RF/i.test(reference)) return reference.replace(/(.{4})(?=.)/g, "$1 ");
  const digits = reference.replace(/\s/g, "");
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 5) groups.unshift(digits.slice(Math.max(0, end - 5), end));
  return groups.join(" ");
}

function specification(input: InvoiceDocumentInput, w: Words): InvoiceDocument["specification"] {
  const { invoice, format: f, language, explanation } = input;
  const explained = new Map(explanation.lines.map((l) => [l.position, l]));
  const sectionOf = (line: ExplainLine): LineSection => explained.get(line.position)?.section ?? "regular";
  const quarterly = invoice.lines.some((l) => sectionOf(l) !== "regular");
  const row = (line: ExplainLine): SpecificationRow => ({
    description: lineDescription(line, explained.get(line.position), language, w),
    quantity: f.decimal(line.quantity, 0, 4),
    unit: w.units[line.unit] ?? line.unit,
    unitPrice: unitPriceText(line, invoice.currency, w, f),
    amount: f.money(line.amountMinor),
    vat: `${f.decimal(line.vatRate, 0, 2)} %`,
  });

  const sections: SpecificationSection[] = [];
  if (!quarterly) {
    sections.push({ title: null, rows: invoice.lines.map(row), subtotal: null });
  } else {
    const a = explanation.aconto;
    const settled = a?.settledPeriod ?? { from: invoice.periodStart, to: invoice.periodEnd };
    const groups: { section: LineSection; title: string }[] = [
      { section: "settlement", title: w.settlementSection(periodText(settled.from, settled.to, f)) },
      { section: "prepaid", title: w.prepaidSection },
      { section: "nextAconto", title: w.nextAcontoSection(a?.nextPeriod ? periodText(a.nextPeriod.from, a.nextPeriod.to, f) : null) },
    ];
    for (const g of groups) {
      const lines = invoice.lines.filter((l) => sectionOf(l) === g.section);
      if (!lines.length) continue;
      sections.push({
        title: g.title,
        rows: lines.map(row),
        subtotal: { label: w.subtotal, value: f.money(lines.reduce((s, l) => s + l.amountMinor, 0)) },
      });
    }
  }

  return {
    title: w.specification,
    columns: { ...w.columns },
    sections,
    notes: explanation.spot.map((spot) =>
      w.spotNote(f.decimal(spot.weightedAverage, 2, 2), spot.plainAverage === null ? null : f.decimal(spot.plainAverage, 2, 2), `${w.minorUnit[invoice.currency]}/kWh`),
    ),
    vatTitle: w.vatTitle,
    vatRows: explanation.vat.map((v) => ({ label: w.vatRow(f.decimal(v.ratePercent, 0, 2), f.money(v.netMinor)), value: f.money(v.vatMinor) })),
    totals: [
      { label: w.net, value: f.money(invoice.netAmountMinor) },
      { label: w.vat, value: f.money(invoice.vatAmountMinor) },
      { label: w.total, value: f.money(invoice.totalAmountMinor), strong: true },
    ],
  };
}
