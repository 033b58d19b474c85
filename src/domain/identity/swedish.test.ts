import { describe, expect, it } from "vitest";
import {
  parseSwedishCustomerId,
  parseSwedishOrganisationsnummer,
  parseSwedishPersonnummer,
} from "./swedish";
import { acceptsEach, refusesEach, returnsEach } from "../../../tests/support/cases";
import { luhnCheckDigit } from "./luhn";

// A fixed "today" keeps century resolution deterministic: 2025-06-15 (UTC).
const TODAY = new Date(Date.UTC(2025, 5, 15, 12));
const personnummerToday = (input: string) => parseSwedishPersonnummer(input, TODAY);
const personnummerValue = (kind: "personnummer" | "samordningsnummer") => (_input: string, normalized: string, birthDate: string) => ({ normalized, kind, birthDate });

describe("parseSwedishPersonnummer – valid", () => {
  acceptsEach(personnummerToday, [
    ["19121212-1212", "191212121212", "1912-12-12"],
    ["191212121212", "191212121212", "1912-12-12"],
    ["121212-1212", "201212121212", "2012-12-12"],
    ["121212+1212", "191212121212", "1912-12-12"],
    ["1212121212", "201212121212", "2012-12-12"],
    ["811218-9876", "198112189876", "1981-12-18"],
    ["8112189876", "198112189876", "1981-12-18"],
    ["198112189876", "198112189876", "1981-12-18"],
    ["19811218-9876", "198112189876", "1981-12-18"],
    ["  811218-9876\t", "198112189876", "1981-12-18"],
    ["800101-1231", "198001011231", "1980-01-01"],
  ], personnummerValue("personnummer"));

  it("defaults today to the current date", () => {
    // Explicit century, so the result does not depend on the real clock.
    expect(parseSwedishPersonnummer("19811218-9876")).toEqual({
      ok: true,
      value: { normalized: "198112189876", kind: "personnummer", birthDate: "1981-12-18" },
    });
  });
});

describe("parseSwedishPersonnummer – samordningsnummer", () => {
  acceptsEach(personnummerToday, [
    // Skatteverket's example: born 1970-10-03, day 03 + 60 = 63.
    ["701063-2391", "197010632391", "1970-10-03"],
    ["197010632391", "197010632391", "1970-10-03"],
    // Day 80 → the 20th; yy 01 resolves to 2001.
    ["010180-1231", "200101801231", "2001-01-20"],
    // yy 32 is in the future in 2025, so the 1900s are chosen.
    ["320180-1234", "193201801234", "1932-01-20"],
  ], personnummerValue("samordningsnummer"), "%j → %s (%s)");

  refusesEach(personnummerToday, {
    // Luhn-valid, so only the date can be the reason: 30 Feb + 60; day 60 = day 0;
    // day 32 (neither a day nor day + 60).
    date: ["800290-1232", "800160-1239", "800132-1234"],
  });
});

describe("parseSwedishPersonnummer – century of the 10-digit form", () => {
  const normalizedToday = (input: string) => {
    const result = personnummerToday(input);
    return result.ok && result.value.normalized;
  };

  returnsEach(normalizedToday, [
    // Birthday is today: age 0, 2025.
    ["250615-1238", "202506151238"],
    // Birthday tomorrow would be in the future in 2025, so 1925 (age 99).
    ["250616-1237", "192506161237"],
    // "+" from the year the person turns 100 (Folkbokföringslagen 18 §): born
    // in 1925 or earlier, so 1925 also before the birthday (was read as 1825).
    ["250615+1238", "192506151238"],
    ["250616+1237", "192506161237"],
    ["811218+9876", "188112189876"],
  ]);

  it("reads today in UTC", () => {
    // 2025-06-15T23:30 in UTC is already the 16th in Stockholm; UTC decides.
    const lateEvening = new Date(Date.UTC(2025, 5, 15, 23, 30));
    const result = parseSwedishPersonnummer("250616-1237", lateEvening);
    expect(result.ok && result.value.normalized).toBe("192506161237");
  });

  it("moves with the reference date", () => {
    const result = parseSwedishPersonnummer("121212-1212", new Date(Date.UTC(2010, 0, 1)));
    expect(result.ok && result.value.normalized).toBe("191212121212");
  });
});

