import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requireCustomer } from "@/server/auth/session";
import { getSharingView } from "@/server/third-party/get-sharing-view";
import type { SearchParams } from "@/server/third-party/sharing-page-params";
import { AboutSection } from "./about-section";
import { ActiveSection } from "./active-section";
import { link, type Ctx } from "./cells";
import { InactiveSection } from "./inactive-section";
import { LogSection } from "./log-section";
import { Outcome } from "./outcome";
import { PendingSection } from "./pending-section";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("thirdParty"))("title") };
}

/**
 * Tredjepartsåtkomst (seed 002): the requests waiting for the customer (approve with
 * e-legitimation, decline after a confirmation), the active consents (end), the ended ones, and
 * the sharing log with filters and export.
 */
export default async function ThirdPartyAccessPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireCustomer();
  const [t, locale, sp] = await Promise.all([getTranslations("thirdParty"), getLocale(), searchParams]);
  const view = await getSharingView(actor, { searchParams: sp });
  // An installation the user does not see: refused like every other link to someone else's data.
  if (view.kind === "notFound") notFound();
  const ctx: Ctx = { t, locale, several: view.several };

  return (
    <>
      <PageHeader
        title={t("title")}
        intro={
          <>
            {t("intro")}{" "}
            <a href="#om" className={link}>
              {t("aboutLink")}
            </a>
          </>
        }
      />
      <Outcome outcome={view.outcome} />
      <PendingSection pending={view.pending} ctx={ctx} now={view.now} />
      <ActiveSection view={view.active} ctx={ctx} />
      <InactiveSection inactive={view.inactive} ctx={ctx} />
      <LogSection log={view.log} ctx={ctx} />
      <AboutSection />
    </>
  );
}
