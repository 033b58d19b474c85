import "server-only";
import { env } from "@/server/env";

export type ElegConfig = { issuer: string; clientId: string; clientSecret: string; providerName: string };

/** The e-legitimation broker, or null when none is configured (then the portal offers none). */
export function elegConfig(): ElegConfig | null {
  const e = env();
  if (!e.ELEG_ISSUER || !e.ELEG_CLIENT_ID || !e.ELEG_CLIENT_SECRET) return null;
  return { issuer: e.ELEG_ISSUER.replace(/\/$/, ""), clientId: e.ELEG_CLIENT_ID, clientSecret: e.ELEG_CLIENT_SECRET, providerName: e.ELEG_PROVIDER_NAME };
}
