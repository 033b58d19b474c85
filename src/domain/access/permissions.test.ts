import { describe, expect, it } from "vitest";
import { can, permissions, type Role } from "./permissions";

const expected: Record<Role, string[]> = {
  ADMINISTRATOR: ["view", "download", "export", "changeCustomerDetails", "registerServiceInterest", "decideThirdPartyRequests", "signAddOns", "manageUsers", "inviteManagementCompany"],
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
