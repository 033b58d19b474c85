import { describe, expect, it } from "vitest";
import {
  gsrnCheckDigit,
  makeMeteringPointId,
  meteringPointCountry,
  parseMeteringPointId,
} from "./gsrn";
import { acceptsEach, refusesEach, returnsEach } from "../../../tests/support/cases";

describe("gsrnCheckDigit", () => {
  returnsEach(gsrnCheckDigit, [
    ["73599910000000001", 0],
    ["73599900000000001", 3],
    ["57131310000000000", 3],
    ["64300000000000000", 9],
    ["40000000000000000", 8],
    // Leading zeros do not change a GS1 check digit, so the published
    // EAN-13 4006381333931 cross-checks the weighting direction.
    ["00000400638133393", 1],
  ], "gsrnCheckDigit(%s) === %i");

  it.each(["", "7359991000000000", "735999100000000010", "7359991000000000A", "735999 1000000000"])(
    "throws on %j",
    (payload) => {
      expect(() => gsrnCheckDigit(payload)).toThrow(RangeError);
    },
  );
});

describe("makeMeteringPointId", () => {
  it("appends the check digit", () => {
    expect(makeMeteringPointId("73599910000000001")).toBe("735999100000000010");
    expect(makeMeteringPointId("57131310000000000")).toBe("571313100000000003");
  });

  it("produces ids that parse", () => {
    for (let n = 0; n < 50; n++) {
      const id = makeMeteringPointId(`735999${String(n * 7919).padStart(11, "0")}`);
      expect(parseMeteringPointId(id)).toEqual({
        ok: true,
        value: { normalized: id, country: "SE" },
      });
    }
  });

  it("throws on a wrong-length payload", () => {
    expect(() => makeMeteringPointId("735999")).toThrow(RangeError);
  });
});

describe("parseMeteringPointId", () => {
  acceptsEach(parseMeteringPointId, [
    ["735999100000000010", "735999100000000010", "SE"],
    ["735999 1000 0000 0010", "735999100000000010", "SE"],
    [" 735999100000000010\n", "735999100000000010", "SE"],
    ["735999000000000013", "735999000000000013", "SE"],
    ["571313100000000003", "571313100000000003", "DK"],
    ["643000000000000009", "643000000000000009", "FI"],
    ["400000000000000008", "400000000000000008", null],
  ], (_input, normalized, country) => ({ normalized, country }), "%j → %s (%s)");

  refusesEach(parseMeteringPointId, [
    ["735999100000000011", "checksum"],
    ["735999100000000019", "checksum"],
    // Adjacent transposition (1,0 → 0,1) changes the weighted sum.
    ["735999010000000010", "checksum"],
    ["73599910000000001", "format"],
    ["7359991000000000100", "format"],
    ["73599910000000001A", "format"],
    ["735999-100000000010", "format"],
    ["SE735999100000000010", "format"],
    ["７３５９９９100000000010", "format"],
    ["", "empty"],
    ["   ", "empty"],
  ]);
});

describe("meteringPointCountry", () => {
  returnsEach(meteringPointCountry, [
    ["735999100000000010", "SE"],
    ["735000000000000000", "SE"],
    ["571313100000000003", "DK"],
    ["643000000000000009", "FI"],
    ["640000000000000000", "FI"],
    ["735999 1000 0000 0010", "SE"],
    // 73x other than 735 is not Swedish.
    ["730000000000000000", null],
    ["560000000000000000", null],
    ["400000000000000008", null],
    ["73599910000000001", null],
    ["", null],
    ["abc", null],
  ]);
});

describe("formatMeteringPointId", () => {
  it("prints the 18 digits in the groups used on invoices", async () => {
    const { formatMeteringPointId } = await import("./gsrn");
    expect(formatMeteringPointId("735999100000000010")).toBe("735999 1000 0000 0010");
    expect(formatMeteringPointId("12345")).toBe("12345");
  });
});
