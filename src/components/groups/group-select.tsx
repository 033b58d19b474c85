// The select of the user's installation groups, shared by the installation list's search and the
// consumption page's selection (both read ?grupp=<id>). Plain markup: works in server components.
const select = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 focus:outline-none focus:ring-2 focus:ring-sky-600";

export function GroupSelect({
  id,
  groups,
  defaultValue,
  label,
  noneLabel,
  hint,
  className,
}: {
  id: string;
  groups: { id: string; name: string }[];
  defaultValue: string;
  label: string;
  noneLabel: string;
  hint?: string;
  className?: string;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <select id={id} name="grupp" defaultValue={defaultValue} aria-describedby={hintId} className={select}>
        <option value="">{noneLabel}</option>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
    </div>
  );
}
