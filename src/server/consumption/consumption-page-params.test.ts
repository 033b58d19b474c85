import { describe, expect, it } from "vitest";
import { consumptionHref, exportNoticeHref, parsePageParams } from "./consumption-page-params";

const ID = "7cc9cab8-9d75-4615-9024-6dd07af552da";
const OTHER = "2c7c0b9a-f5e2-42c7-9f40-6b9cb4997b73";

describe("the consumption page's address", () => {
  it("gives the defaults for an empty address", () => {
    expect(parsePageParams({})).toEqual({
      installations: null,
      malformedInstallation: false,
      group: null,
      quantity: "ENERGY_KWH",
      granularity: "month",
      from: undefined,
      to: undefined,
      previousYear: false,
      typical: null,
      jump: { year: undefined, month: undefined, day: undefined },
      exportNotice: null,
    });
  });

  it("reads repeated and comma-separated installations, all, slugs, dates and the picker", () => {
    const p = parsePageParams({ anl: [`${ID},${OTHER}`, ID], storhet: "framledning", niva: "timme", fran: "2025-03-30", till: "2025-02-30", fjol: "1", normal: "villa", ar: "2024", manad: "02", dag: "2025-10-26", exportfel: "pagar" });
    expect(p).toMatchObject({ installations: [ID, OTHER], quantity: "SUPPLY_TEMP_C", granularity: "hour", from: "2025-03-30", to: undefined, previousYear: true, typical: "house", exportNotice: "inProgress" });
    expect(p.jump).toEqual({ year: 2024, month: 2, day: "2025-10-26" });
    expect(parsePageParams({ anl: ["alla", ID] }).installations).toBe("all");
  });

  it("falls back to the default for unknown slugs, and flags an installation or group that is not shaped like an id", () => {
    expect(parsePageParams({ storhet: "okand", niva: "vecka", normal: "slott", ar: "24", manad: "13" })).toMatchObject({ quantity: "ENERGY_KWH", granularity: "month", typical: null, jump: { year: undefined, month: undefined } });
    expect(parsePageParams({ anl: "1; DROP TABLE" }).malformedInstallation).toBe(true);
    expect(parsePageParams({ grupp: "nej" })).toMatchObject({ malformedInstallation: true, group: "nej" });
    expect(parsePageParams({ grupp: ID.toUpperCase() })).toMatchObject({ malformedInstallation: false, group: ID });
  });

  it("writes the state back into the same address", () => {
    const state = { installations: [ID], quantity: "VOLUME_M3" as const, granularity: "day" as const, from: "2025-01-01", to: "2025-01-31", previousYear: true, typical: null };
    const href = consumptionHref(state);
    expect(href).toBe(`/forbrukning?anl=${ID}&storhet=volym&niva=dygn&fran=2025-01-01&till=2025-01-31&fjol=1`);
    const back = parsePageParams(Object.fromEntries(new URL(href, "http://x").searchParams));
    expect(back).toMatchObject({ installations: [ID], quantity: "VOLUME_M3", granularity: "day", from: "2025-01-01", to: "2025-01-31", previousYear: true });
    expect(consumptionHref({ ...state, group: OTHER })).toContain(`grupp=${OTHER}`);
    expect(exportNoticeHref(state, "tooLarge")).toBe(`${href}&exportfel=for-stor#export`);
  });
});
