import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { DetailList, DetailRow } from "@/components/ui/detail-list";
import { OutcomeBanner } from "@/components/ui/outcome-banner";
import { PageHeader } from "@/components/ui/page-header";
import { formatOrganisationNumber } from "@/domain/access/organisation-number";
import { addDays, localDate, localMidnightUtc } from "@/domain/time/zoned";
import { formatDate, formatDateTime } from "@/lib/format";
import { requireStaff } from "@/server/auth/session";
import { listReviewQueue } from "@/server/third-party/list-for-staff";
import { ReviewForms } from "../third-party-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("thirdPartyAdmin"))("review.title") };
}

type Params = Promise<Record<string, string | string[] | undefined>>;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const TIME_ZONE = "Europe/Stockholm";

/** A label and a long value: the label takes a quarter of the row. */
const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <DetailRow label={label} columns={4}>
    {children}
  </DetailRow>
);

/** Granskningskö: requests the rules sent to staff (NEEDS_REVIEW), oldest first. */
export default async function ReviewQueuePage({ searchParams }: { searchParams: Params }) {
  const staff = await requireStaff();
  const decided = (await searchParams).beslut;
  const [queue, t] = await Promise.all([listReviewQueue(staff), getTranslations("thirdPartyAdmin")]);

  return (
    <div>
      <PageHeader title={t("review.title")} intro={t("review.intro")} />
      {decided === "skickad" || decided === "avvisad" ? (
        <OutcomeBanner ok>{t(decided === "skickad" ? "review.validated" : "review.rejected")}</OutcomeBanner>
      ) : null}
      {queue.length === 0 ? (
        <p className="text-slate-700">{t("review.none")}</p>
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-700">{t("review.count", { count: queue.length })}</p>
          <ul className="space-y-6">
            {queue.map((r) => (
              <li key={r.id}>
                <ReviewRequest request={r} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

type ReviewRequestRow = Awaited<ReturnType<typeof listReviewQueue>>[number];

/** One queued request: why the rules sent it here, who asks for what, and the two decisions. */
async function ReviewRequest({ request: r }: { request: ReviewRequestRow }) {
  const [t, ts, locale] = await Promise.all([getTranslations("thirdPartyAdmin"), getTranslations("support"), getLocale()]);
  // A validity ending at local midnight reads as "till och med" the day before.
  const validity = (end: Date) => {
    const day = localDate(end, TIME_ZONE);
    return localMidnightUtc(day, TIME_ZONE).getTime() === end.getTime()
      ? t("review.validThrough", { date: formatDate(addDays(day, -1), locale) })
      : t("review.validUntil", { date: formatDateTime(end, locale) });
  };
  const reasonOf = (code: string | null) => (code && t.has(`reasonCode.${code}`) ? t(`reasonCode.${code}`) : code);
  return (
    <article aria-labelledby={`request-${r.id}`} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={`request-${r.id}`} className="text-lg font-semibold text-slate-900">
        {t("review.heading", { company: r.thirdParty.name, reference: r.reference })}
      </h2>
      <DetailList className="mt-3">
        <Row label={t("review.reason")}>
          <span className="font-medium">{reasonOf(r.reasonCode)}</span>
          {r.reasonText ? <span className="block text-sm text-slate-700">{r.reasonText}</span> : null}
        </Row>
        <Row label={t("review.company")}>
          <Link href={`/support/tredjeparter/${r.thirdParty.id}`} className="text-sky-800 underline underline-offset-2 hover:text-sky-950">
            {r.thirdParty.name}
          </Link>{" "}
          ({formatOrganisationNumber(r.thirdParty.organisationNumber)})
        </Row>
        <Row label={t("review.customer")}>
          {r.customer ? (
            <Link href={`/support/kunder/${r.customer.id}`} className="text-sky-800 underline underline-offset-2 hover:text-sky-950">
              {r.customer.customerNumber} – {r.customer.name}
            </Link>
          ) : (
            t("review.noCustomer")
          )}
        </Row>
        <Row label={t("review.installation")}>
          {r.installation ? (
            <>
              {r.installation.name ? <span className="block font-medium">{r.installation.name}</span> : null}
              {r.installation.street}, {r.installation.city} · {ts(`installationType.${r.installation.type}`)} · {ts(`installationStatus.${r.installation.status}`)}
              <span className="block text-sm text-slate-700">
                {t("review.meteringPoint", { id: r.meteringPointId })} · {t("review.customerSince", { date: formatDate(r.installation.startDate, locale) })}
                {r.installation.endDate ? ` · ${t("review.installationEnded", { date: formatDate(r.installation.endDate, locale) })}` : null}
              </span>
            </>
          ) : (
            t("review.meteringPoint", { id: r.meteringPointId })
          )}
        </Row>
        <Row label={t("review.purpose")}>{r.purpose}</Row>
        <Row label={t("review.data")}>
          {r.dataTo
            ? t("review.dataClosed", { resolution: t(`resolution.${r.resolution}`), from: formatDate(r.dataFrom, locale), to: formatDate(addDays(isoDay(r.dataTo), -1), locale) })
            : t("review.dataOpen", { resolution: t(`resolution.${r.resolution}`), from: formatDate(r.dataFrom, locale) })}
        </Row>
        <Row label={t("review.validity")}>
          {validity(r.requestedValidTo)}
        </Row>
        <Row label={t("review.received")}>
          <time dateTime={r.createdAt.toISOString()}>{formatDateTime(r.createdAt, locale)}</time>
        </Row>
      </DetailList>
      <ReviewForms requestId={r.id} reference={r.reference} />
    </article>
  );
}
