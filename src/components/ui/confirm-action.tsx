import { ActionForm } from "./action-form";
import { SubmitButton } from "./form-status";
import type { ActionState } from "@/lib/action-state";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

function HiddenFields({ fields }: { fields: Record<string, string> }) {
  return Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
}

/**
 * One button that runs one action for one row ("Återkalla", "Signera"): the ids go as hidden
 * fields, and `subject` names the row for screen readers (the button's text is the same in every row).
 */
export function RowAction({
  action,
  fields,
  label,
  subject,
  hint,
  className,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  subject: string;
  hint?: string;
  className?: string;
}) {
  return (
    <ActionForm action={action} className={className}>
      <HiddenFields fields={fields} />
      {hint ? <p className="mb-2 text-xs text-slate-700">{hint}</p> : null}
      <SubmitButton variant="secondary">
        {label}
        <span className="sr-only"> {subject}</span>
      </SubmitButton>
    </ActionForm>
  );
}

/**
 * A destructive step behind a disclosure: "Ta bort" opens a short confirmation with the one button
 * that does it. `subject` names what it acts on for screen readers (one row of many).
 */
export function ConfirmAction({
  summary,
  subject,
  action,
  fields,
  confirm,
  submit,
}: {
  summary: string;
  subject: string;
  action: Action;
  fields: Record<string, string>;
  confirm: string;
  submit: string;
}) {
  return (
    <details>
      <summary className="cursor-pointer py-2 text-sm font-medium text-red-800">
        {summary}
        <span className="sr-only"> {subject}</span>
      </summary>
      <ActionForm action={action} className="mt-2 max-w-xs">
        <HiddenFields fields={fields} />
        <p className="mb-2 text-sm text-slate-800">{confirm}</p>
        <SubmitButton variant="danger">{submit}</SubmitButton>
      </ActionForm>
    </details>
  );
}
