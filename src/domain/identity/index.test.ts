import { describe, expect, it } from "vitest";
import {
  formatNationalId,
  maskNationalId,
  parseAnyNationalId,
  parseNationalId,
  type Market,
  type NationalIdScheme,
} from "./index";
import { acceptsEach, refusesEach, returnsEach } from "../../../tests/support/cases";

const TODAY = new Date(Date.UTC(2025, 5, 15, 12));

describe("parseNationalId", () => {
  it.each([
    ["SE", "811218-9876", "198112189876", "PRIVATE", "SE_PERSONNUMMER"],
    ["SE", "701063-2391", "197010632391", "PRIVATE", "SE_SAMORDNINGSNUMMER"],
    ["SE", "556036-0793", "5560360793", "COMPANY", "SE_ORGANISATIONSNUMMER"],
    ["SE", "165560360793", "5560360793", "COMPANY", "SE_ORGANISATIONSNUMMER"],
    ["SE", "121212-1212", "201212121212", "PRIVATE", "SE_PERSONNUMMER"],
    ["DK", "010180-1234", "0101801234", "PRIVATE", "DK_CPR"],
    ["DK", "DK 13585628", "13585628", "COMPANY", "DK_CVR"],
    ["FI", "131052-308T", "131052-308T", "PRIVATE", "FI_HETU"],
    ["FI", "010594y123w", "010594Y123W", "PRIVATE", "FI_HETU"],
    ["FI", "0737546-2", "0737546-2", "COMPANY", "FI_YTUNNUS"],
    ["FI", "737546-2", "0737546-2", "COMPANY", "FI_YTUNNUS"],
  ] as const)("%s %j → %s (%s, %s)", (market, input, normalized, kind, scheme) => {
    expect(parseNationalId(market, input, TODAY)).toEqual({
      ok: true,
      value: { normalized, kind, scheme },
    });
  });

  it("passes today through for the Swedish century", () => {
    const result = parseNationalId("SE", "121212-1212", new Date(Date.UTC(2010, 0, 1)));
    expect(result.ok && result.value.normalized).toBe("191212121212");
  });

  it.each([
    ["SE", "811218-9875", "checksum"],
    ["SE", "556036-0794", "checksum"],
    ["SE", "800230-1235", "date"],
    ["SE", "13585628", "format"],
    ["SE", "131052-308T", "format"],
    ["SE", "", "empty"],
    ["DK", "13585627", "checksum"],
    ["DK", "320180-1234", "date"],
    // Read as a CPR, day 81 does not exist.
    ["DK", "811218-9876", "date"],
    ["DK", "0737546-2", "format"],
    ["DK", "hello", "format"],
    ["DK", " ", "empty"],
    ["FI", "131052-308U", "checksum"],
    ["FI", "0737546-3", "checksum"],
    ["FI", "300252-308A", "date"],
    ["FI", "010594Y9032", "unsupported"],
    ["FI", "13585628", "format"],
    // Has the hetu shape, so the (impossible) date is the reason.
    ["FI", "556036-0793", "date"],
    ["FI", "556036-079", "format"],
    ["FI", "", "empty"],
  ] as const)("%s %j → %s", (market, input, reason) => {
    expect(parseNationalId(market, input, TODAY)).toEqual({ ok: false, reason });
  });

  it.each([
    // Every market refuses a birth date after today (2025-06-15); the Swedish
    // 10-digit form steps back a century instead, so the explicit one is used.
    ["SE", "20250616-1237", "date"],
    ["DK", "160625-4000", "date"],
    ["FI", "160625A123K", "date"],
    // Birth numbers that are never issued.
    ["SE", "811218-0008", "serial"],
    ["FI", "010101-000P", "serial"],
    // An organisationsnummer in a group that does not exist.
    ["SE", "412345-6784", "group"],
  ] as const)("%s %j → %s with today passed through", (market, input, reason) => {
    expect(parseNationalId(market, input, new Date(Date.UTC(2025, 5, 15, 12)))).toEqual({ ok: false, reason });
  });

  it("rejects an unknown market coming from untyped data", () => {
    const market = "NO" as Market;
    expect(parseNationalId(market, "811218-9876", TODAY)).toEqual({
      ok: false,
      reason: "unsupported",
    });
  });
});

