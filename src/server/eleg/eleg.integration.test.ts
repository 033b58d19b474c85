import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createUser } from "@/fixtures/factories";
import { ELEG_TEST_PERSONS } from "@/fixtures/eleg-test-persons";
import type { Customer } from "@/generated/prisma/client";
import type { CustomerActor } from "@/server/access/actor";
import { appFailure, customerActorOf } from "../../../tests/support/actors";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { findUserByPersonalIdNumber } from "./find-user-by-personal-id-number";
import { listAuthorisedPersons } from "./list-authorised-persons";
import { LINK_PURPOSE, recordSignature } from "./record-signature";
import { registerAuthorisedPerson } from "./register-authorised-person";
import { findSignature, payloadHashOf } from "./signing";

const db = getTestDb();
const PROVIDER = "http://localhost:3901";
const { erik, eva, petra, olle } = ELEG_TEST_PERSONS;
const dashed = (p: string) => `${p.slice(0, 8)}-${p.slice(8)}`;

let company: Customer, otherCompany: Customer;
let admin: CustomerActor, full: CustomerActor, reader: CustomerActor, outsider: CustomerActor;

beforeAll(async () => {
  await resetDatabase();
  company = await createCustomer(db, { kind: "COMPANY", name: "Fastighets AB Norrsken" });
  otherCompany = await createCustomer(db, { kind: "COMPANY", name: "Kylhuset AB" });
  admin = await customerActorOf(await createUser(db, { name: "Eva Ekonom", memberships: [{ customerId: company.id, role: "ADMINISTRATOR" }] }));
  full = await customerActorOf(await createUser(db, { memberships: [{ customerId: company.id, role: "FULL" }] }));
  reader = await customerActorOf(await createUser(db, { memberships: [{ customerId: company.id, role: "READ" }] }));
  outsider = await customerActorOf(await createUser(db, { memberships: [{ customerId: otherCompany.id, role: "ADMINISTRATOR" }] }));
});

