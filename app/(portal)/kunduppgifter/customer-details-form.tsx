"use client";
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { Field, FieldError, RadioChoice, SelectField } from "@/components/ui/field";
import { FormMessage, SubmitButton } from "@/components/ui/form-status";
import { idle } from "@/lib/action-state";
import { updateCustomerDetailsAction } from "@/server/actions/customer-actions";

export type CustomerDetailsFormValues = {
  customerId: string;
  email: string;
  phone: string;
  invoiceCareOf: string;
  invoiceStreet: string;
  invoicePostalCode: string;
  invoiceCity: string;
  invoiceCountry: string;
  invoiceDelivery: string;
  invoiceEmail: string;
};

const deliveries = ["EINVOICE", "PAPER", "EMAIL"] as const;
const countries = ["SE", "DK", "FI"] as const;

const fieldset = "mb-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm";
const legend = "px-1 text-lg font-semibold text-slate-900";

/** Contact details, invoice address and invoice delivery; works without JavaScript too. */
export function CustomerDetailsForm({ initial }: { initial: CustomerDetailsFormValues }) {
  const t = useTranslations("customer");
  const id = useId();
  const [state, action] = useActionState(updateCustomerDetailsAction, idle);
  // After a failed save the form shows what the user typed; otherwise what is stored.
  const v: CustomerDetailsFormValues = state.status === "error" && state.values ? { ...initial, ...state.values } : initial;
  const e = state.fieldErrors ?? {};
  const deliveryErrorId = `${id}-delivery-error`;

  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="customerId" value={initial.customerId} />

      <fieldset className={fieldset}>
        <legend className={legend}>{t("contactTitle")}</legend>
        <Field label={t("email")} name="email" type="email" autoComplete="email" defaultValue={v.email} errors={e.email} />
        <Field label={t("phone")} name="phone" type="tel" autoComplete="tel" hint={t("phoneHint")} defaultValue={v.phone} errors={e.phone} className="mb-0" />
      </fieldset>

      <fieldset className={fieldset}>
        <legend className={legend}>{t("invoiceAddressTitle")}</legend>
        <Field label={t("careOf")} name="invoiceCareOf" hint={t("careOfHint")} defaultValue={v.invoiceCareOf} errors={e.invoiceCareOf} />
        <Field label={t("street")} name="invoiceStreet" autoComplete="street-address" required defaultValue={v.invoiceStreet} errors={e.invoiceStreet} />
        <div className="grid gap-x-4 sm:grid-cols-[12rem_1fr]">
          <Field
            label={t("postalCode")}
            name="invoicePostalCode"
            autoComplete="postal-code"
            inputMode="numeric"
            required
            hint={t("postalCodeHint")}
            defaultValue={v.invoicePostalCode}
            errors={e.invoicePostalCode}
          />
          <Field label={t("city")} name="invoiceCity" autoComplete="address-level2" required defaultValue={v.invoiceCity} errors={e.invoiceCity} />
        </div>
        <SelectField
          label={t("country")}
          name="invoiceCountry"
          autoComplete="country"
          defaultValue={v.invoiceCountry}
          errors={e.invoiceCountry}
          options={countries.map((c) => ({ value: c, label: t(`countries.${c}`) }))}
          className="mb-0 max-w-xs"
        />
      </fieldset>

      <fieldset className={fieldset} aria-describedby={e.invoiceDelivery?.length ? deliveryErrorId : undefined}>
        <legend className={legend}>{t("deliveryTitle")}</legend>
        <p className="mb-3 text-slate-800">{t("deliveryLegend")}</p>
        <div className="space-y-3">
          {deliveries.map((d) => (
            <RadioChoice key={d} groupId={id} name="invoiceDelivery" value={d} defaultChecked={v.invoiceDelivery === d} label={t(`delivery.${d}`)} hint={t(`deliveryHint.${d}`)} />
          ))}
        </div>
        <FieldError id={deliveryErrorId} errors={e.invoiceDelivery} className="mt-2" />
        <Field
          label={t("invoiceEmail")}
          name="invoiceEmail"
          type="email"
          autoComplete="email"
          hint={t("invoiceEmailHint")}
          defaultValue={v.invoiceEmail}
          errors={e.invoiceEmail}
          className="mb-0 mt-5"
        />
      </fieldset>

      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}
