import "server-only";
import type { BillingCycle, BillingPeriod } from "@/domain/billing/billing-period";
import type { Db } from "@/server/db/create-client";

const dbDate = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** The cycle and period's unfinished run (RUNNING after a crash, or FAILED) again, or a new run. */
export async function startOrResumeRun(db: Db, cycle: BillingCycle, period: BillingPeriod): Promise<{ runId: string; resumed: boolean }> {
  const unfinished = await db.billingRun.findFirst({
    where: { cycle, periodStart: dbDate(period.from), periodEnd: dbDate(period.to), status: { in: ["RUNNING", "FAILED"] } },
    orderBy: { startedAt: "desc" },
    select: { id: true, status: true },
  });
  if (unfinished) {
    if (unfinished.status !== "RUNNING") await db.billingRun.update({ where: { id: unfinished.id }, data: { status: "RUNNING" } });
    return { runId: unfinished.id, resumed: true };
  }
  const run = await db.billingRun.create({ data: { cycle, periodStart: dbDate(period.from), periodEnd: dbDate(period.to), status: "RUNNING" } });
  return { runId: run.id, resumed: false };
}