describe("registerAuthorisedPerson", () => {
  it("creates an e-legitimation-only user with the chosen level, audited", async () => {
    const result = await registerAuthorisedPerson(admin, { customerId: company.id, name: " Erik Eleg ", personalIdNumber: dashed(erik.personalIdNumber), role: "FULL" }, { ip: "127.0.0.1" });
    expect(result).toMatchObject({ linkedExistingUser: false, restoredMembership: false });
    const user = await db.user.findUniqueOrThrow({ where: { id: result.userId }, omit: { passwordHash: false, personalIdNumber: false }, include: { memberships: true } });
    expect(user).toMatchObject({ name: "Erik Eleg", email: null, passwordHash: null, personalIdNumber: erik.personalIdNumber, status: "ACTIVE" });
    expect(user.memberships.map((m) => [m.customerId, m.role, m.allInstallations, m.revokedAt])).toEqual([[company.id, "FULL", true, null]]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "access.authorisedPerson.registered", targetId: user.id } });
    expect(audit).toMatchObject({ customerId: company.id, actorUserId: admin.userId, ipAddress: "127.0.0.1" });
    // The audit shows the number masked only.
    expect(JSON.stringify(audit.details)).not.toContain(erik.personalIdNumber.slice(8));
    // The new user's session works like any other.
    const actor = await customerActorOf(user);
    expect(actor.customers.map((c) => [c.customerId, c.role])).toEqual([[company.id, "FULL"]]);
  });

  it("refuses Full and Read users, and administrators of other customers, storing nothing", async () => {
    const input = { customerId: company.id, name: "Petra Persson", personalIdNumber: petra.personalIdNumber, role: "READ" as const };
    expect(await appFailure(registerAuthorisedPerson(full, input))).toMatchObject({ code: "FORBIDDEN" });
    expect(await appFailure(registerAuthorisedPerson(reader, input))).toMatchObject({ code: "FORBIDDEN" });
    expect(await appFailure(registerAuthorisedPerson(outsider, input))).toMatchObject({ code: "NOT_FOUND" });
    // Access comes first: a reader learns nothing about the validation rules either.
    expect(await appFailure(registerAuthorisedPerson(reader, { ...input, personalIdNumber: "nonsense" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await db.user.count({ where: { personalIdNumber: petra.personalIdNumber } })).toBe(0);
  });

  it("re-checks the administrator level in the database, not only in the session's actor", async () => {
    const demoted = await createUser(db, { memberships: [{ customerId: company.id, role: "ADMINISTRATOR" }] });
    const stale = await customerActorOf(demoted);
    await db.membership.updateMany({ where: { userId: demoted.id }, data: { role: "READ" } });
    expect(await appFailure(registerAuthorisedPerson(stale, { customerId: company.id, name: "Petra Persson", personalIdNumber: petra.personalIdNumber, role: "ADMINISTRATOR" }))).toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("refuses an invalid personal identity number with a field message", async () => {
    const base = { customerId: company.id, name: "Petra Persson", role: "READ" as const };
    const wrongCheckDigit = `${petra.personalIdNumber.slice(0, 11)}${(Number(petra.personalIdNumber[11]) + 1) % 10}`;
    expect(await appFailure(registerAuthorisedPerson(admin, { ...base, personalIdNumber: wrongCheckDigit }))).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { personalIdNumber: ["validation.nationalId.checksum"] },
    });
    expect(await appFailure(registerAuthorisedPerson(admin, { ...base, personalIdNumber: "19861317-0683" }))).toMatchObject({
      fieldErrors: { personalIdNumber: ["validation.nationalId.date"] },
    });
    expect(await appFailure(registerAuthorisedPerson(admin, { ...base, personalIdNumber: "abc" }))).toMatchObject({ fieldErrors: { personalIdNumber: ["validation.nationalId.format"] } });
    expect(await appFailure(registerAuthorisedPerson(admin, { ...base, personalIdNumber: "" }))).toMatchObject({ fieldErrors: { personalIdNumber: ["validation.required"] } });
    // An organisation number is not a person.
    expect(await appFailure(registerAuthorisedPerson(admin, { ...base, personalIdNumber: "556036-0793" }))).toMatchObject({ code: "VALIDATION" });
    expect(await appFailure(registerAuthorisedPerson(admin, { ...base, personalIdNumber: petra.personalIdNumber, role: "OWNER" as never }))).toMatchObject({
      fieldErrors: { role: ["validation.choice"] },
    });
    expect(await db.user.count({ where: { personalIdNumber: petra.personalIdNumber } })).toBe(0);
  });

  it("links a person who already has an account instead of creating a second user", async () => {
    const existing = await createUser(db, { name: "Petra Persson", personalIdNumber: petra.personalIdNumber, memberships: [{ customerId: otherCompany.id, role: "ADMINISTRATOR" }] });
    const users = await db.user.count();
    const result = await registerAuthorisedPerson(admin, { customerId: company.id, name: "P. Persson", personalIdNumber: petra.personalIdNumber.slice(2), role: "READ" });
    expect(result).toEqual({ userId: existing.id, linkedExistingUser: true, restoredMembership: false });
    expect(await db.user.count()).toBe(users);
    const actor = await customerActorOf(existing);
    expect(actor.customers.map((c) => c.role).sort()).toEqual(["ADMINISTRATOR", "READ"]);
    // Her own name stays; a second registration is a conflict, not a second membership.
    expect((await db.user.findUniqueOrThrow({ where: { id: existing.id } })).name).toBe("Petra Persson");
    expect(await appFailure(registerAuthorisedPerson(admin, { customerId: company.id, name: "Petra", personalIdNumber: petra.personalIdNumber, role: "ADMINISTRATOR" }))).toMatchObject({
      code: "CONFLICT",
      fieldErrors: { personalIdNumber: ["eleg.alreadyAuthorised"] },
    });
    expect(await db.membership.findFirstOrThrow({ where: { userId: existing.id, customerId: company.id } })).toMatchObject({ role: "READ" });
  });

  it("gives removed access back, and gives a voided account's number to a new user", async () => {
    const erikUser = await db.user.findUniqueOrThrow({ where: { personalIdNumber: erik.personalIdNumber } });
    await db.membership.updateMany({ where: { userId: erikUser.id, customerId: company.id }, data: { revokedAt: new Date() } });
    expect(await registerAuthorisedPerson(admin, { customerId: company.id, name: "Erik Eleg", personalIdNumber: erik.personalIdNumber, role: "READ" })).toMatchObject({
      userId: erikUser.id,
      restoredMembership: true,
    });
    expect(await db.membership.findFirstOrThrow({ where: { userId: erikUser.id, customerId: company.id } })).toMatchObject({ role: "READ", revokedAt: null });

    const voided = await createUser(db, { email: null, name: "Olle Okänd", personalIdNumber: olle.personalIdNumber, status: "VOIDED", password: null });
    const result = await registerAuthorisedPerson(admin, { customerId: company.id, name: "Olle Okänd", personalIdNumber: olle.personalIdNumber, role: "READ" });
    expect(result.userId).not.toBe(voided.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: voided.id }, omit: { personalIdNumber: false } })).personalIdNumber).toBeNull();
  });

  it("lists the authorised persons per administered customer, masked", async () => {
    expect(await listAuthorisedPersons(reader)).toEqual([]);
    const [lists] = await listAuthorisedPersons(admin);
    expect(lists?.customerId).toBe(company.id);
    const erikRow = lists?.persons.find((p) => p.name === "Erik Eleg");
    expect(erikRow).toMatchObject({ personalIdNumber: `${erik.personalIdNumber.slice(0, 8)}-****`, role: "READ", hasPassword: false });
    expect(lists?.persons.find((p) => p.name === "Petra Persson")).toMatchObject({ hasPassword: true });
    expect(JSON.stringify(lists)).not.toContain(erik.personalIdNumber);
  });
});

