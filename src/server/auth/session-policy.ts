import "server-only";
import type { SessionPolicy } from "@/domain/auth/session-rules";
import { env } from "@/server/env";

/** The idle and absolute lifetimes from the environment (SESSION_MAX_AGE_MINUTES, SESSION_ABSOLUTE_HOURS). */
export function sessionPolicy(): SessionPolicy {
  return { idleMs: env().SESSION_MAX_AGE_MINUTES * 60_000, absoluteMs: env().SESSION_ABSOLUTE_HOURS * 3600_000 };
}
