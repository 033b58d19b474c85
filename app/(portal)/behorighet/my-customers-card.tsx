import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/page-header";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import type { AccessCustomerRow } from "@/server/access/get-access-view";
import { AddCustomerForm } from "./access-forms";
import { textLink } from "@/components/ui/text-link";


/** "Mina kunder": the customer numbers the user may see, at which level, and the way to add one. */
export async function MyCustomersCard({ customers }: { customers: AccessCustomerRow[] }) {
  const t = await getTranslations("access");
  return (
    <Card title={t("myCustomers.title")} className="mb-6">
      <Table caption={t("myCustomers.caption")} density="compact" empty={customers.length === 0 ? t("myCustomers.none") : undefined}>
        <THead columns={[t("myCustomers.customerNumber"), t("myCustomers.name"), t("myCustomers.level"), t("myCustomers.installations"), { label: t("myCustomers.actions"), hidden: true }]} />
        <TBody>
          {customers.map((c) => (
            <Tr key={c.customerId}>
              <RowHeader className="font-medium tabular-nums">{c.customerNumber}</RowHeader>
              <Td>
                {c.customerName}
                {c.viaCompany ? <span className="block text-xs text-slate-600">{t("myCustomers.via", { company: c.viaCompany })}</span> : null}
              </Td>
              <Td>{t(`roles.${c.role}`)}</Td>
              <Td>{c.allInstallations ? t("myCustomers.allInstallations", { count: c.installationCount }) : t("myCustomers.someInstallations", { count: c.installationCount })}</Td>
              <Td>
                {c.manage === "shown" ? (
                  <span className="text-slate-700">{t("myCustomers.shownBelow")}</span>
                ) : c.manage === "link" ? (
                  <Link href={`/behorighet?kund=${c.customerId}`} className={textLink}>
                    {t("myCustomers.manage")}
                    <span className="sr-only"> {c.customerNumber}</span>
                  </Link>
                ) : null}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <details className="mt-4 rounded-md border border-slate-200 p-4" open={customers.length === 0}>
        <summary className="cursor-pointer font-medium text-sky-900">{t("addCustomer.toggle")}</summary>
        <p className="my-3 max-w-2xl text-sm text-slate-700">{t("addCustomer.intro")}</p>
        <AddCustomerForm />
      </details>
    </Card>
  );
}
