// Labels of consumption buckets from their local wall time (YYYY-MM-DDTHH:mm). The wall time is
// formatted as if it were UTC, so no time zone can shift it; the installation's zone is already in it.
import type { PeriodGranularity } from "@/domain/consumption/periods";

const intlLocale = (locale: string) => (locale === "en" ? "en-GB" : "sv-SE");
const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: "UTC" })));
  return f;
}

const wall = (localStart: string) => new Date(`${localStart.length === 10 ? `${localStart}T00:00` : localStart}:00Z`);

export type BucketLabels = { label: string; tick: string };

/**
 * Long label (table, tooltip) and short tick (chart axis) of a bucket. Hours carry their date
 * unless the view is a single day, and the hour repeated when daylight saving time ends is told
 * apart by its UTC offset ("02:00 (UTC+2)" and "02:00 (UTC+1)").
 */
export function bucketLabels(
  b: { start: string; localStart: string },
  granularity: PeriodGranularity,
  locale: string,
  options: { singleDay: boolean; singleYear: boolean; repeated: boolean },
): BucketLabels {
  const d = wall(b.localStart);
  switch (granularity) {
    case "year":
      return { label: b.localStart.slice(0, 4), tick: b.localStart.slice(0, 4) };
    case "month": {
      const label = fmt(locale, { month: "long", year: "numeric" }).format(d);
      const tick = fmt(locale, options.singleYear ? { month: "short" } : { month: "short", year: "2-digit" }).format(d);
      return { label: capitalize(label), tick };
    }
    case "day":
      return {
        label: fmt(locale, { weekday: "short", day: "numeric", month: "short", year: "numeric" }).format(d),
        tick: fmt(locale, { day: "numeric", month: "short" }).format(d),
      };
    case "hour": {
      const time = b.localStart.slice(11, 16);
      const offsetHours = Math.round((d.getTime() - Date.parse(b.start)) / 3_600_000);
      const suffix = options.repeated ? ` (UTC${offsetHours >= 0 ? "+" : "−"}${Math.abs(offsetHours)})` : "";
      const date = fmt(locale, { day: "numeric", month: "short" }).format(d);
      return {
        label: options.singleDay ? `${time}${suffix}` : `${date} ${time}${suffix}`,
        tick: options.singleDay ? time : `${date} ${time}`,
      };
    }
  }
}

/** A calendar date for headings: "1 jan. 2025" / "1 Jan 2025". */
export function dateLabel(date: string, locale: string): string {
  return fmt(locale, { day: "numeric", month: "short", year: "numeric" }).format(wall(date));
}

function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}
