/**
 * The versions of a contract's invoice for one period. Every invoice of a billing run has a billing
 * key "<contract id>:<period start>:v<n>" (unique in the database); a correction credits the
 * current version and issues v(n+1), so at most one version of a period is not CREDITED.
 * Pure TypeScript; docs/decisions/008-billing-runs.md.
 */

export interface InvoiceVersion {
  id: string;
  invoiceNumber: string;
  contractId: string;
  version: number;
  status: "ISSUED" | "PAID" | "CREDITED";
  totalAmountMinor: number;
  ratingHash: string | null;
}

const BILLING_KEY = /^([0-9a-f-]{36}):(\d{4}-\d{2}-\d{2}):v(\d+)$/;

export function billingKeyOf(contractId: string, periodStart: string, version: number): string {
  return `${contractId}:${periodStart}:v${version}`;
}

/** The billing key of the credit note that credits a version. */
export function creditBillingKeyOf(contractId: string, periodStart: string, version: number): string {
  return `${billingKeyOf(contractId, periodStart, version)}:credit`;
}

/** An invoice's billing key taken apart, or null when it is not an invoice's key. */
export function parseBillingKey(key: string): { contractId: string; periodStart: string; version: number } | null {
  const match = BILLING_KEY.exec(key);
  return match ? { contractId: match[1]!, periodStart: match[2]!, version: Number(match[3]) } : null;
}

/** The current (not credited) version, or null. */
export function currentOf(versions: readonly InvoiceVersion[] | undefined): InvoiceVersion | null {
  if (!versions) return null;
  for (let i = versions.length - 1; i >= 0; i--) if (versions[i]!.status !== "CREDITED") return versions[i]!;
  return null;
}

/**
 * Whether a planned document still applies to the versions found when it is written: it issues
 * `version`, replacing the current version `replaces` (null for a first invoice or after a credit
 * note), and nobody issued a version in between.
 */
export function stillApplies(versions: readonly InvoiceVersion[], planned: { version: number; replaces: string | null }): boolean {
  const current = currentOf(versions);
  const latest = versions[versions.length - 1]?.version ?? 0;
  return (current?.id ?? null) === planned.replaces && latest === planned.version - 1;
}
