import Form from "next/form";
import { getTranslations } from "next-intl/server";
import { GroupSelect } from "@/components/groups/group-select";
import { formatMeteringPointId } from "@/domain/identity";
import { TYPICAL_PROFILES } from "@/domain/consumption/typical-consumption";
import { consumptionHref, granularitySlugs, quantitySlugs, typicalSlugs } from "@/server/consumption/consumption-page-params";
import type { ConsumptionPageView } from "@/server/consumption/get-consumption-view";
import { input, label } from "./classes";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/page-header";

/** The selection: a group, installations, quantity, period and comparisons (a plain GET form). */
export async function SelectionSection({ view }: { view: ConsumptionPageView }) {
  const [t, tg] = await Promise.all([getTranslations("consumption"), getTranslations("groups")]);
  const { groups, group, period } = view;
  return (
    <Card title={t("selection.title")} className="mb-6">
      {/* Keyed by the shown state: after a tab or quick-period link the fields start from it again. */}
      <Form key={consumptionHref(view.state)} action="/forbrukning" className="grid gap-4 lg:grid-cols-2">
        <input type="hidden" name="niva" value={granularitySlugs[view.granularity]} />
        {groups.length ? (
          <GroupSelect
            id="consumption-group"
            groups={groups}
            defaultValue={group?.id ?? ""}
            label={tg("consumption.label")}
            hint={tg("consumption.hint")}
            noneLabel={tg("consumption.none")}
          />
        ) : null}
        <InstallationChoices view={view} />
        <div>
          <label htmlFor="consumption-quantity" className={label}>
            {t("selection.quantity")}
          </label>
          <select id="consumption-quantity" name="storhet" defaultValue={quantitySlugs[view.quantity]} className={input}>
            {view.offered.map((q) => (
              <option key={q} value={quantitySlugs[q]}>
                {t(`quantity.${q}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          {(
            [
              { end: "from", name: "fran" },
              { end: "to", name: "till" },
            ] as const
          ).map(({ end, name }) => (
            <div key={end}>
              <label htmlFor={`consumption-${end}`} className={label}>
                {t(`selection.${end}`)}
              </label>
              <input id={`consumption-${end}`} type="date" name={name} defaultValue={period[end]} required className={input} />
            </div>
          ))}
        </div>
        <div className="space-y-3">
          <label className="flex items-center gap-2 text-slate-900">
            <input type="checkbox" name="fjol" value="1" defaultChecked={view.previousYear} className="h-4 w-4" />
            {t("selection.previousYear")}
          </label>
          {view.typicalAllowed ? (
            <div>
              <label htmlFor="consumption-typical" className={label}>
                {t("selection.typical")}
              </label>
              <p id="consumption-typical-hint" className="mt-0.5 text-sm text-slate-600">
                {t("selection.typicalHint")}
              </p>
              <select id="consumption-typical" name="normal" defaultValue={view.typical ? typicalSlugs[view.typical] : ""} aria-describedby="consumption-typical-hint" className={input}>
                <option value="">{t("selection.typicalNone")}</option>
                {TYPICAL_PROFILES.map((profile) => (
                  <option key={profile} value={typicalSlugs[profile]}>
                    {t(`typical.${profile}`)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
        <div className="lg:col-span-2">
          <Button type="submit">
            {t("selection.show")}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

/** One checkbox per installation offered (and "all"), or the only one as a hidden field. */
async function InstallationChoices({ view }: { view: ConsumptionPageView }) {
  const [t, ti] = await Promise.all([getTranslations("consumption"), getTranslations("installations")]);
  const { choices, selection } = view;
  if (choices.length <= 1) return <input type="hidden" name="anl" value={choices[0]!.id} />;
  return (
    <fieldset className="lg:row-span-3">
      <legend className={label}>{t("selection.installations")}</legend>
      <p className="mt-0.5 text-sm text-slate-600">{t("selection.installationsHint")}</p>
      <div className="mt-2 max-h-64 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
        <label className="flex items-start gap-2 font-medium text-slate-900">
          <input type="checkbox" name="anl" value="alla" defaultChecked={selection === "all"} className="mt-1 h-4 w-4" />
          {t("selection.all", { count: choices.length })}
        </label>
        {choices.map((c) => (
          <div key={c.id} className="flex items-start gap-2 text-slate-900">
            <input
              id={`anl-${c.id}`}
              type="checkbox"
              name="anl"
              value={c.id}
              defaultChecked={selection !== "all" && selection.includes(c.id)}
              aria-describedby={`anl-${c.id}-info`}
              className="mt-1 h-4 w-4"
            />
            <div>
              <label htmlFor={`anl-${c.id}`}>{c.name ?? c.street}</label>
              <span id={`anl-${c.id}-info`} className="block text-sm text-slate-600">
                {ti(`type.${c.type}`)} · <span className="tabular-nums">{formatMeteringPointId(c.meteringPointId)}</span>
              </span>
            </div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
