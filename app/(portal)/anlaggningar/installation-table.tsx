import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { RowHeader, Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { formatMeteringPointId } from "@/domain/identity";
import type { InstallationsPageView } from "@/server/installations/get-installations-view";
import { textLink } from "@/components/ui/text-link";


/** One page of installations, each row with the checkbox of the selection form around it. */
export async function InstallationTable({ view }: { view: InstallationsPageView }) {
  const [t, tc, tg] = await Promise.all([getTranslations("installations"), getTranslations("common"), getTranslations("groups")]);
  const { group, customer, showCustomerColumn } = view;
  const caption = group
    ? tg("captionGroup", { name: group.name })
    : customer
      ? t("captionCustomer", { customer: `${customer.name} (${customer.number})` })
      : t("captionAll");
  return (
    <Table caption={caption} showCaption className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <THead>
        <Th className="w-12">
          <span className="sr-only">{tg("selectColumn")}</span>
        </Th>
        <Th>{t("colInstallation")}</Th>
        <Th>{t("colType")}</Th>
        <Th>{t("colMeteringPoint")}</Th>
        <Th>{t("colProperty")}</Th>
        <Th>{t("colArea")}</Th>
        {showCustomerColumn ? <Th>{t("colCustomer")}</Th> : null}
      </THead>
      <TBody>
        {view.result.items.map((i) => (
          <tr key={i.id}>
            <Td className="align-top">
              <input type="checkbox" name={`anl.${i.id}`} value="1" aria-label={tg("selectRow", { name: i.name ?? i.street })} className="mt-1 h-4 w-4 accent-sky-800" />
            </Td>
            <RowHeader>
              <Link href={`/anlaggningar/${i.id}`} className={textLink}>
                {i.name ?? i.street}
              </Link>
              <span className="block text-slate-700">
                {i.name ? `${i.street}, ` : ""}
                {i.postalCode} {i.city}
              </span>
              {i.status === "TERMINATED" ? <Badge tone="neutral" className="mt-1">{t("terminated")}</Badge> : null}
            </RowHeader>
            <Td>{t(`type.${i.type}`)}</Td>
            <Td className="whitespace-nowrap font-mono tabular-nums">{formatMeteringPointId(i.meteringPointId)}</Td>
            <Td>{i.propertyDesignation ?? tc("none")}</Td>
            <Td>{i.priceArea}</Td>
            {showCustomerColumn ? <Td>{i.customerNumber}</Td> : null}
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
