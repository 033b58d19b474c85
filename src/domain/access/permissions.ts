// What each membership level may do. The one place the portal decides it; server functions call
// `can` and the UI only hides what the server would refuse anyway.
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
  | "inviteManagementCompany";

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
};

export function can(role: Role, permission: Permission): boolean {
  return matrix[permission].includes(role);
}

export const permissions = Object.keys(matrix) as Permission[];
