import { describe, expect, it } from "vitest";
import { can, customerWidePermissions, may, permissions, type Role } from "./permissions";

const expected: Record<Role, string[]> = {
  ADMINISTRATOR: ["view", "download", "export", "changeCustomerDetails", "registerServiceInterest", "decideThirdPartyRequests", "signAddOns", "manageUsers", "inviteManagementCompany", "viewCheckCode"],
  FULL: ["view", "download", "export", "changeCustomerDetails", "registerServiceInterest", "decideThirdPartyRequests"],
  READ: ["view", "download", "export"],
};

describe("access matrix", () => {
  for (const role of Object.keys(expected) as Role[]) {
    for (const permission of permissions) {
      const allowed = expected[role].includes(permission);
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }
});

describe("customer-wide permissions need the customer's own membership of all installations", () => {
  const whole = { allInstallations: true, viaManagement: false };
  const restricted = { allInstallations: false, viaManagement: false };
  const managed = { allInstallations: true, viaManagement: true };

  it("are the customer's details, its users and management companies, and its check code", () => {
    expect([...customerWidePermissions].sort()).toEqual(["changeCustomerDetails", "inviteManagementCompany", "manageUsers", "viewCheckCode"]);
  });

  for (const role of Object.keys(expected) as Role[]) {
    for (const permission of permissions) {
      const wide = customerWidePermissions.includes(permission);
      it(`${role} ${permission}: whole own ${can(role, permission)}, restricted or managed ${can(role, permission) && !wide}`, () => {
        expect(may({ role, ...whole }, permission)).toBe(can(role, permission));
        expect(may({ role, ...restricted }, permission)).toBe(can(role, permission) && !wide);
        expect(may({ role, ...managed }, permission)).toBe(can(role, permission) && !wide);
      });
    }
  }
});
