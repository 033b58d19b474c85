// Who is asking. Every server function receives an actor and scopes its queries by it.
import type { Role } from "@/domain/access/permissions";

export type CustomerAccess = {
  customerId: string;
  customerNumber: string;
  customerName: string;
  role: Role;
  allInstallations: boolean;
  installationIds: string[];
  /** True when the access comes through a property management company's grant (a manager's). */
  viaManagement: boolean;
};

/** The user's place in a property management company (förvaltningsbolag). */
type ManagementMembership = {
  managementCompanyId: string;
  companyName: string;
  role: "ADMINISTRATOR" | "MANAGER";
};

export type CustomerActor = {
  kind: "customer";
  userId: string;
  name: string;
  email: string | null;
  customers: CustomerAccess[];
  /** Management companies the user belongs to (absent where an actor is built by hand). */
  managementCompanies?: ManagementMembership[];
};

export type StaffActor = { kind: "staff"; staffId: string; name: string; email: string; role: "SUPPORT" | "ADMIN" };

export type Actor = CustomerActor | StaffActor;
