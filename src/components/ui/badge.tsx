export type BadgeTone = "ok" | "warn" | "bad" | "neutral" | "info";

const tones: Record<BadgeTone, string> = {
  ok: "border-green-700 bg-green-50 text-green-900",
  warn: "border-amber-700 bg-amber-50 text-amber-900",
  bad: "border-red-700 bg-red-50 text-red-900",
  neutral: "border-slate-500 bg-slate-50 text-slate-800",
  info: "border-sky-700 bg-sky-50 text-sky-900",
};

/**
 * A status as text with a colour cue: the text always carries the meaning, the colour is a second
 * cue only (WCAG 1.4.1), so every badge has its words.
 */
export function Badge({ tone, children, className }: { tone: BadgeTone; children: React.ReactNode; className?: string }) {
  return <span className={`inline-block whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-semibold ${tones[tone]} ${className ?? ""}`.trimEnd()}>{children}</span>;
}
