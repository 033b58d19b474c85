/**
 * Who issues the bills and where they are paid, per market: the legal entity printed in the PDF's
 * header and footer, and the accounts of the payment line (Swedish Bankgiro, Finnish IBAN for the
 * virtual bar code, Danish FI creditor number for the +71 line).
 *
 * DEMO master data of the fictitious Norrsken Energi group: the identifiers have valid check
 * digits (org.nr, CVR, Y-tunnus, Bankgiro, IBAN) but belong to nobody; the Finnish IBAN is the one
 * of Finance Finland's bar code guide (DOMAIN.md section 3). A real deployment replaces this table.
 */

import type { Market } from "./price-list";

export interface InvoiceIssuer {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  /** Label and value of the company registration number. */
  registration: { label: string; value: string };
  vatNumber: string;
  phone: string;
  email: string;
  web: string;
  payment:
    | { market: "SE"; bankgiro: string }
    | { market: "FI"; iban: string; bic: string }
    | { market: "DK"; creditorNumber: string; bankAccount: string };
}

export const INVOICE_ISSUERS: Readonly<Record<Market, InvoiceIssuer>> = {
  SE: {
    name: "Norrsken Energi AB",
    street: "Kraftverksvägen 1",
    postalCode: "931 30",
    city: "Sjöbotten",
    country: "SE",
    registration: { label: "Org.nr", value: "556123-4567" },
    vatNumber: "SE556123456701",
    phone: "0910-12 34 56",
    email: "kundservice@norrsken-energi.example.com",
    web: "norrsken-energi.example.com",
    payment: { market: "SE", bankgiro: "5050-1055" },
  },
  DK: {
    name: "Norrsken Energi A/S",
    street: "Åboulevarden 12",
    postalCode: "8000",
    city: "Aarhus C",
    country: "DK",
    registration: { label: "CVR-nr.", value: "35123407" },
    vatNumber: "DK35123407",
    phone: "70 12 34 56",
    email: "kundeservice@norrsken-energi.example.com",
    web: "norrsken-energi.example.com",
    payment: { market: "DK", creditorNumber: "85012345", bankAccount: "Reg.nr. 4928 Kontonr. 0001234567" },
  },
  FI: {
    name: "Norrsken Energia Oy",
    street: "Hämeenkatu 1",
    postalCode: "33100",
    city: "Tampere",
    country: "FI",
    registration: { label: "Y-tunnus", value: "2345678-0" },
    vatNumber: "FI23456780",
    phone: "010 123 4560",
    email: "asiakaspalvelu@norrsken-energia.example.com",
    web: "norrsken-energia.example.com",
    payment: { market: "FI", iban: "FI37 1590 3000 0007 76", bic: "NDEAFIHH" },
  },
};
