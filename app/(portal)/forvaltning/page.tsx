import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OutcomeBanner } from "@/components/ui/outcome-banner";
import { PageHeader } from "@/components/ui/page-header";
import { getManagementOverview } from "@/server/access/get-management-overview";
import { requireCustomer } from "@/server/auth/session";
import { CompanySection } from "./company-section";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("access"))("management.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const SIGNING_FAILURES = ["utgangen", "fel-anvandare", "fel-person", "upptagen", "annan-koppling", "fel-text", "leverantor"] as const;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/**
 * Förvaltning (seed 001): for the people of a property management company. Its administrators see
 * the company's clients, invite managers and give each of them clients or installations, and ask a
 * client for access with its customer number and organisation number (a request the client
 * answers; the check code for a client without administrators; or their own signature as the
 * client's signatory); a manager sees what they were given.
 */
export default async function ManagementPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireCustomer();
  const companies = await getManagementOverview(actor);
  // Only for the people of a management company; to anyone else the page does not exist.
  if (companies.length === 0) notFound();
  const [t, sp] = await Promise.all([getTranslations("access"), searchParams]);
  return (
    <>
      <PageHeader title={t("management.title")} intro={t("management.intro")} />
      <SigningOutcome sp={sp} />
      {companies.map((company) => (
        <CompanySection key={company.id} company={company} />
      ))}
    </>
  );
}

/** The banner after a signing as the client's signatory (the address says what happened). */
async function SigningOutcome({ sp }: { sp: Awaited<SearchParams> }) {
  const [t, te] = await Promise.all([getTranslations("access.management"), getTranslations("eleg")]);
  const outcome = first(sp.utfall);
  const signing = first(sp.signering);
  let message: { ok: boolean; text: string } | null = null;
  if (outcome === "signerad") message = { ok: true, text: t("outcome.signed") };
  else if (outcome === "misslyckat") message = { ok: false, text: t(first(sp.orsak) === "ingen-signatur" ? "outcome.failed.ingen-signatur" : "outcome.failed.andrad") };
  else if (signing === "avbruten") message = { ok: false, text: t("outcome.cancelled") };
  else if (signing === "fel") message = { ok: false, text: te(`outcome.failed.${SIGNING_FAILURES.find((r) => r === first(sp.orsak)) ?? "leverantor"}`) };
  if (!message) return null;
  return <OutcomeBanner ok={message.ok}>{message.text}</OutcomeBanner>;
}
