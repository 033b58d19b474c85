import Form from "next/form";
import { getTranslations } from "next-intl/server";
import type { PeriodGranularity } from "@/domain/consumption/periods";
import { granularitySlugs, quantitySlugs, typicalSlugs, type HrefState } from "@/server/consumption/consumption-page-params";
import { label } from "./classes";
import { Button } from "@/components/ui/button";

/** "Go to" a year, a month or a day without typing dates: plain selects, no script needed. */
export async function JumpForm({ granularity, state, today, locale }: { granularity: PeriodGranularity; state: HrefState; today: string; locale: string }) {
  const t = await getTranslations("consumption");
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: 11 }, (_, i) => thisYear - i);
  const monthName = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", { month: "long", timeZone: "UTC" });
  const hidden = (
    <>
      {state.group ? (
        <input type="hidden" name="grupp" value={state.group} />
      ) : state.installations === "all" ? (
        <input type="hidden" name="anl" value="alla" />
      ) : (
        state.installations.map((id) => <input key={id} type="hidden" name="anl" value={id} />)
      )}
      {state.quantity !== "ENERGY_KWH" ? <input type="hidden" name="storhet" value={quantitySlugs[state.quantity]} /> : null}
      <input type="hidden" name="niva" value={granularitySlugs[granularity]} />
      {state.previousYear ? <input type="hidden" name="fjol" value="1" /> : null}
      {state.typical ? <input type="hidden" name="normal" value={typicalSlugs[state.typical]} /> : null}
    </>
  );
  const small = "mt-1 block rounded-md border border-slate-400 bg-white px-2 py-1.5 text-slate-900 focus:outline-none focus:ring-2 focus:ring-sky-600";
  return (
    <Form action="/forbrukning" className="mb-4 flex flex-wrap items-end justify-center gap-3">
      {hidden}
      {granularity === "hour" ? (
        <div>
          <label htmlFor="jump-day" className={label}>
            {t("period.pickDay")}
          </label>
          <input id="jump-day" type="date" name="dag" defaultValue={state.to} max={today} className={small} />
        </div>
      ) : (
        <>
          {granularity === "day" ? (
            <div>
              <label htmlFor="jump-month" className={label}>
                {t("period.pickMonth")}
              </label>
              <select id="jump-month" name="manad" defaultValue={String(Number(state.to.slice(5, 7)))} className={small}>
                {Array.from({ length: 12 }, (_, i) => (
                  <option key={i} value={String(i + 1)}>
                    {monthName.format(new Date(Date.UTC(2000, i, 1)))}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div>
            <label htmlFor="jump-year" className={label}>
              {t("period.pickYear")}
            </label>
            <select id="jump-year" name="ar" defaultValue={state.to.slice(0, 4)} className={small}>
              {years.map((y) => (
                <option key={y} value={String(y)}>
                  {y}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <Button type="submit" variant="secondary">
        {t("period.go")}
      </Button>
    </Form>
  );
}
