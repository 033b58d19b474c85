/** An account's status as text with a colour cue (the text carries the meaning, not the colour). */
export function StatusBadge({ status, label }: { status: "ACTIVE" | "VOIDED"; label: string }) {
  const style = status === "ACTIVE" ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900";
  return <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-semibold ${style}`}>{label}</span>;
}
