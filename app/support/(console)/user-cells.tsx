import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { RowHeader, Td } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { SupportCustomerUser } from "@/server/support/get-customer-for-support";

/** A user's e-mail address, or the former one of a voided account, or "no e-mail". */
async function UserEmail({ email, voidedEmail }: { email: string | null; voidedEmail: string | null }) {
  const t = await getTranslations("support");
  return <>{email ?? (voidedEmail ? t("formerEmail", { email: voidedEmail }) : t("noEmail"))}</>;
}

/** When the user last signed in (Swedish time of the reader's locale), or "never". */
export async function LastLogin({ at }: { at: Date | null }) {
  const [t, locale] = await Promise.all([getTranslations("support"), getLocale()]);
  return at ? <time dateTime={at.toISOString()}>{formatDateTime(at, locale)}</time> : <>{t("neverSignedIn")}</>;
}

/** The first cells of a user's row: the name as the row's header, then the e-mail address. */
export function UserNameAndEmailCells({ user }: { user: Pick<SupportCustomerUser, "name" | "email" | "voidedEmail"> }) {
  return (
    <>
      <RowHeader>{user.name}</RowHeader>
      <Td className="break-all">
        <UserEmail email={user.email} voidedEmail={user.voidedEmail} />
      </Td>
    </>
  );
}

/** The account's status as a badge: active is good, voided is not. */
export async function UserStatusBadge({ status }: { status: SupportCustomerUser["status"] }) {
  const t = await getTranslations("support");
  return <Badge tone={status === "ACTIVE" ? "ok" : "bad"}>{t(`status.${status}`)}</Badge>;
}
