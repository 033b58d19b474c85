import { describe, expect, it } from "vitest";
import { acceptsEach, refusesEach, returnsEach } from "../../../tests/support/cases";
import { parseDanishCpr, parseDanishCvr } from "./danish";

// The century table reaches 2057; read it from a day when all of it is past.
const AFTER_2057 = new Date(Date.UTC(2060, 0, 1));
const cprValue = (input: string, birthDate: string) => ({ normalized: input.replace("-", ""), birthDate });

describe("parseDanishCpr – valid", () => {
  acceptsEach(parseDanishCpr, [
    ["010180-1234", "0101801234", "1980-01-01"],
    ["0101801234", "0101801234", "1980-01-01"],
    [" 010180-1234 ", "0101801234", "1980-01-01"],
    // Mod 11 is not required: 0101801234 has weighted sum 78 ≡ 1 (mod 11).
    ["070761-4285", "0707614285", "1961-07-07"],
  ], (_input, normalized, birthDate) => ({ normalized, birthDate }));

  const birthDateAfter2057 = (input: string) => {
    const result = parseDanishCpr(input, AFTER_2057);
    return result.ok && result.value.birthDate;
  };

  returnsEach(birthDateAfter2057, [
    // First serial digit 0–3: always 1900s.
    ["010100-0000", "1900-01-01"],
    ["010136-3999", "1936-01-01"],
    ["311299-2000", "1999-12-31"],
    // 4 and 9: 2000s up to yy 36, 1900s from 37.
    ["010136-4000", "2036-01-01"],
    ["010137-4000", "1937-01-01"],
    ["010136-9000", "2036-01-01"],
    ["010137-9999", "1937-01-01"],
    // 5–8: 2000s up to yy 57, 1800s from 58.
    ["010157-5000", "2057-01-01"],
    ["010158-5000", "1858-01-01"],
    ["010100-6000", "2000-01-01"],
    ["010199-7000", "1899-01-01"],
    ["010157-8999", "2057-01-01"],
    ["010158-8999", "1858-01-01"],
  ], "%j is born %s");
});

describe("parseDanishCpr – leap days", () => {
  acceptsEach((input) => parseDanishCpr(input, AFTER_2057), [
    ["290200-4000", "2000-02-29"],
    ["290200-5000", "2000-02-29"],
    ["290296-5000", "1896-02-29"],
    ["290256-5000", "2056-02-29"],
    ["290204-0000", "1904-02-29"],
  ], cprValue, "%j is valid (%s)");

  refusesEach(parseDanishCpr, {
    // 1900 is not a leap year; the century digit decides.
    date: ["290200-0000", "290200-3999", "290201-4000", "290258-5000"],
  });
});

describe("parseDanishCpr – invalid", () => {
  refusesEach(parseDanishCpr, {
    date: ["300280-1234", "011380-1234", "001380-1234", "000180-1234", "320180-1234", "310480-1234", "010080-1234"],
    empty: ["", "  "],
    format: ["010180 1234", "010180-123", "01018012345", "010180+1234", "01-01-80-1234", "O10180-1234", "19800101-1234"],
  });
});

describe("parseDanishCpr – birth date in the future", () => {
  const today = new Date(Date.UTC(2026, 11, 4, 12));
  const cprToday = (input: string) => parseDanishCpr(input, today);

  refusesEach(cprToday, {
    // 4 and 5–8 put yy 36 and 57 in the 2000s (born 2036-01-01, 2057-01-01, 2027-01-05):
    // not born yet in 2026; the last is born tomorrow.
    date: ["010136-4000", "010157-5000", "050127-6000", "051226-4000"],
  });

  // Today and yesterday are birth dates.
  acceptsEach(cprToday, [
    ["041226-4000", "2026-12-04"],
    ["031226-5000", "2026-12-03"],
  ], cprValue, "accepts %j (born %s)");

  it("reads today in UTC", () => {
    // 23:30 UTC on 4 Dec is already 5 Dec in Copenhagen; UTC decides.
    expect(parseDanishCpr("051226-4000", new Date(Date.UTC(2026, 11, 4, 23, 30)))).toEqual({ ok: false, reason: "date" });
  });

  it("has no excluded serial: 0000 is a serial like any other", () => {
    expect(parseDanishCpr("010180-0000", today)).toMatchObject({ ok: true });
  });
});

describe("parseDanishCvr", () => {
  acceptsEach(parseDanishCvr, [
    // 1·2 + 3·7 + 5·6 + 8·5 + 5·4 + 6·3 + 2·2 + 8·1 = 143 = 13·11
    ["13585628", "13585628"],
    ["10150817", "10150817"],
    ["25313763", "25313763"],
    ["DK13585628", "13585628"],
    ["dk13585628", "13585628"],
    ["DK 13 58 56 28", "13585628"],
    [" 1358 5628 ", "13585628"],
  ], (_input, normalized) => ({ normalized }));

  refusesEach(parseDanishCvr, {
    checksum: ["13585627", "13585629", "31585628", "DK13585627"],
    // "00000000" passes mod 11 (sum 0) but a CVR never starts with 0.
    format: ["00000000", "1358562", "135856280", "DK-13585628", "SE13585628", "13585628DK", "1358-5628", "1358562A"],
    empty: ["", "   "],
  });
});