describe("parseSwedishPersonnummer – \"+\" from the year the person turns 100", () => {
  // Folkbokföringslagen 18 §: the hyphen becomes "+" in the calendar year the
  // person turns 100, so the birthday need not have passed.
  const at = (iso: string) => new Date(iso);

  it.each([
    // Born 1926: in 2026 they turn 100, before or after the birthday.
    ["260101+1238", "2026-06-15T12:00:00Z", "192601011238"],
    ["261201+1235", "2026-06-15T12:00:00Z", "192612011235"],
    ["261231+1239", "2026-01-01T00:00:00Z", "192612311239"],
    // The birthday itself and the day after.
    ["260615+1237", "2026-06-15T12:00:00Z", "192606151237"],
    ["260616+1236", "2026-06-15T12:00:00Z", "192606161236"],
  ])("%j on %s is born %s", (input, today, normalized) => {
    const result = parseSwedishPersonnummer(input, at(today));
    expect(result.ok && result.value.normalized).toBe(normalized);
  });

  it("changes century at the turn of the year, not on the birthday", () => {
    // On New Year's Eve 2026 someone born 1 Jan 1927 is 99 and turns 100
    // only next year, so "+" can only be someone born in 1827…
    expect(parseSwedishPersonnummer("270101+1237", at("2026-12-31T23:59:59Z"))).toMatchObject({ ok: true, value: { normalized: "182701011237" } });
    // …and from 1 January 2027 it is the person born in 1927.
    expect(parseSwedishPersonnummer("270101+1237", at("2027-01-01T00:00:00Z"))).toMatchObject({ ok: true, value: { normalized: "192701011237" } });
  });

  it("reads \"-\" as the most recent birth date that is not in the future", () => {
    // 1 Jan 2027 is tomorrow on New Year's Eve: age 99; on the day itself a newborn.
    expect(parseSwedishPersonnummer("270101-1237", at("2026-12-31T23:59:59Z"))).toMatchObject({ ok: true, value: { normalized: "192701011237" } });
    expect(parseSwedishPersonnummer("270101-1237", at("2027-01-01T00:00:00Z"))).toMatchObject({ ok: true, value: { normalized: "202701011237" } });
    // A "-" for someone turning 100 later this year has only one reading.
    expect(parseSwedishPersonnummer("261201-1235", at("2026-06-15T12:00:00Z"))).toMatchObject({ ok: true, value: { normalized: "192612011235" } });
  });

  it("uses the current date when no date is given", () => {
    // Someone who turns 100 on 31 December of the current year writes "+" all year.
    const year = new Date().getUTCFullYear() - 100;
    const tenDigits = `${String(year % 100).padStart(2, "0")}1231123`;
    const input = `${tenDigits.slice(0, 6)}+${tenDigits.slice(6)}${luhnCheckDigit(tenDigits)}`;
    const result = parseSwedishPersonnummer(input);
    expect(result.ok && result.value.birthDate).toBe(`${year}-12-31`);
  });
});

describe("parseSwedishPersonnummer – birth number", () => {
  refusesEach(personnummerToday, {
    // Birth number 000 is never issued; these are Luhn-correct, so only it can be the reason.
    serial: ["811218-0008", "8112180008", "19811218-0008", "701063-0007", "260101+0008"],
  });

  it("accepts the lowest birth number, 001", () => {
    expect(parseSwedishPersonnummer("19811218-0016", TODAY)).toMatchObject({ ok: true });
  });
});

describe("parseSwedishPersonnummer – leap days", () => {
  acceptsEach(personnummerToday, [
    ["000229-1235", "200002291235", "2000-02-29"],
    ["200002291235", "200002291235", "2000-02-29"],
    ["040229-1231", "200402291231", "2004-02-29"],
  ], personnummerValue("personnummer"), "%j is a valid leap day");

  refusesEach(personnummerToday, {
    // 1900 is not a leap year (divisible by 100, not by 400).
    date: ["000229+1235", "190002291235", "050229-1230"],
  });
});

