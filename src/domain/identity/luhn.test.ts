import { describe, expect, it } from "vitest";
import { returnsEach } from "../../../tests/support/cases";
import { isLuhnValid, luhnCheckDigit } from "./luhn";

describe("luhnCheckDigit", () => {
  returnsEach(luhnCheckDigit, [
    // Wikipedia's reference example 7992739871|3.
    ["7992739871", 3],
    // 10-digit Swedish forms without their check digit.
    ["811218987", 6],
    ["121212121", 2],
    ["556036079", 3],
    ["000101000", 8],
    // Payloads whose digit sum is already a multiple of 10 get 0, not 10.
    ["0", 0],
    ["00000", 0],
  ], "luhnCheckDigit(%s) === %i");

  it.each(["", "12a4", " 123", "12-34", "１２３"])("throws on non-digit payload %j", (payload) => {
    expect(() => luhnCheckDigit(payload)).toThrow(RangeError);
  });
});

describe("isLuhnValid", () => {
  returnsEach(isLuhnValid, [
    ["79927398713", true],
    ["79927398710", false],
    ["8112189876", true],
    ["8112189875", false],
    ["5560360793", true],
    ["5560360794", false],
    // A transposition of adjacent digits is caught.
    ["8112189786", false],
    ["00", true],
  ], "isLuhnValid(%s) === %s");

  it.each(["", "0", "5", "8112-189876", "811218987a", " 8112189876"])(
    "rejects %j without throwing",
    (digits) => {
      expect(isLuhnValid(digits)).toBe(false);
    },
  );
});
