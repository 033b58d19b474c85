import { beforeEach, describe, expect, it } from "vitest";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { customerActorOf } from "../../../tests/support/actors";
import { companyWithUsers } from "../../../tests/support/access";
import { getAccessView } from "./get-access-view";

const db = getTestDb();
beforeEach(async () => resetDatabase());

describe("the Behörighet page's view", () => {
  it("shows the asked-for administered customer, else the active one, else the first; never one the user only reads", async () => {
    const a = await companyWithUsers(db, 2);
    const b = await companyWithUsers(db, 1);
    // Ada administers A; she reads B.
    await db.membership.create({ data: { userId: a.admin.id, customerId: b.customer.id, role: "READ", allInstallations: true } });
    const actor = await customerActorOf(a.admin);

    const first = await getAccessView(actor, {});
    expect(first.selected?.customer.id).toBe(a.customer.id);
    expect(first.customers.map((c) => [c.customerId, c.manage]).sort()).toEqual(
      [
        [a.customer.id, "shown"],
        [b.customer.id, null],
      ].sort(),
    );
    // A customer the user may not administer is never selected, whatever the address says.
    expect((await getAccessView(actor, { customerId: b.customer.id, activeCustomerId: b.customer.id })).selected?.customer.id).toBe(a.customer.id);

    const view = first.selected!;
    expect(view.label).toBe(`${view.customer.name} (${view.customer.customerNumber})`);
    expect(view.choices).toHaveLength(2);
    // The only administrator cannot be demoted or removed.
    expect(view.members.filter((m) => m.lastAdministrator).map((m) => m.name)).toEqual(["Ada Admin"]);
  });

  it("has no customer section for a user who administers nothing", async () => {
    const a = await companyWithUsers(db, 1);
    const view = await getAccessView(await customerActorOf(a.read), { customerId: a.customer.id });
    expect(view.selected).toBeNull();
    expect(view.customers.map((c) => c.manage)).toEqual([null]);
  });
});
