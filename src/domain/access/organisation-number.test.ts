import { describe, expect, it } from "vitest";
import { formatOrganisationNumber, organisationSchemeOf, parseOrganisationNumber } from "./organisation-number";

describe("organisation numbers of management companies", () => {
  it("reads a Swedish organisationsnummer with or without the dash", () => {
    expect(parseOrganisationNumber("556036-0793")).toEqual({ ok: true, value: { normalized: "5560360793", scheme: "SE_ORGANISATIONSNUMMER", market: "SE" } });
    expect(parseOrganisationNumber("5560360793")).toMatchObject({ ok: true, value: { normalized: "5560360793" } });
  });

  it("refuses a personal identity number and a wrong check digit", () => {
    expect(parseOrganisationNumber("19780512-0545")).toEqual({ ok: false, reason: "personal" });
    expect(parseOrganisationNumber("556036-0794")).toMatchObject({ ok: false, reason: "checksum" });
    expect(parseOrganisationNumber("")).toMatchObject({ ok: false });
  });

  it("refuses an organisationsnummer whose first digit is no Skatteverket group (0 and 4)", () => {
    expect(parseOrganisationNumber("412345-6784")).toEqual({ ok: false, reason: "group" });
    expect(parseOrganisationNumber("012345-6782")).toEqual({ ok: false, reason: "group" });
    expect(parseOrganisationNumber("802000-0009")).toMatchObject({ ok: true, value: { normalized: "8020000009" } });
  });

  it("formats stored numbers by their shape", () => {
    expect(formatOrganisationNumber("5560360793")).toBe("556036-0793");
    expect(organisationSchemeOf("12345674")).toBe("DK_CVR");
    expect(organisationSchemeOf("1572860-0")).toBe("FI_YTUNNUS");
  });
});
