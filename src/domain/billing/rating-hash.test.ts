import { describe, expect, it } from "vitest";
import { ratingHashOf, type RatingHashParts } from "./rating-hash";

const list = (key: string, version: string, id = key) => ({ id, key, name: key, validFrom: "2026-01-01", validTo: null, version });

function parts(overrides: Partial<RatingHashParts> = {}): RatingHashParts {
  return {
    cycle: "MONTHLY",
    span: { from: "2026-11-01", to: "2026-12-01" },
    contract: { timeZone: "Europe/Stockholm", resolution: "PT1H" },
    energy: new Float64Array([1, 2, 3]),
    volume: null,
    lists: [list("SE_GRID", "aaaa"), list("SE_SUPPLY:SPOT", "bbbb")],
    spotHash: "spot",
    vatKey: "[]",
    power: null,
    ...overrides,
  };
}

describe("the rating hash", () => {
  it("is the same for the same data, whatever the order of the lists or their row ids", () => {
    const a = ratingHashOf(parts());
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(ratingHashOf(parts({ lists: [list("SE_SUPPLY:SPOT", "bbbb", "other-row"), list("SE_GRID", "aaaa")] }))).toBe(a);
  });

  it("changes with any input the rating read", () => {
    const a = ratingHashOf(parts());
    const changed = [
      parts({ energy: new Float64Array([1, 2, 3.001]) }),
      parts({ volume: new Float64Array([0.1]) }),
      parts({ lists: [list("SE_GRID", "cccc"), list("SE_SUPPLY:SPOT", "bbbb")] }),
      parts({ spotHash: null }),
      parts({ vatKey: "[1]" }),
      parts({ power: "12.4" }),
      parts({ cycle: "QUARTERLY_ACONTO" }),
      parts({ span: { from: "2026-11-02", to: "2026-12-01" } }),
      parts({ contract: { timeZone: "Europe/Helsinki", resolution: "PT1H" } }),
    ].map(ratingHashOf);
    for (const h of changed) expect(h).not.toBe(a);
    expect(new Set(changed).size).toBe(changed.length);
  });

  it("hashes the values of a subarray, not its whole buffer", () => {
    const whole = new Float64Array([9, 1, 2, 3, 9]);
    expect(ratingHashOf(parts({ energy: whole.subarray(1, 4) }))).toBe(ratingHashOf(parts()));
  });
});
