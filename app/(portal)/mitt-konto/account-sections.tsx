import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/page-header";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { MyAccountView } from "@/server/eleg/get-my-account-view";
import { AuthorisedPersonForm } from "./authorised-person-form";

const section = "mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm";

/** "Mina underskrifter": what the user signed with e-legitimation, newest first. */
export async function SignaturesSection({ signatures, locale }: { signatures: MyAccountView["signatures"]; locale: string }) {
  const t = await getTranslations("eleg");
  return (
    <Card title={t("signatures.title")} headingId="my-signatures" className="mt-6">
      <Table caption={t("signatures.caption")}>
        <THead columns={[t("signatures.when"), t("signatures.what"), t("signatures.text")]} />
        <TBody>
          {signatures.map((s) => (
            <Tr key={s.id}>
              <Td className="whitespace-nowrap tabular-nums">{formatDateTime(s.signedAt, locale)}</Td>
              <RowHeader>{s.kind === "other" ? t("signatures.purpose.other", { purpose: s.purpose }) : t(`signatures.purpose.${s.kind}`)}</RowHeader>
              <Td className="max-w-xl">{s.text}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

/** "Skapa ny användare" and, per administered customer, the authorised persons it has. */
export async function AuthorisedPersonsSection({ administered, authorised, locale }: Pick<MyAccountView, "administered" | "authorised"> & { locale: string }) {
  const t = await getTranslations("eleg");
  return (
    <section aria-labelledby="create-user" className={section}>
      <h2 id="create-user" className="mb-1 text-lg font-semibold text-slate-900">
        {t("register.title")}
      </h2>
      <p className="mb-4 max-w-prose text-slate-800">{t("register.intro")}</p>
      <AuthorisedPersonForm customers={administered} />

      <h3 className="mb-2 mt-8 text-base font-semibold text-slate-900">{t("register.listTitle")}</h3>
      {authorised.map((c) => (
        <Table key={c.customerId} caption={t("register.caption", { customer: `${c.customerName} (${c.customerNumber})` })} showCaption className="mb-6 rounded-md border border-slate-200">
          {c.persons.length ? (
            <>
              <THead columns={[t("register.colName"), t("register.colNumber"), t("register.colRole"), t("register.colSignIn"), t("register.colLastLogin")]} />
              <TBody>
                {c.persons.map((p) => (
                  <Tr key={p.userId}>
                    <RowHeader>{p.name}</RowHeader>
                    <Td className="whitespace-nowrap tabular-nums">{p.personalIdNumber}</Td>
                    <Td>{t(`roles.${p.role}`)}</Td>
                    <Td>{p.hasPassword ? t("register.elegAndPassword") : t("register.elegOnly")}</Td>
                    <Td className="whitespace-nowrap tabular-nums">{p.lastLoginAt ? formatDateTime(p.lastLoginAt, locale) : t("register.never")}</Td>
                  </Tr>
                ))}
              </TBody>
            </>
          ) : (
            <TBody>
              <Tr>
                <Td className="text-slate-700">{t("register.none")}</Td>
              </Tr>
            </TBody>
          )}
        </Table>
      ))}
    </section>
  );
}
