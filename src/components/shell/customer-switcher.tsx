import { getTranslations } from "next-intl/server";
import type { CustomerAccess } from "@/server/access/actor";
import { switchCustomer } from "@/server/actions/preferences";
import { buttonClass } from "@/components/ui/button";

/** Shown only to users with several customer numbers; a plain form that works without JavaScript. */
export async function CustomerSwitcher({ customers, activeId, returnTo }: { customers: CustomerAccess[]; activeId: string; returnTo: string }) {
  if (customers.length < 2) return null;
  const t = await getTranslations("nav");
  return (
    <form action={switchCustomer} className="flex items-end gap-2">
      <input type="hidden" name="returnTo" value={returnTo} />
      <div>
        <label htmlFor="customer-switcher" className="block text-xs font-medium text-slate-700">
          {t("customerSwitcher")}
        </label>
        <select
          id="customer-switcher"
          name="customerId"
          defaultValue={activeId}
          title={t("customerSwitcherHint")}
          className="mt-0.5 rounded-md border border-slate-400 bg-white px-2 py-1 text-sm"
        >
          {customers.map((c) => (
            <option key={c.customerId} value={c.customerId}>
              {c.customerNumber} – {c.customerName}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass({ variant: "secondary", size: "sm" })}>
        {t("switch")}
      </button>
    </form>
  );
}
