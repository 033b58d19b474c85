import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/format";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { getInvitation } from "@/server/access/get-invitation";
import { currentActor } from "@/server/auth/session";
import { AcceptInvitationForm } from "./accept-form";
import { textLink } from "@/components/ui/text-link";

export async function generateMetadata(): Promise<Metadata> {
  // The token is in the path: do not send it on to other sites.
  return { title: (await getTranslations("access"))("accept.title"), referrer: "no-referrer" };
}


/** The page an invitation mail links to: what is offered, and accepting it in one step. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, ta, locale, actor] = await Promise.all([getTranslations("access"), getTranslations("auth"), getLocale(), currentActor()]);
  const invitation = await getInvitation(token, actor?.kind === "customer" ? actor : null);

  if (invitation.state !== "valid") {
    return (
      <div>
        <h1 className="mb-6 text-2xl font-semibold">{t("accept.title")}</h1>
        <div role="alert" className="rounded-md border border-red-700 bg-red-50 px-4 py-3 text-red-900">
          <p className="font-medium">{t(`accept.state.${invitation.state}`)}</p>
          <p className="mt-2">{t("accept.askAgain")}</p>
        </div>
        <p className="mt-6 text-sm">
          <Link href="/logga-in" className={textLink}>
            {ta("signIn")}
          </Link>
        </p>
      </div>
    );
  }

  const summary =
    invitation.kind === "CUSTOMER_USER"
      ? t("accept.summary.CUSTOMER_USER", {
          inviter: invitation.inviterName,
          customer: `${invitation.customer?.name} (${invitation.customer?.customerNumber})`,
          role: t(`roles.${invitation.role ?? "READ"}`),
        })
      : invitation.kind === "MANAGEMENT_COMPANY"
        ? t("accept.summary.MANAGEMENT_COMPANY", {
            inviter: invitation.inviterName,
            customer: `${invitation.customer?.name} (${invitation.customer?.customerNumber})`,
            company: invitation.company?.name ?? invitation.company?.organisationNumber ?? "",
          })
        : t("accept.summary.MANAGER", { inviter: invitation.inviterName, company: invitation.company?.name ?? "" });
  const scope =
    invitation.kind === "MANAGER" ? null : invitation.installationCount === null ? t("accept.scopeAll") : t("accept.scopeSome", { count: invitation.installationCount });
  // A company new to the portal is registered under the name the customer gave (not the acceptor's).
  const newCompany = invitation.kind === "MANAGEMENT_COMPANY" && !invitation.company?.registered;
  const signedIn = actor?.kind === "customer";

  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">{t("accept.title")}</h1>
      <div className="mb-6 rounded-md border border-slate-200 bg-white p-4 text-slate-900 shadow-sm">
        <p>{summary}</p>
        {scope ? <p className="mt-2 text-sm text-slate-700">{scope}</p> : null}
        {newCompany ? (
          <p className="mt-2 text-sm text-slate-700">
            {t("accept.companyIntro", { company: invitation.company?.name ?? invitation.company?.organisationNumber ?? "", number: invitation.company?.organisationNumber ?? "" })}
          </p>
        ) : null}
        <p className="mt-2 text-sm text-slate-700">
          {t("accept.for", { email: invitation.email })} · {t("accept.validUntil", { date: formatDateTime(invitation.expiresAt, locale) })}
        </p>
      </div>

      {actor?.kind === "staff" ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 px-4 py-3 text-red-900">
          {t("accept.staffSignedIn")}
        </p>
      ) : signedIn && !invitation.signedInMatches ? (
        <div role="alert" className="rounded-md border border-red-700 bg-red-50 px-4 py-3 text-red-900">
          <p>{t("errors.otherEmail")}</p>
          <p className="mt-2">{t("accept.otherEmailDetail", { signedIn: invitation.signedInEmail ?? "–", invited: invitation.email })}</p>
          <div className="mt-3">
            <SignOutButton label={ta("signOut")} to={`/inbjudan/${token}`} />
          </div>
        </div>
      ) : (
        <AcceptInvitationForm
          token={token}
          email={invitation.email}
          mode={signedIn ? "signedIn" : invitation.accountExists ? "password" : "newAccount"}
        />
      )}
    </div>
  );
}
