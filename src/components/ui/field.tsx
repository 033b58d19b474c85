"use client";
import { useTranslations } from "next-intl";
import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: ReactNode;
  name: string;
  hint?: ReactNode;
  /** Translation keys from the action's fieldErrors. */
  errors?: string[];
};

const controlClass = (invalid: boolean) =>
  `mt-1 block w-full rounded-md border px-3 py-2 text-slate-900 shadow-sm focus:outline-none focus:ring-2 focus:ring-sky-600 ${invalid ? "border-red-700" : "border-slate-400"}`;

/**
 * Label (with the required mark), hint and error around one control; `control` gets the id and
 * the aria attributes that tie them together, so the hint and error are announced with it.
 */
function FieldFrame({
  label,
  hint,
  errors,
  required,
  className,
  control,
}: {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  required?: boolean;
  className?: string;
  control: (aria: { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined }) => ReactNode;
}) {
  const t = useTranslations();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className={className ?? "mb-4"}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
        {required ? <span className="sr-only"> ({t("common.required")})</span> : null}
        {required ? <span aria-hidden="true" className="text-red-700"> *</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {control({ id, "aria-invalid": errors?.length ? true : undefined, "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined })}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

/**
 * A field's or a group's error (translation keys from the action's fieldErrors), nothing without
 * one; `id` is what the control's aria-describedby names.
 */
export function FieldError({ id, errors, className = "mt-1" }: { id?: string; errors?: string[]; className?: string }) {
  const t = useTranslations();
  if (!errors?.length) return null;
  return (
    <p id={id} className={`${className} text-sm font-medium text-red-700`}>
      {errors.map((e) => t(e)).join(" ")}
    </p>
  );
}

/** One radio with its label and a hint announced with it; ids are `${groupId}-${value}` and `…-hint`. */
export function RadioChoice({ groupId, name, value, defaultChecked, label, hint }: { groupId: string; name: string; value: string; defaultChecked: boolean; label: ReactNode; hint: ReactNode }) {
  const id = `${groupId}-${value}`;
  return (
    <div className="flex items-start gap-3">
      <input id={id} type="radio" name={name} value={value} defaultChecked={defaultChecked} aria-describedby={`${id}-hint`} className="mt-1 h-4 w-4 accent-sky-800" />
      <div>
        <label htmlFor={id} className="font-medium text-slate-900">
          {label}
        </label>
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      </div>
    </div>
  );
}

/** A labelled input whose hint and error are announced with it (aria-describedby). */
export function Field({ label, name, hint, errors, className, required, ...input }: FieldProps) {
  const frame = { label, hint, errors, required, className };
  return <FieldFrame {...frame} control={(aria) => <input {...aria} name={name} required={required} className={controlClass(Boolean(errors?.length))} {...input} />} />;
}

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: ReactNode; name: string; hint?: ReactNode; errors?: string[] };

/** A labelled multi-line text field, like Field. */
export function TextAreaField({ label, name, hint, errors, className, required, rows = 3, ...textarea }: TextAreaFieldProps) {
  const frame = { label, hint, errors, required, className };
  return <FieldFrame {...frame} control={(aria) => <textarea {...aria} name={name} rows={rows} required={required} className={controlClass(Boolean(errors?.length))} {...textarea} />} />;
}

type SelectProps = React.SelectHTMLAttributes<HTMLSelectElement> & {
  label: ReactNode;
  name: string;
  errors?: string[];
  options: { value: string; label: string }[];
};

export function SelectField({ label, name, errors, options, className, ...select }: SelectProps) {
  const id = useId();
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className={className ?? "mb-4"}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errorId}
        className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 focus:outline-none focus:ring-2 focus:ring-sky-600"
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

/**
 * The box a destructive step must have ticked ("Jag förstår att …"); the server refuses the step
 * without it, and its error is announced with the box.
 */
export function ConfirmCheckbox({ label, errors, name = "confirm" }: { label: string; errors?: string[]; name?: string }) {
  const id = useId();
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="mb-4">
      <div className="flex items-start gap-2">
        <input
          id={id}
          name={name}
          type="checkbox"
          required
          aria-invalid={errorId ? true : undefined}
          aria-describedby={errorId}
          className="mt-1 h-4 w-4 rounded border-slate-500 accent-red-700 focus:ring-2 focus:ring-sky-600"
        />
        <label htmlFor={id} className="text-sm font-medium text-slate-900">
          {label}
        </label>
      </div>
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}
