import "server-only";
import type { StaffActor } from "@/server/access/actor";
import { listAuditLog, type AuditPage } from "./list-audit-log";
import { KNOWN_AUDIT_ACTIONS, parseAuditFilter } from "./schemas";

export type AuditLogView = ReturnType<typeof parseAuditFilter> & {
  /** Null when the filter is invalid: its errors are shown and no rows (never everything). */
  log: AuditPage | null;
  /** The actions to filter by: the known ones, and one asked for in the address that is not. */
  actions: string[];
  /** Where the first and last row shown fall in the whole result (1-based; 0 when empty). */
  shown: { from: number; to: number };
};

/** Support's audit log: the filter from the address, its errors, and the page of entries it selects. */
export async function getAuditLogView(staff: StaffActor, params: Record<string, string | string[] | undefined>): Promise<AuditLogView> {
  const parsed = parseAuditFilter(params);
  const log = parsed.filter ? await listAuditLog(staff, parsed.filter) : null;
  const actions: string[] = [...KNOWN_AUDIT_ACTIONS];
  if (parsed.raw.action && !actions.includes(parsed.raw.action)) actions.push(parsed.raw.action);
  const offset = log ? (log.page - 1) * log.pageSize : 0;
  return { ...parsed, log, actions, shown: { from: log?.rows.length ? offset + 1 : 0, to: log ? offset + log.rows.length : 0 } };
}