describe("findUserByPersonalIdNumber (e-legitimation sign-in)", () => {
  it("matches an active user by personal identity number in any common notation", async () => {
    const erikUser = await db.user.findUniqueOrThrow({ where: { personalIdNumber: erik.personalIdNumber } });
    for (const form of [erik.personalIdNumber, dashed(erik.personalIdNumber), erik.personalIdNumber.slice(2), dashed(erik.personalIdNumber).slice(2)]) {
      expect(await findUserByPersonalIdNumber(form)).toMatchObject({ id: erikUser.id, sessionVersion: erikUser.sessionVersion });
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: erikUser.id } })).lastLoginAt).not.toBeNull();
  });

  it("matches nobody for an unknown, invalid or voided person", async () => {
    expect(await findUserByPersonalIdNumber(eva.personalIdNumber)).toBeNull();
    expect(await findUserByPersonalIdNumber("19000101-0000")).toBeNull();
    expect(await findUserByPersonalIdNumber(undefined)).toBeNull();
    expect(await findUserByPersonalIdNumber(12345)).toBeNull();
    const voided = await createUser(db, { email: null, name: "Eva Ekonom", personalIdNumber: eva.personalIdNumber, status: "VOIDED", password: null });
    expect(await findUserByPersonalIdNumber(eva.personalIdNumber)).toBeNull();
    await db.user.update({ where: { id: voided.id }, data: { personalIdNumber: null } });
  });
});

