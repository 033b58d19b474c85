import Form from "next/form";
import { getTranslations } from "next-intl/server";
import { CustomerFilter } from "@/components/search/customer-filter";
import { FilterActions, IgnoredFilters } from "@/components/search/filter-actions";
import { Field, SelectField } from "@/components/ui/field";
import type { InvoiceListPageView } from "@/server/invoices/get-invoice-list-view";
import { statusSlugs } from "@/server/invoices/invoice-list-params";
import { INVOICE_STATUS_FILTERS } from "@/server/invoices/list-invoices";
import { invoiceListHref } from "./list-params";
import { Card } from "@/components/ui/page-header";

/** The list's filters as a plain GET form; a filter that could not be used shows its message. */
export async function InvoiceFilter({ view }: { view: InvoiceListPageView }) {
  const t = await getTranslations("invoices");
  const { params, errors } = view;
  const errorOf = (key: keyof typeof errors) => (errors[key] ? [errors[key]!] : undefined);
  return (
    <Card title={t("filterTitle")} className="mb-6">
      <Form action="/fakturor" role="search" className="grid items-end gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
        {params.tab === "unpaid" ? <input type="hidden" name="flik" value="obetalda" /> : null}
        <Field label={t("filterInvoiceNumber")} name="nr" defaultValue={params.invoiceNumber} inputMode="numeric" maxLength={40} />
        <Field label={t("filterMeteringPoint")} name="anl" defaultValue={params.meteringPoint} inputMode="numeric" maxLength={40} />
        <Field label={t("filterProperty")} name="fastighet" hint={t("filterPropertyHint")} defaultValue={params.property} maxLength={100} />
        <Field label={t("filterAddress")} name="adress" hint={t("filterAddressHint")} defaultValue={params.address} maxLength={100} />
        <SelectField
          label={t("filterStatus")}
          name="status"
          defaultValue={params.status ? statusSlugs[params.status] : ""}
          options={[{ value: "", label: t("statusAll") }, ...INVOICE_STATUS_FILTERS.map((s) => ({ value: statusSlugs[s], label: t(`statusFilter.${s}`) }))]}
        />
        <Field label={t("filterDateFrom")} name="fran" type="date" defaultValue={params.from} errors={errorOf("from")} />
        <Field label={t("filterDateTo")} name="till" type="date" defaultValue={params.to} errors={errorOf("to")} />
        <div className="hidden lg:block" aria-hidden="true" />
        <Field
          label={t("filterAmountFrom")}
          name="belopp-fran"
          hint={t("filterAmountHint")}
          defaultValue={params.amountFrom}
          inputMode="decimal"
          maxLength={30}
          errors={errorOf("amountFrom")}
        />
        <Field label={t("filterAmountTo")} name="belopp-till" hint={t("filterAmountHint")} defaultValue={params.amountTo} inputMode="decimal" maxLength={30} errors={errorOf("amountTo")} />
        {view.customers.length > 1 ? (
          <CustomerFilter label={t("filterCustomer")} allLabel={t("allCustomers")} customers={view.customers} value={params.customer} />
        ) : (
          <input type="hidden" name="kund" value={params.customer === "all" ? "alla" : params.customer} />
        )}
        <FilterActions
          submitLabel={t("filterButton")}
          clear={view.filtered ? { href: invoiceListHref({ tab: params.tab, customer: params.customer }), label: t("clearFilters") } : null}
          className="mb-4 flex flex-wrap items-end gap-4 sm:col-span-2 lg:col-span-4"
        />
      </Form>
      <IgnoredFilters errors={errors} message={t("ignoredFilters")} />
    </Card>
  );
}