describe("parseAnyNationalId", () => {
  const anyToday = (input: string) => parseAnyNationalId(input, TODAY);

  acceptsEach(anyToday, [
    ["811218-9876", "SE", "198112189876", "PRIVATE", "SE_PERSONNUMMER"],
    ["19121212-1212", "SE", "191212121212", "PRIVATE", "SE_PERSONNUMMER"],
    ["701063-2391", "SE", "197010632391", "PRIVATE", "SE_SAMORDNINGSNUMMER"],
    ["556036-0793", "SE", "5560360793", "COMPANY", "SE_ORGANISATIONSNUMMER"],
    // Fails the Swedish Luhn check, so the Danish reading wins.
    ["010180-1234", "DK", "0101801234", "PRIVATE", "DK_CPR"],
    ["13585628", "DK", "13585628", "COMPANY", "DK_CVR"],
    ["DK13585628", "DK", "13585628", "COMPANY", "DK_CVR"],
    ["131052-308T", "FI", "131052-308T", "PRIVATE", "FI_HETU"],
    ["010120A002N", "FI", "010120A002N", "PRIVATE", "FI_HETU"],
    ["0737546-2", "FI", "0737546-2", "COMPANY", "FI_YTUNNUS"],
  ], (_input, market, normalized, kind, scheme) => ({ normalized, kind, scheme, market }), "%j → %s %s");

  it("reports an id valid in both SE and DK as Swedish (SE is tried first)", () => {
    // Also a well-formed CPR (1980-01-01), but Luhn-valid as a samordningsnummer.
    expect(parseAnyNationalId("010180-1231", TODAY)).toEqual({
      ok: true,
      value: {
        normalized: "200101801231",
        kind: "PRIVATE",
        scheme: "SE_SAMORDNINGSNUMMER",
        market: "SE",
      },
    });
  });

  refusesEach(anyToday, [
    // The first market that recognised the shape supplies the reason.
    ["811218-9875", "checksum"],
    ["556036-0794", "checksum"],
    ["13585627", "checksum"],
    ["131052-308U", "checksum"],
    ["0737546-3", "checksum"],
    ["300252-308A", "date"],
    ["010594Y9032", "unsupported"],
    ["hello", "format"],
    ["12345", "format"],
    ["", "empty"],
    ["   ", "empty"],
  ]);

  it.each([
    "811218-9876",
    "701063-2391",
    "556036-0793",
    "010180-1234",
    "13585628",
    "131052-308T",
    "010594Y123W",
    "0737546-2",
  ])("%j survives format → parse unchanged", (input) => {
    const first = parseAnyNationalId(input, TODAY);
    if (!first.ok) throw new Error(`expected ${input} to parse, got ${first.reason}`);
    const formatted = formatNationalId(first.value.normalized, first.value.scheme);
    expect(parseNationalId(first.value.market, formatted, TODAY)).toEqual({
      ok: true,
      value: {
        normalized: first.value.normalized,
        kind: first.value.kind,
        scheme: first.value.scheme,
      },
    });
  });
});

describe("formatNationalId", () => {
  it.each([
    ["198112189876", "SE_PERSONNUMMER", "19811218-9876"],
    ["197010632391", "SE_SAMORDNINGSNUMMER", "19701063-2391"],
    ["5560360793", "SE_ORGANISATIONSNUMMER", "556036-0793"],
    ["0101801234", "DK_CPR", "010180-1234"],
    ["13585628", "DK_CVR", "13585628"],
    ["131052-308T", "FI_HETU", "131052-308T"],
    ["010120A002N", "FI_HETU", "010120A002N"],
    ["0737546-2", "FI_YTUNNUS", "0737546-2"],
  ] as const)("%s as %s → %s", (normalized, scheme, expected) => {
    expect(formatNationalId(normalized, scheme)).toBe(expected);
  });

  it.each([
    // Not in the scheme's normalized shape: returned untouched.
    ["5560360793", "SE_PERSONNUMMER"],
    ["811218-9876", "SE_PERSONNUMMER"],
    ["8112189876", "SE_ORGANISATIONSNUMMER"],
    ["010180-1234", "DK_CPR"],
    ["DK13585628", "DK_CVR"],
    ["07375462", "FI_YTUNNUS"],
  ] as const)("leaves %j unchanged for %s", (normalized, scheme) => {
    expect(formatNationalId(normalized, scheme)).toBe(normalized);
  });
});

describe("maskNationalId", () => {
  returnsEach(maskNationalId, [
    ["198001011234", "19800101-****"],
    ["197010632391", "19701063-****"],
    ["5566778899", "556677-8899"],
    ["5560360793", "556036-0793"],
    ["0101801234", "010180-****"],
    ["13585628", "13585628"],
    ["12345678", "12345678"],
    ["131052-308T", "131052-****"],
    ["010120A002N", "010120A****"],
    ["1234567-8", "1234567-8"],
    ["0737546-2", "0737546-2"],
  ], "infers the scheme of %s → %s");

  it.each([
    ["198112189876", "SE_PERSONNUMMER", "19811218-****"],
    ["197010632391", "SE_SAMORDNINGSNUMMER", "19701063-****"],
    ["5560360793", "SE_ORGANISATIONSNUMMER", "556036-0793"],
    // An explicit scheme wins over the shape-based guess.
    ["5560360793", "DK_CPR", "556036-****"],
    ["13585628", "DK_CVR", "13585628"],
    ["131052-308T", "FI_HETU", "131052-****"],
    ["0737546-2", "FI_YTUNNUS", "0737546-2"],
  ] as const)("%s as %s → %s", (normalized, scheme, expected) => {
    expect(maskNationalId(normalized, scheme satisfies NationalIdScheme)).toBe(expected);
  });

  it("masks a hetu-shaped string as a hetu even if it was meant as Swedish", () => {
    // Not a normalized form of any scheme, but the serial still must not leak.
    expect(maskNationalId("811218-9876")).toBe("811218-****");
  });

  it.each([
    ["abc", undefined, "***"],
    ["19811218-9876", undefined, "*************"],
    ["", undefined, ""],
    ["12345678", "SE_PERSONNUMMER", "********"],
    ["0101801234", "SE_ORGANISATIONSNUMMER", "**********"],
  ] as const)("masks unrecognised %j completely", (normalized, scheme, expected) => {
    expect(maskNationalId(normalized, scheme)).toBe(expected);
  });
});
