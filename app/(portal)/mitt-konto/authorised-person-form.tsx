"use client";
import { useTranslations } from "next-intl";
import { startTransition, useEffect, useRef } from "react";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-status";
import { useFormAction } from "@/components/ui/action-form";
import { registerAuthorisedPersonAction } from "@/server/actions/eleg-actions";
import { buttonClass } from "@/components/ui/button";

const roles = ["READ", "FULL", "ADMINISTRATOR"] as const;

/** "Skapa ny användare": name, personal identity number and level for one of the user's customers. */
export function AuthorisedPersonForm({ customers }: { customers: { id: string; label: string }[] }) {
  const t = useTranslations("eleg");
  // Without JavaScript the page comes back with what was typed (v).
  const { state, action, pending, values: v, errors: e } = useFormAction(registerAuthorisedPersonAction);
  const form = useRef<HTMLFormElement>(null);
  // After a failed attempt the form keeps what was typed (it is submitted by hand, so React does
  // not reset it); after a success it starts empty.
  useEffect(() => {
    if (state.status === "ok") form.current?.reset();
  }, [state]);
  return (
    <form
      ref={form}
      action={action}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => action(data));
      }}
    >
      <FormMessage state={state} />
      {customers.length > 1 ? (
        <SelectField label={t("register.customer")} name="customerId" defaultValue={v.customerId} options={customers.map((c) => ({ value: c.id, label: c.label }))} errors={e.customerId} />
      ) : (
        <input type="hidden" name="customerId" value={customers[0]?.id ?? ""} />
      )}
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field label={t("register.name")} name="name" autoComplete="off" required defaultValue={v.name} errors={e.name} maxLength={100} />
        <Field
          label={t("register.personalIdNumber")}
          name="personalIdNumber"
          autoComplete="off"
          inputMode="numeric"
          required
          hint={t("register.personalIdNumberHint")}
          defaultValue={v.personalIdNumber}
          errors={e.personalIdNumber}
          maxLength={20}
        />
      </div>
      <SelectField
        label={t("register.role")}
        name="role"
        defaultValue={v.role ?? "READ"}
        options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        errors={e.role}
        className="mb-4 max-w-xs"
      />
      <button
        type="submit"
        disabled={pending}
        className={buttonClass()}
      >
        {pending ? t("register.submitting") : t("register.submit")}
      </button>
    </form>
  );
}