describe("signatures", () => {
  const text = "Jag godkänner att Energikollen AB får tillgång till mätvärden för anläggning 735999100000000010.";
  const pending = (userId: string, purpose = "consent.approve") => ({ userId, purpose, payloadHash: payloadHashOf(text), payload: { text, data: { requestId: "r-1" } } });

  it("links the signer's personal identity number to the account that signed the link text", async () => {
    const user = await createUser(db, { name: "Eva Ekonom", memberships: [{ customerId: company.id, role: "ADMINISTRATOR" }] });
    const linkText = "Jag kopplar min e-legitimation till mitt konto.";
    const signature = await recordSignature({ userId: user.id, purpose: LINK_PURPOSE, payloadHash: payloadHashOf(linkText), payload: { text: linkText } }, { personalIdNumber: eva.personalIdNumber, provider: PROVIDER });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { personalIdNumber: false } })).personalIdNumber).toBe(eva.personalIdNumber);
    expect(await findUserByPersonalIdNumber(eva.personalIdNumber)).toMatchObject({ id: user.id });
    expect(await db.auditLog.count({ where: { action: "user.eleg.linked", targetId: user.id, customerId: company.id } })).toBe(1);
    expect(await findSignature(user.id, LINK_PURPOSE, payloadHashOf(linkText), new Date(Date.now() - 60_000))).toMatchObject({ id: signature.id, personalIdNumber: eva.personalIdNumber, provider: PROVIDER });

    // Another account cannot take the same person; nothing is stored for the attempt.
    const other = await createUser(db, { memberships: [{ customerId: company.id, role: "READ" }] });
    expect(await appFailure(recordSignature({ ...pending(other.id), purpose: LINK_PURPOSE }, { personalIdNumber: eva.personalIdNumber, provider: PROVIDER }))).toMatchObject({
      code: "CONFLICT",
      message: "eleg.sign.personTaken",
    });
    expect(await db.signature.count({ where: { userId: other.id } })).toBe(0);
    // Nor can a linked account be linked to somebody else.
    expect(await appFailure(recordSignature({ ...pending(user.id), purpose: LINK_PURPOSE }, { personalIdNumber: olle.personalIdNumber, provider: PROVIDER }))).toMatchObject({
      message: "eleg.sign.linkedToOther",
    });
  });

  it("stores a signature only when the signer is the signing user, and finds it by text and time", async () => {
    const erikUser = await db.user.findUniqueOrThrow({ where: { personalIdNumber: erik.personalIdNumber } });
    expect(await appFailure(recordSignature(pending(erikUser.id), { personalIdNumber: olle.personalIdNumber, provider: PROVIDER }))).toMatchObject({
      code: "FORBIDDEN",
      message: "eleg.sign.wrongPerson",
    });
    expect(await db.signature.count({ where: { userId: erikUser.id } })).toBe(0);

    const before = new Date(Date.now() - 1000);
    const signature = await recordSignature(pending(erikUser.id), { personalIdNumber: dashed(erik.personalIdNumber), provider: PROVIDER });
    const stored = await db.signature.findUniqueOrThrow({ where: { id: signature.id } });
    expect(stored).toMatchObject({ purpose: "consent.approve", payloadHash: payloadHashOf(text), personalIdNumber: erik.personalIdNumber, payload: { text, data: { requestId: "r-1" } } });
    expect(await findSignature(erikUser.id, "consent.approve", payloadHashOf(text), before)).toMatchObject({ id: signature.id });
    // Another text, another purpose, another user or a later "since" finds nothing.
    expect(await findSignature(erikUser.id, "consent.approve", payloadHashOf(`${text} `), before)).toBeNull();
    expect(await findSignature(erikUser.id, "addons.sign", payloadHashOf(text), before)).toBeNull();
    expect(await findSignature(admin.userId, "consent.approve", payloadHashOf(text), before)).toBeNull();
    expect(await findSignature(erikUser.id, "consent.approve", payloadHashOf(text), new Date(Date.now() + 60_000))).toBeNull();
  });

  it("refuses a signature for a voided account", async () => {
    const voided = await createUser(db, { email: null, status: "VOIDED", password: null });
    expect(await appFailure(recordSignature(pending(voided.id), { personalIdNumber: olle.personalIdNumber, provider: PROVIDER }))).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
