import "server-only";
import { may } from "@/domain/access/permissions";
import type { CustomerActor } from "@/server/access/actor";
import { toInstallationOption, type InstallationOption } from "@/server/access/installation-option";
import { listAccessLog, type AccessLogEntry } from "@/server/access/list-access-log";
import { listCustomerAccess, type CompanyGrant, type CustomerAccessOverview } from "@/server/access/list-customer-access";
import { listInstallationChoices } from "@/server/access/list-installation-choices";
import { listMyCustomers, type MyCustomer } from "@/server/access/list-my-customers";

/** One of the user's customer numbers; `manage` says whether it is the one shown below, or can be. */
export type AccessCustomerRow = MyCustomer & { manage: "shown" | "link" | null };

export type CustomerAccessView = Omit<CustomerAccessOverview, "grants" | "members"> & {
  /** "Name (customer number)", as headings and confirmations name the customer. */
  label: string;
  members: (CustomerAccessOverview["members"][number] & { lastAdministrator: boolean })[];
  /** Requests from management companies waiting for an answer. */
  requests: CompanyGrant[];
  /** Invited and active management companies. */
  companies: CompanyGrant[];
  choices: InstallationOption[];
  log: AccessLogEntry[];
};

export type AccessView = {
  customers: AccessCustomerRow[];
  /** The customer the user administers and looks at (`?kund=`, else the active one, else the first). */
  selected: CustomerAccessView | null;
};

/**
 * What the Behörighet page shows: the user's customer numbers and, for a customer the user
 * administers, who has access, open invitations, management companies and the access log. Every
 * list is access-checked in its own function; this one picks the customer and shapes the result.
 */
export async function getAccessView(actor: CustomerActor, params: { customerId?: string; activeCustomerId?: string }): Promise<AccessView> {
  const administered = actor.customers.filter((c) => may(c, "manageUsers"));
  const selectedId = (
    administered.find((c) => c.customerId === params.customerId) ??
    administered.find((c) => c.customerId === params.activeCustomerId) ??
    administered[0]
  )?.customerId;
  const [mine, selected] = await Promise.all([listMyCustomers(actor), selectedId ? getCustomerAccess(actor, selectedId) : null]);
  const customers = mine.map((c) => ({
    ...c,
    manage: !administered.some((a) => a.customerId === c.customerId) ? null : c.customerId === selectedId ? ("shown" as const) : ("link" as const),
  }));
  return { customers, selected };
}

async function getCustomerAccess(actor: CustomerActor, customerId: string): Promise<CustomerAccessView> {
  const [access, installations, log] = await Promise.all([
    listCustomerAccess(actor, customerId),
    listInstallationChoices(actor, customerId),
    listAccessLog(actor, customerId),
  ]);
  const { grants, members, ...rest } = access;
  return {
    ...rest,
    label: `${access.customer.name} (${access.customer.customerNumber})`,
    members: members.map((m) => ({ ...m, lastAdministrator: m.role === "ADMINISTRATOR" && access.administratorCount <= 1 })),
    requests: grants.filter((g) => g.status === "REQUESTED"),
    companies: grants.filter((g) => g.status !== "REQUESTED"),
    choices: installations.map(toInstallationOption),
    log,
  };
}
