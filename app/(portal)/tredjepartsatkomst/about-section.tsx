import { getTranslations } from "next-intl/server";

export async function AboutSection() {
  const t = await getTranslations("thirdParty.about");
  return (
    <section id="om" aria-labelledby="om-rubrik" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="om-rubrik" className="mb-3 text-lg font-semibold text-slate-900">
        {t("title")}
      </h2>
      <div className="max-w-prose space-y-3 text-slate-800">
        <p>{t("what")}</p>
        <p>{t("decide")}</p>
        <p>{t("end")}</p>
        <p>{t("log")}</p>
        <p>{t("cost")}</p>
        <p className="text-sm text-slate-700">{t("help")}</p>
      </div>
    </section>
  );
}
