// The customer hears of a new request and is reminded before a consent ends — by e-mail, once,
// only the people who may decide, in their own language.
import { describe, expect, it } from "vitest";
import { createInstallation, createUser } from "@/fixtures/factories";
import { createConsentRequest } from "@/fixtures/third-party-factories";
import { freshDatabaseAndInbox } from "../../../tests/support/mail";
import { companyWithUsers } from "../../../tests/support/access";
import { getTestDb } from "../../../tests/support/db";
import { thirdPartyWithClient } from "../../../tests/support/third-party";
import { REMINDER_DAYS_BEFORE_END, sendConsentNotices } from "./consent-jobs";

const db = getTestDb();
const NOW = new Date("2026-12-03T12:00:00Z");
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
const sink = freshDatabaseAndInbox();

async function setting() {
  const company = await companyWithUsers(db, 1);
  const full = await db.customer.findUniqueOrThrow({ where: { id: company.customer.id }, select: { nationalId: true } });
  const installation = company.installations[0]!;
  const tp = await thirdPartyWithClient(db, { name: "Energismart Test AB" });
  return { company, installation, tp, identity: full.nationalId };
}

describe("notices to the customer", () => {
  it("remind the people who may decide, once, when a consent ends within two weeks", async () => {
    const { company, installation, tp, identity } = await setting();
    const english = await createUser(db, { name: "Ed English", locale: "en", memberships: [{ customerId: company.customer.id, role: "FULL" }] });
    await createConsentRequest(db, { thirdPartyId: tp.party.id, installation, customerIdentity: identity, state: "ACTIVE", submittedAt: days(-40), decidedAt: days(-39), requestedValidTo: days(REMINDER_DAYS_BEFORE_END - 1) });
    // Not yet due: ends in more than two weeks.
    await createConsentRequest(db, { thirdPartyId: tp.party.id, installation, customerIdentity: identity, state: "ACTIVE", submittedAt: days(-40), decidedAt: days(-39), requestedValidTo: days(REMINDER_DAYS_BEFORE_END + 1) });

    expect(await sendConsentNotices(NOW)).toEqual({ newRequests: 0, reminders: 1 });
    const to = sink.messages.flatMap((m) => m.to).sort();
    expect(to).toEqual([company.admin.email, company.full.email, english.email].sort());
    expect(to).not.toContain(company.read.email);
    const swedish = sink.messages.find((m) => m.to.includes(company.admin.email!))!;
    expect(swedish.subject).toContain("Energismart Test AB");
    expect(swedish.text).toContain("/tredjepartsatkomst");
    expect(swedish.text).toContain("16 december 2026");
    const inEnglish = sink.messages.find((m) => m.to.includes(english.email!))!;
    expect(inEnglish.subject).not.toEqual(swedish.subject);
    expect(inEnglish.text).toContain("16 December 2026");

    expect(await sendConsentNotices(NOW)).toEqual({ newRequests: 0, reminders: 0 });
    expect(sink.messages).toHaveLength(3);
  });

  it("tell them of a new request waiting for an answer, and only for the installations they see", async () => {
    const { company, installation, tp, identity } = await setting();
    const other = await createInstallation(db, { customerId: company.customer.id });
    const narrow = await createUser(db, { name: "Nina Narrow", memberships: [{ customerId: company.customer.id, role: "FULL", installationIds: [other.id] }] });
    await createConsentRequest(db, { thirdPartyId: tp.party.id, installation, customerIdentity: identity, state: "AWAITING_CUSTOMER", submittedAt: days(-1), customerNotified: false });

    expect(await sendConsentNotices(NOW)).toEqual({ newRequests: 1, reminders: 0 });
    const to = sink.messages.flatMap((m) => m.to).sort();
    expect(to).toEqual([company.admin.email, company.full.email].sort());
    expect(to).not.toContain(narrow.email);
    expect(sink.messages[0]!.text).toContain("Energismart Test AB");
    expect(await sendConsentNotices(NOW)).toEqual({ newRequests: 0, reminders: 0 });
  });
});
