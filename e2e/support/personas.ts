/**
 * Demo personas (src/fixtures/demo.ts) and which spec may change which of them.
 *
 * The whole run shares ONE database (playwright.config.ts: a fresh PGlite with the demo data), so
 * every spec that changes an account uses one that no other spec needs:
 *
 *   auth.spec.ts              mette.jensen@example.com  – locked out by five wrong passwords
 *   registration.spec.ts      customer 1000002 (Björn Berg) – registered
 *   password-reset.spec.ts    customer 1000003 (Greta Gammal, whose old account is voided) –
 *                             registered again, then the password is reset
 *   support.spec.ts           customer 4000003 (Sjöbottens Bageri AB) – registered, then voided;
 *                             Anna gets an (unused) reset link from support
 *   customer-details.spec.ts  Anna's phone number and invoice delivery – edited (other specs only
 *                             read Anna's name, customer number and installations)
 *   access-management.spec.ts customer 4000001 – new users invited (one raised to Full), a new
 *                             management company (556036-0793) invited for 3 installations, with
 *                             its own new people; no existing user's access changes
 *   third-party-admin.spec.ts admin@ registers the third party "Testenergi E2E AB" (559321-7648)
 *                             and creates, rotates and revokes its API client; support@ REJECTS
 *                             the demo's one NEEDS_REVIEW request (Värmeanalys Norr AB,
 *                             VA-2026-298, Fastighets AB Norrsken): it never reaches the customer,
 *                             so Norrsken's requests waiting for an answer stay as seeded
 *   third-party-access.spec.ts Anna's pending request from Värmeanalys Norr AB (district heating,
 *                             VA-2026-311) is DECLINED (after an approval cancelled at the provider
 *                             and one signed by the wrong person, which change nothing); her
 *                             Solkollen consent, her ended consents and her sharing log are only
 *                             read. ekonomi@ invites a new address to 4000001 as Läs (a user made
 *                             here, who only looks); Norrsken's Energismart requests and consents
 *                             are only looked at (decline and end steps opened and cancelled)
 *   third-party-story.spec.ts Energismart (through the API) asks for Anna's grid installation; Anna
 *                             approves it, Energismart fetches a week, Anna ends it again
 *   management-takeover.spec.ts Anna invites a made-up management company (a new organisation
 *                             number and address each run) to her customer 1000001; its new
 *                             account asks for Norrsken: ekonomi@ declines 4000001 and accepts
 *                             4000002 for two installations (a company of its own, nobody else's
 *                             access changes). Anna's own account gets no new access
 *
 * Read-only everywhere: Anna (sign-in), ekonomi@/drift@/las@norrsken, forvaltare@, support@, and the
 * demo third parties' register entries and API clients.
 * Failed sign-ins are also counted per client address (LOGIN_MAX_FAILURES × 4 = 20 within 15
 * minutes locks every customer sign-in from 127.0.0.1): the suite stays well below that.
 */
export const PASSWORD = "MinaSidor!2026";

export const ANNA = {
  email: "anna.andersson@example.com",
  name: "Anna Andersson",
  customerNumber: "1000001",
  nationalId: "19780512-0545",
} as const;

export const METTE = { email: "mette.jensen@example.com", name: "Mette Jensen", customerNumber: "2000001" } as const;

/** Fastighets AB Norrsken's administrator: 4000001 (20 installations) and 4000002 (16). */
export const NORRSKEN_ADMIN = { email: "ekonomi@norrsken.example.com", name: "Eva Ekonom" } as const;
/** Read rights on 4000002. */
export const NORRSKEN_READER = { email: "las@norrsken.example.com", name: "Lisa Läsare", customerNumber: "4000002" } as const;
/** Property manager: 8 of 4000002's installations and all 3 of Brf Solgläntan (5000001). */
export const PROPERTY_MANAGER = { email: "forvaltare@forvaltning.example.com", name: "Fredrik Förvaltare" } as const;

export const NORRSKEN = {
  name: "Fastighets AB Norrsken",
  /** Both customer numbers belong to one company (validSwedishOrgNumber(4000001, "556")). */
  organisationNumber: "556294-4420",
  customerNumbers: ["4000001", "4000002"],
  installations: { "4000001": 20, "4000002": 16 },
} as const;

export const SUPPORT_STAFF = { email: "support@minasidor.example.com", name: "Sara Support" } as const;

/**
 * Customers without an active account, with the check code on their invoices. National ids as
 * `validSwedishPersonnummer` / `validSwedishOrgNumber` and check codes as `demoCheckCode` produce
 * them in src/fixtures/demo.ts (deterministic for the seed).
 */
export const UNREGISTERED = {
  /** registration.spec.ts */
  bjorn: { customerNumber: "1000002", nationalId: "19850315-3580", checkCode: "D9NN-Z9LP", name: "Björn Berg" },
  /** support.spec.ts */
  bakery: { customerNumber: "4000003", nationalId: "559711-4072", checkCode: "PF86-ZDUN", name: "Sjöbottens Bageri AB" },
  /** password-reset.spec.ts: her old account was voided by support, so she may register again. */
  greta: { customerNumber: "1000003", nationalId: "19491102-2723", checkCode: "TUE2-HTDM", name: "Greta Gammal" },
} as const;
