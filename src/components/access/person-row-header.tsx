import { getTranslations } from "next-intl/server";
import { RowHeader } from "@/components/ui/table";

/**
 * The row header naming a person in an access table (a customer's users, a management company's
 * people): name, "(du)" for the reader, e-mail, then anything more about them as children.
 */
export async function PersonRowHeader({ name, email, isSelf, children }: { name: React.ReactNode; email: React.ReactNode; isSelf: boolean; children?: React.ReactNode }) {
  const t = await getTranslations("access");
  return (
    <RowHeader>
      <span className="font-medium">{name}</span>
      {isSelf ? <span className="text-slate-700"> {t("members.you")}</span> : null}
      <span className="block break-all text-slate-700">{email}</span>
      {children}
    </RowHeader>
  );
}
