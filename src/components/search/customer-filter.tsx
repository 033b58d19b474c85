import { SelectField } from "@/components/ui/field";

export type FilterCustomer = { id: string; number: string; name: string };

/**
 * The customer-number filter of a list (installations, invoices): each of the user's customers,
 * then "all" (the address says "alla"). Lists show it only to a user with several customer numbers.
 */
export function CustomerFilter({
  label,
  allLabel,
  customers,
  value,
  className,
}: {
  label: string;
  allLabel: string;
  customers: FilterCustomer[];
  /** The customer filtered on, or "all". */
  value: string;
  className?: string;
}) {
  return (
    <SelectField
      label={label}
      name="kund"
      defaultValue={value === "all" ? "alla" : value}
      options={[...customers.map((c) => ({ value: c.id, label: `${c.number} – ${c.name}` })), { value: "alla", label: allLabel }]}
      className={className}
    />
  );
}