describe("parseSwedishPersonnummer – invalid", () => {
  refusesEach(personnummerToday, {
    // Each date case carries a correct Luhn digit so the reason is unambiguous; the last one is
    // an explicit century in the future.
    date: ["800230-1235", "801301-1237", "800100-1232", "300030-1238", "20300101-1232"],
    checksum: ["811218-9875", "811218-9877", "19811218-9875", "121212-1213"],
    empty: ["", "   "],
    // The last: "+" with an explicit century is contradictory.
    format: ["811218 9876", "811218--9876", "811218/9876", "81121-89876", "811218-987", "811218-98765", "81121898765", "1981121898765", "811218-987X", "abcdef-ghij", "19811218+9876"],
  });
});

describe("parseSwedishOrganisationsnummer", () => {
  acceptsEach(parseSwedishOrganisationsnummer, [
    ["556036-0793", "5560360793"],
    ["5560360793", "5560360793"],
    ["165560360793", "5560360793"],
    ["16556036-0793", "5560360793"],
    ["  556036-0793 ", "5560360793"],
    ["556677-8899", "5566778899"],
    ["212000-0142", "2120000142"],
  ], (_input, normalized) => ({ normalized, kind: "organisationsnummer" }));

  refusesEach(parseSwedishOrganisationsnummer, {
    checksum: ["556036-0794", "5560360790", "165560360794"],
    // The first two: third digit < 2 is a personnummer-like month; both pass Luhn.
    format: ["811218-9876", "5510360794", "175560360793", "198112189876", "556036-079", "556036_0793", "556036+0793", "556036 0793", "SE556036079301"],
    empty: [""],
  });
});

describe("parseSwedishOrganisationsnummer – group number (first digit)", () => {
  it.each([
    ["162000-0008", "1 dödsbo"],
    ["212000-0142", "2 kommun (Stockholms stad)"],
    ["302000-0000", "3 utländskt företag"],
    ["502000-0005", "5 aktiebolag"],
    ["602000-0003", "6 enkelt bolag"],
    ["702000-0001", "7 ekonomisk förening"],
    ["802000-0009", "8 ideell förening"],
    ["902000-0007", "9 handelsbolag"],
  ])("accepts %j (%s)", (input) => {
    expect(parseSwedishOrganisationsnummer(input)).toMatchObject({ ok: true });
  });

  it.each([
    // Luhn-correct and digits 3–4 ≥ 20, so only the group can be wrong.
    ["412345-6784"],
    ["012345-6782"],
    ["164123456784"],
  ])("refuses %j: groups 0 and 4 are not used", (input) => {
    expect(parseSwedishOrganisationsnummer(input)).toEqual({ ok: false, reason: "group" });
    expect(parseSwedishCustomerId(input, TODAY)).toEqual({ ok: false, reason: "group" });
  });
});

describe("parseSwedishCustomerId", () => {
  it("prefers the organisationsnummer", () => {
    expect(parseSwedishCustomerId("556036-0793", TODAY)).toEqual({
      ok: true,
      value: { normalized: "5560360793", kind: "organisationsnummer" },
    });
  });

  it("falls back to personnummer (sole trader)", () => {
    expect(parseSwedishCustomerId("811218-9876", TODAY)).toEqual({
      ok: true,
      value: { normalized: "198112189876", kind: "personnummer", birthDate: "1981-12-18" },
    });
  });

  it("recognises a samordningsnummer", () => {
    expect(parseSwedishCustomerId("701063-2391", TODAY)).toEqual({
      ok: true,
      value: { normalized: "197010632391", kind: "samordningsnummer", birthDate: "1970-10-03" },
    });
  });

  it("passes today through to the personnummer parser", () => {
    const result = parseSwedishCustomerId("121212-1212", new Date(Date.UTC(2010, 0, 1)));
    expect(result.ok && result.value.normalized).toBe("191212121212");
  });

  refusesEach((input) => parseSwedishCustomerId(input, TODAY), { checksum: ["556036-0794", "811218-9875"], date: ["800230-1235"], format: ["hello"], empty: [""] });
});
