import { getTranslations } from "next-intl/server";
import { AppFrame } from "@/components/shell/app-frame";
import { currentPath } from "@/components/shell/current-path";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { requireStaff } from "@/server/auth/session";
import { listReviewQueue } from "@/server/third-party/list-for-staff";

// Every console page sits under this guard: staff only. Customers are sent to their start page,
// anonymous visitors to the staff sign-in. Each server function checks the actor again.
export default async function SupportConsoleLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  const [t, tn, tc, tp, path, queue] = await Promise.all([
    getTranslations("support"),
    getTranslations("nav"),
    getTranslations("common"),
    getTranslations("thirdPartyAdmin"),
    currentPath(),
    listReviewQueue(staff),
  ]);
  return (
    <AppFrame
      title={`${tc("company")} · ${t("console")}`}
      navLabel={t("navLabel")}
      nav={[
        { href: "/support", label: tn("supportCustomers"), exact: true, alsoCurrentFor: ["/support/kunder"] },
        { href: "/support/logg", label: tn("supportAudit") },
        { href: "/support/import", label: (await getTranslations("meterImport"))("nav") },
        { href: "/support/tredjeparter", label: tp("nav.register"), notCurrentFor: ["/support/tredjeparter/granskning"] },
        {
          href: "/support/tredjeparter/granskning",
          label: (
            <span className="flex items-center justify-between gap-2">
              {tp("nav.review")}
              {queue.length ? (
                <span className="rounded-full border border-amber-700 bg-amber-100 px-2 text-xs font-semibold text-amber-950">
                  <span aria-hidden="true">{queue.length}</span>
                  <span className="sr-only">{`(${tp("nav.reviewCount", { count: queue.length })})`}</span>
                </span>
              ) : null}
            </span>
          ),
        },
      ]}
      headerItems={
        <>
          <p className="text-sm text-slate-700">{t("signedInAs", { name: staff.name, role: t(`staffRole.${staff.role}`) })}</p>
          <LanguageSwitch returnTo={path} />
          <SignOutButton label={tn("signOut")} to="/support/logga-in" />
        </>
      }
    >
      {children}
    </AppFrame>
  );
}
