import { beforeEach, describe, expect, it } from "vitest";
import { createStaffUser, createUser } from "@/fixtures/factories";
import { voidUserAccount } from "@/server/support/void-user-account";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { checkSession } from "./check-session";
import { endSession } from "./end-session";
import { startSession } from "./start-session";

const db = getTestDb();
beforeEach(() => resetDatabase());

const minutes = (n: number) => n * 60_000;
const start = new Date("2026-12-04T08:00:00.000Z");
const at = (ms: number) => new Date(start.getTime() + ms);

describe("a signed-in session on the server", () => {
  it("is refused after signing out, so a copied cookie stops working with it", async () => {
    const user = await createUser(db);
    const principal = { kind: "customer" as const, id: user.id };
    const sid = await startSession(principal, { method: "password", ip: "192.0.2.4", userAgent: "Firefox" });
    expect(await checkSession(sid, principal)).toBe(true);

    await endSession(sid);
    expect(await checkSession(sid, principal)).toBe(false);
    expect(await db.authSession.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ endReason: "SIGNED_OUT", ipAddress: "192.0.2.4", userAgent: "Firefox" });
  });

  it("ends at its absolute end even when it is used all the time", async () => {
    const user = await createUser(db);
    const principal = { kind: "customer" as const, id: user.id };
    const sid = await startSession(principal, { method: "password" }, start);
    // Used every half hour for a whole working day: the idle rule never strikes.
    for (let t = minutes(30); t < minutes(12 * 60); t += minutes(30)) expect(await checkSession(sid, principal, at(t))).toBe(true);
    expect(await checkSession(sid, principal, at(minutes(12 * 60)))).toBe(false);
    expect(await db.authSession.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ endReason: "EXPIRED" });
  });

  it("ends after an hour without activity", async () => {
    const user = await createUser(db);
    const principal = { kind: "customer" as const, id: user.id };
    const sid = await startSession(principal, { method: "eleg" }, start);
    expect(await checkSession(sid, principal, at(minutes(59)))).toBe(true);
    // Last seen at 08:59; an hour later it is over, and it stays over.
    expect(await checkSession(sid, principal, at(minutes(119)))).toBe(false);
    expect(await checkSession(sid, principal, at(minutes(120)))).toBe(false);
    expect(await db.authSession.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ endReason: "IDLE" });
  });

  it("belongs to one principal: another user's or a staff member's cookie with its id is refused", async () => {
    const user = await createUser(db);
    const other = await createUser(db);
    const staff = await createStaffUser(db);
    const sid = await startSession({ kind: "customer", id: user.id }, { method: "password" });
    expect(await checkSession(sid, { kind: "customer", id: other.id })).toBe(false);
    expect(await checkSession(sid, { kind: "staff", id: staff.id })).toBe(false);
    expect(await checkSession("not-a-uuid", { kind: "customer", id: user.id })).toBe(false);
    expect(await checkSession(undefined, { kind: "customer", id: user.id })).toBe(false);
  });

  it("of a staff member works the same way", async () => {
    const staff = await createStaffUser(db);
    const principal = { kind: "staff" as const, id: staff.id };
    const sid = await startSession(principal, { method: "password" });
    expect(await checkSession(sid, principal)).toBe(true);
    await endSession(sid);
    expect(await checkSession(sid, principal)).toBe(false);
  });

  it("is closed for every device when support voids the account", async () => {
    const user = await createUser(db);
    const staff = await createStaffUser(db);
    const phone = await startSession({ kind: "customer", id: user.id }, { method: "password" });
    const laptop = await startSession({ kind: "customer", id: user.id }, { method: "eleg" });
    await voidUserAccount({ kind: "staff", staffId: staff.id, name: staff.name, email: staff.email, role: "SUPPORT" }, { userId: user.id, reason: "Kunden bad om det" });
    expect(await db.authSession.count({ where: { id: { in: [phone, laptop] }, endReason: "REVOKED" } })).toBe(2);
  });
});
