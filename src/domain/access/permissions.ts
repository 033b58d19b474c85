// What each membership level may do. The one place the portal decides it; server functions call
// `may` (or `can` for a bare level) and the UI only hides what the server would refuse anyway.
export type Role = "ADMINISTRATOR" | "FULL" | "READ";

export type Permission =
  | "view"
  | "download"
  | "export"
  | "changeCustomerDetails"
  | "registerServiceInterest"
  | "decideThirdPartyRequests"
  | "signAddOns"
  | "manageUsers"
  | "inviteManagementCompany"
  | "viewCheckCode";

const matrix: Record<Permission, readonly Role[]> = {
  view: ["ADMINISTRATOR", "FULL", "READ"],
  download: ["ADMINISTRATOR", "FULL", "READ"],
  export: ["ADMINISTRATOR", "FULL", "READ"],
  changeCustomerDetails: ["ADMINISTRATOR", "FULL"],
  registerServiceInterest: ["ADMINISTRATOR", "FULL"],
  decideThirdPartyRequests: ["ADMINISTRATOR", "FULL"],
  signAddOns: ["ADMINISTRATOR"],
  manageUsers: ["ADMINISTRATOR"],
  // Letting a property management company in is managing users, at company scale.
  inviteManagementCompany: ["ADMINISTRATOR"],
  // The check code on the invoices lets whoever has it claim a customer without administrators.
  viewCheckCode: ["ADMINISTRATOR"],
};

/** Whether a level carries a permission, whatever the access covers (the matrix of docs/access-levels.md). */
export function can(role: Role, permission: Permission): boolean {
  return matrix[permission].includes(role);
}

export const permissions = Object.keys(matrix) as Permission[];

/**
 * Permissions on the customer as a whole rather than on installations: its contact and invoice
 * details, who has access to it (users, management companies, authorised persons) and its check
 * code. They need the customer's own membership covering all its installations: a member
 * restricted to some installations, or anyone whose access comes through a management company's
 * grant, would otherwise change (or hand out) more than they were given.
 */
export const customerWidePermissions: readonly Permission[] = ["changeCustomerDetails", "manageUsers", "inviteManagementCompany", "viewCheckCode"];

export const isCustomerWide = (permission: Permission) => customerWidePermissions.includes(permission);

/** What a membership is: its level, whether it covers every installation, and whether it is the customer's own. */
export type AccessBasis = { role: Role; allInstallations: boolean; viaManagement: boolean };

/** Whether this access carries the permission: the level (`can`), and for customer-wide permissions a whole, own membership. */
export function may(access: AccessBasis, permission: Permission): boolean {
  if (!can(access.role, permission)) return false;
  return !isCustomerWide(permission) || (access.allInstallations && !access.viaManagement);
}
