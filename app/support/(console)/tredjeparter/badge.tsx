/** A status as text with a colour cue (the text carries the meaning, not the colour). */
export function Badge({ tone, children }: { tone: "ok" | "warn" | "bad" | "neutral"; children: React.ReactNode }) {
  const style = {
    ok: "border-green-700 bg-green-50 text-green-900",
    warn: "border-amber-700 bg-amber-50 text-amber-900",
    bad: "border-red-700 bg-red-50 text-red-900",
    neutral: "border-slate-500 bg-slate-50 text-slate-800",
  }[tone];
  return <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${style}`}>{children}</span>;
}
