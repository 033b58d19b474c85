import "server-only";
import { may } from "@/domain/access/permissions";
import type { CustomerAccess, CustomerActor } from "@/server/access/actor";
import { countManagementRequestsToHandle } from "@/server/access/count-management-requests";
import { countRequestsToHandle } from "@/server/third-party/list-third-party-access";
import { getStartOverview, type StartOverview } from "./get-start-overview";

export type StartView = {
  overview: StartOverview;
  /** Requests for meter data the user may answer, over all their customers. */
  meterDataRequests: number;
  /** Management companies' requests for access that wait for the user's answer, and where. */
  companyRequests: { count: number; customerId: string | null };
  /** Whether the user may change the active customer's details (the link's wording). */
  canEditCustomer: boolean;
};

/** The start page for the active customer: overview, what waits for an answer, and the user's level. */
export async function getStartView(actor: CustomerActor, active: CustomerAccess): Promise<StartView> {
  const [overview, meterDataRequests, companyRequests] = await Promise.all([
    getStartOverview(actor, active.customerId),
    countRequestsToHandle(actor),
    countManagementRequestsToHandle(actor),
  ]);
  return { overview, meterDataRequests, companyRequests, canEditCustomer: may(active, "changeCustomerDetails") };
}
