import { describe } from "vitest";
import { acceptsEach, refusesEach } from "../../../tests/support/cases";
import { parseFinnishHenkilotunnus, parseFinnishYTunnus } from "./finnish";

const hetuValue = (input: string, birthDate: string) => ({ normalized: input.toUpperCase(), birthDate });

describe("parseFinnishHenkilotunnus – valid", () => {
  acceptsEach(parseFinnishHenkilotunnus, [
    // 131052308 mod 31 = 25 → "T"
    ["131052-308T", "131052-308T", "1952-10-13"],
    ["131052-308t", "131052-308T", "1952-10-13"],
    ["  131052-308T ", "131052-308T", "1952-10-13"],
    // 1800s: 010101123 mod 31 → "N"
    ["010101+123N", "010101+123N", "1801-01-01"],
    ["311299-8997", "311299-8997", "1999-12-31"],
    ["010120A899L", "010120A899L", "2020-01-01"],
  ], (_input, normalized, birthDate) => ({ normalized, birthDate }));

  acceptsEach(parseFinnishHenkilotunnus, [
    // The 2023 reform's extra 1900s signs share the check character of "-".
    // 010594123 mod 31 → "W"; 010594124 → "X"; 010594002 → "0"
    ["010594Y123W", "1994-05-01"],
    ["010594X124X", "1994-05-01"],
    ["010594W0020", "1994-05-01"],
    ["010594V123W", "1994-05-01"],
    ["010594U124X", "1994-05-01"],
    ["010594-123W", "1994-05-01"],
    ["010594y123w", "1994-05-01"],
    // 2000s signs A–F: 010120002 mod 31 → "N"
    ["010120A002N", "2020-01-01"],
    ["010120B002N", "2020-01-01"],
    ["010120C002N", "2020-01-01"],
    ["010120D002N", "2020-01-01"],
    ["010120E002N", "2020-01-01"],
    ["010120F002N", "2020-01-01"],
    ["010120f002n", "2020-01-01"],
  ], hetuValue, "%j is born %s");
});

describe("parseFinnishHenkilotunnus – leap days", () => {
  acceptsEach(parseFinnishHenkilotunnus, [
    // 290200123 mod 31 → "9"
    ["290200A1239", "2000-02-29"],
    // 290204123 mod 31 → "A"
    ["290204-123A", "1904-02-29"],
    ["290204B123A", "2004-02-29"],
  ], hetuValue, "%j is valid (%s)");

  refusesEach(parseFinnishHenkilotunnus, {
    // 1900 and 1800 are not leap years; the last is 2001 (290201123 mod 31 → "J").
    date: ["290200-1239", "290200Y1239", "290200+1239", "290201A123J"],
  });
});

describe("parseFinnishHenkilotunnus – invalid", () => {
  refusesEach(parseFinnishHenkilotunnus, [
    // Check characters below are correct so that only the named rule fails.
    ["300252-308A", "date"],
    ["131352-3087", "date"],
    ["000152-3085", "date"],
    // Individual numbers 000 and 001 are never issued.
    ["010101-000P", "serial"],
    ["010101-001R", "serial"],
    // 900–999 are temporary ids. The DVV examples 010594Y9032/010594Y9021
    // have correct check characters but fall in this range.
    ["010194-900R", "unsupported"],
    ["010194-999X", "unsupported"],
    ["010594Y9032", "unsupported"],
    ["010594Y9021", "unsupported"],
    ["131052-308U", "checksum"],
    ["131052-308S", "checksum"],
    // A 2000s sign with a wrong check character (010120A002 → "N").
    ["010120A002M", "checksum"],
    // "G" is not in the check alphabet; it can never match.
    ["131052-308G", "checksum"],
    // 010594Y123 → "W", not "X".
    ["010594Y123X", "checksum"],
    ["131052-308Z", "format"],
    ["131052G308T", "format"],
    ["131052Z308T", "format"],
    ["131052 308T", "format"],
    ["131052308T", "format"],
    ["131052-308TT", "format"],
    ["131052-30AT", "format"],
    ["19521013-308T", "format"],
    ["", "empty"],
    ["\t", "empty"],
  ]);
});

describe("parseFinnishHenkilotunnus – birth date in the future", () => {
  const today = new Date(Date.UTC(2026, 11, 4, 12));
  // Check characters computed for each: DDMMYY + individual number, mod 31.
  const hetu = (date: string, sign: string, individual: string) =>
    `${date}${sign}${individual}${"0123456789ABCDEFHJKLMNPRSTUVWXY"[Number(date + individual) % 31]}`;

  const hetuToday = (input: string) => parseFinnishHenkilotunnus(input, today);

  // Born 2052-10-13, 2026-12-05 (tomorrow) and 2027-01-01.
  refusesEach(hetuToday, { date: [hetu("131052", "A", "308"), hetu("051226", "A", "123"), hetu("010127", "F", "002")] });

  acceptsEach(hetuToday, [
    [hetu("041226", "A", "123"), "2026-12-04"],
    [hetu("131052", "-", "308"), "1952-10-13"],
  ], hetuValue, "accepts %j (born %s)");
});

describe("parseFinnishYTunnus", () => {
  acceptsEach(parseFinnishYTunnus, [
    // 0·7 + 7·9 + 3·10 + 7·5 + 5·8 + 4·4 + 6·2 = 196; 196 mod 11 = 9; 11 − 9 = 2
    ["0737546-2", "0737546-2"],
    [" 0737546-2 ", "0737546-2"],
    // Old 6-digit form is the same id with a leading zero.
    ["737546-2", "0737546-2"],
    // Remainder 0 → check digit 0.
    ["1572860-0", "1572860-0"],
    ["0112038-9", "0112038-9"],
    ["0000001-9", "0000001-9"],
    ["1234567-1", "1234567-1"],
  ], (_input, normalized) => ({ normalized }));

  refusesEach(parseFinnishYTunnus, [
    ["0737546-3", "checksum"],
    ["0737546-0", "checksum"],
    ["737546-3", "checksum"],
    ["1572860-1", "checksum"],
    // 1234567: sum 153, remainder 10 → check 1, so 0 is wrong.
    ["1234567-0", "checksum"],
    // Remainder 1: no check digit exists for these bodies, whatever is typed.
    ["1234568-0", "checksum"],
    ["1234568-1", "checksum"],
    ["1234568-9", "checksum"],
    ["07375462", "format"],
    ["07375460-2", "format"],
    ["12345-6", "format"],
    ["0737546-", "format"],
    ["0737546-22", "format"],
    ["0737546 2", "format"],
    ["FI07375462", "format"],
    ["073754A-2", "format"],
    ["", "empty"],
  ]);
});
