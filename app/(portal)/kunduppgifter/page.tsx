import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { activeCustomer, requireCustomer } from "@/server/auth/session";
import { getCustomerDetails, type CustomerDetailsView } from "@/server/customers/get-customer-details";
import { CustomerDetailsForm } from "./customer-details-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("customer"))("title") };
}

const personalSchemes = new Set(["SE_PERSONNUMMER", "SE_SAMORDNINGSNUMMER", "DK_CPR", "FI_HETU"]);

export default async function CustomerDetailsPage() {
  const actor = await requireCustomer();
  const active = await activeCustomer(actor);
  const t = await getTranslations("customer");
  if (!active) {
    return (
      <>
        <PageHeader title={t("title")} />
        <p className="text-slate-800">{t("noCustomer")}</p>
      </>
    );
  }
  const c = await getCustomerDetails(actor, active.customerId);

  return (
    <>
      <PageHeader title={t("title")} intro={c.canEdit ? t("intro") : t("introReadOnly")} />

      <Card title={t("customerTitle")} className="mb-6">
        <dl className="grid gap-x-6 gap-y-2 text-slate-900 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-700">{t("customerNumber")}</dt>
          <dd>{c.customerNumber}</dd>
          <dt className="font-medium text-slate-700">{t("name")}</dt>
          <dd>{c.name}</dd>
          <dt className="font-medium text-slate-700">{t(`nationalId.${c.nationalIdScheme}`)}</dt>
          <dd>
            {c.nationalIdDisplay}
            {personalSchemes.has(c.nationalIdScheme) ? <span className="sr-only"> ({t("nationalIdMasked")})</span> : null}
          </dd>
          <dt className="font-medium text-slate-700">{t("customerType")}</dt>
          <dd>{t(`kind.${c.kind}`)}</dd>
          <dt className="font-medium text-slate-700">{t("market")}</dt>
          <dd>{t(`markets.${c.market}`)}</dd>
          <dt className="font-medium text-slate-700">{t("address")}</dt>
          <dd>
            {c.street}, {c.postalCode} {c.city}
          </dd>
        </dl>
        <p className="mt-4 rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-800">{t("lockedNote")}</p>
      </Card>

      {c.checkCode ? (
        <Card title={t("checkCodeTitle")} className="mb-6">
          <p className="mb-3 max-w-2xl text-sm text-slate-700">{t("checkCodeIntro")}</p>
          <dl className="grid gap-x-6 gap-y-2 text-slate-900 sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium text-slate-700">{t("checkCodeLabel")}</dt>
            <dd className="font-mono text-lg tracking-wider">{c.checkCode}</dd>
          </dl>
        </Card>
      ) : null}

      {c.canEdit ? (
        <CustomerDetailsForm
          initial={{
            customerId: c.id,
            email: c.email ?? "",
            phone: c.phone ?? "",
            invoiceCareOf: c.invoiceCareOf ?? "",
            invoiceStreet: c.invoiceStreet,
            invoicePostalCode: c.invoicePostalCode,
            invoiceCity: c.invoiceCity,
            invoiceCountry: c.invoiceCountry,
            invoiceDelivery: c.invoiceDelivery,
            invoiceEmail: c.invoiceEmail ?? "",
          }}
        />
      ) : (
        <ReadOnlyDetails c={c} />
      )}
    </>
  );
}

async function ReadOnlyDetails({ c }: { c: CustomerDetailsView }) {
  const t = await getTranslations("customer");
  const missing = <span className="text-slate-700">{t("notProvided")}</span>;
  const row = (label: string, value: React.ReactNode) => (
    <>
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd>{value}</dd>
    </>
  );
  const dl = "grid gap-x-6 gap-y-2 text-slate-900 sm:grid-cols-[max-content_1fr]";
  return (
    <>
      <p role="note" className="mb-6 rounded-md border border-sky-800 bg-sky-50 px-4 py-3 text-sm text-slate-900">
        {c.readOnlyBecause === "someInstallations"
          ? t("readOnlyNoteSomeInstallations")
          : c.readOnlyBecause === "managementCompany"
            ? t("readOnlyNoteManagementCompany")
            : t("readOnlyNote")}
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("contactTitle")}>
          <dl className={dl}>
            {row(t("email"), c.email ?? missing)}
            {row(t("phone"), c.phone ?? missing)}
          </dl>
        </Card>
        <Card title={t("invoiceAddressTitle")}>
          <dl className={dl}>
            {c.invoiceCareOf ? row(t("careOf"), c.invoiceCareOf) : null}
            {row(t("street"), c.invoiceStreet)}
            {row(t("postalCode"), c.invoicePostalCode)}
            {row(t("city"), c.invoiceCity)}
            {row(t("country"), t.has(`countries.${c.invoiceCountry}`) ? t(`countries.${c.invoiceCountry}`) : c.invoiceCountry)}
          </dl>
        </Card>
        <Card title={t("deliveryTitle")}>
          <dl className={dl}>
            {row(t("deliveryMethod"), t(`delivery.${c.invoiceDelivery}`))}
            {row(t("invoiceEmail"), c.invoiceEmail ?? missing)}
          </dl>
        </Card>
      </div>
    </>
  );
}
