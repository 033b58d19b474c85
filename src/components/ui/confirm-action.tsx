import { ActionForm } from "./action-form";
import { SubmitButton } from "./form-status";
import type { ActionState } from "@/server/actions/action-state";

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
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
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
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p className="mb-2 text-sm text-slate-800">{confirm}</p>
        <SubmitButton variant="danger">{submit}</SubmitButton>
      </ActionForm>
    </details>
  );
}
