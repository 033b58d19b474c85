import Form from "next/form";
import { getTranslations } from "next-intl/server";
import { GroupSelect } from "@/components/groups/group-select";
import { CustomerFilter } from "@/components/search/customer-filter";
import { FilterActions } from "@/components/search/filter-actions";
import { Field, SelectField } from "@/components/ui/field";
import type { InstallationsPageView } from "@/server/installations/get-installations-view";
import { installationTypes, listHref, typeSlugs } from "@/server/installations/installation-list-params";
import { Card } from "@/components/ui/page-header";

/** The search: text, type, group and (with several customer numbers) customer, as a plain GET form. */
export async function SearchSection({ view }: { view: InstallationsPageView }) {
  const [t, tg] = await Promise.all([getTranslations("installations"), getTranslations("groups")]);
  const { params, groups, group } = view;
  return (
    <Card title={t("searchTitle")} className="mb-6">
      <Form action="/anlaggningar" role="search" className={`grid items-end gap-x-4 ${groups.length ? "md:grid-cols-[1fr_12rem_12rem_auto]" : "md:grid-cols-[1fr_12rem_auto]"}`}>
        <Field label={t("searchLabel")} name="q" type="search" hint={t("searchHint")} defaultValue={params.q} maxLength={100} />
        <SelectField
          label={t("typeFilter")}
          name="typ"
          defaultValue={params.type ? typeSlugs[params.type] : ""}
          options={[{ value: "", label: t("allTypes") }, ...installationTypes.map((type) => ({ value: typeSlugs[type], label: t(`type.${type}`) }))]}
        />
        {groups.length ? (
          <GroupSelect id="installation-group" groups={groups} defaultValue={group?.id ?? ""} label={tg("filter")} noneLabel={tg("filterNone")} className="mb-4" />
        ) : null}
        {view.customers.length > 1 ? (
          <CustomerFilter
            label={t("customerFilter")}
            allLabel={t("allCustomers")}
            customers={view.customers}
            value={params.customer}
            className="mb-4 md:col-span-2 md:row-start-2"
          />
        ) : null}
        <FilterActions
          submitLabel={t("searchButton")}
          clear={view.filtered ? { href: listHref({ customer: params.customer }), label: t("clear") } : null}
          className="mb-4 flex flex-wrap items-center gap-4"
        />
      </Form>
    </Card>
  );
}
