import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { OutcomeBanner } from "@/components/ui/outcome-banner";
import { Card, PageHeader } from "@/components/ui/page-header";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { MAX_IMPORT_FILE_BYTES, type Problem, type ProblemLocation } from "@/domain/metering/types";
import { formatDateTime, formatNumber } from "@/lib/format";
import { requireStaff } from "@/server/auth/session";
import type { MeterImportReport } from "@/server/metering/get-meter-import";
import type { MeterImportJobView } from "@/server/metering/get-meter-import-job";
import { getMeterImportView } from "@/server/metering/get-meter-import-view";
import type { MeterImportSummary } from "@/server/metering/list-meter-imports";
import { FollowImport } from "./follow-import";
import { MeterImportForm } from "./import-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meterImport"))("title") };
}

type Params = Promise<Record<string, string | string[] | undefined>>;
type T = Awaited<ReturnType<typeof getTranslations<"meterImport">>>;

const COUNTS = ["received", "stored", "replaced", "unchanged", "rejected"] as const;
const TIME_ZONE = "Europe/Stockholm";
const ACTIVE: MeterImportJobView["status"][] = ["RECEIVING", "QUEUED", "RUNNING"];

const reportTone = { STORED: "ok", PARTIAL: "warn", REJECTED: "bad" } as const satisfies Record<MeterImportSummary["status"], BadgeTone>;
const jobTone = (status: MeterImportJobView["status"]): BadgeTone => (status === "FAILED" ? "bad" : status === "DONE" ? "ok" : "info");

/** The last two cells of an upload's or an import's row: who sent it, and the link to its page. */
function ByAndShowCells({ by, href, current, show, showFor }: { by: string; href: string; current: boolean; show: string; showFor: string }) {
  return (
    <>
      <Td>{by}</Td>
      <Td className="whitespace-nowrap">
        <Link href={href} className="text-sky-800 underline" aria-current={current ? "true" : undefined}>
          {show}
          <span className="sr-only"> {showFor}</span>
        </Link>
      </Td>
    </>
  );
}

/** "12 kB", "49,8 MB": small files would otherwise read "0 MB". */
const fileSize = (bytes: number, locale: string) =>
  bytes < 1024 * 1024 ? `${formatNumber(Math.max(1, Math.round(bytes / 1024)), locale, 0)} kB` : `${formatNumber(bytes / (1024 * 1024), locale, 1)} MB`;

/** An upload on its way through the background import; the page follows it until the report is there. */
function Job({ job, t, locale }: { job: MeterImportJobView; t: T; locale: string }) {
  const active = ACTIVE.includes(job.status);
  return (
    <section aria-labelledby="import-job-heading" className="mb-8 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      {active ? <FollowImport /> : null}
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <h2 id="import-job-heading" className="text-lg font-semibold text-slate-900 break-all">
          {t("job.heading", { fileName: job.fileName })}
        </h2>
        <Badge tone={jobTone(job.status)}>{t(`job.status.${job.status}`)}</Badge>
      </div>
      <p className="mb-1 text-sm text-slate-700">
        {t("job.received", { size: fileSize(job.sizeBytes, locale), at: formatDateTime(job.createdAt, locale, TIME_ZONE), by: job.receivedBy ?? t("result.system") })}
      </p>
      <p role="status" className="mb-3 text-slate-900">
        {t(`job.statusText.${job.status}`)}
      </p>
      {active ? (
        <Link href={`/support/import?jobb=${job.id}`} className="text-sm text-sky-800 underline">
          {t("job.refresh")}
        </Link>
      ) : null}
    </section>
  );
}

function PendingJobs({ jobs, t, locale, current }: { jobs: MeterImportJobView[]; t: T; locale: string; current: string | null }) {
  return (
    <Card title={t("pending.heading")} headingId="pending-imports-heading" className="mb-8">
      <Table caption={t("pending.caption")} density="compact">
        <THead columns={[{ label: t("col.time"), className: "whitespace-nowrap" }, t("col.file"), t("col.status"), t("col.by"), { label: t("job.show"), hidden: true }]} />
        <TBody>
          {jobs.map((j) => (
            <Tr key={j.id} className={j.id === current ? "bg-sky-50" : undefined}>
              <Td className="whitespace-nowrap">
                <time dateTime={j.createdAt.toISOString()}>{formatDateTime(j.createdAt, locale, TIME_ZONE)}</time>
              </Td>
              <RowHeader className="min-w-48 font-medium break-all">{j.fileName}</RowHeader>
              <Td>
                <Badge tone={jobTone(j.status)}>{t(`job.status.${j.status}`)}</Badge>
              </Td>
              <ByAndShowCells by={j.receivedBy ?? t("recent.system")} href={`/support/import?jobb=${j.id}`} current={j.id === current} show={t("job.show")} showFor={t("job.showFor", { fileName: j.fileName })} />
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

function place(t: T, location: ProblemLocation): string {
  if (location.line !== undefined) return t("location.line", { line: location.line });
  const parts: string[] = [];
  if (location.series !== undefined) parts.push(t("location.series", { series: location.series }));
  if (location.period !== undefined) parts.push(t("location.period", { period: location.period }));
  if (location.position !== undefined) parts.push(t("location.position", { position: location.position }));
  return parts.length ? parts.join(", ") : t("location.file");
}

/** The problem in the reader's language when there is a translation for its code, else the stored English. */
function reason(t: T, p: Problem): string {
  const key = `problems.${p.code}`;
  if (!t.has(key as never)) return p.message;
  const related = p.related ? place(t, p.related) : null;
  // Mid-sentence: "… at line 4", "… på rad 4".
  const params = { ...(p.params ?? {}), ...(related ? { otherLocation: related.charAt(0).toLowerCase() + related.slice(1) } : {}) };
  try {
    return t(key as never, params as never);
  } catch {
    return p.message;
  }
}

function Report({ report, t, locale }: { report: MeterImportReport; t: T; locale: string }) {
  const n = (v: number) => formatNumber(v, locale, 0);
  const listed = report.problems.filter((p) => p.code !== "TOO_MANY_PROBLEMS");
  return (
    <section aria-labelledby="import-result-heading" className="mb-8 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <h2 id="import-result-heading" className="text-lg font-semibold text-slate-900 break-all">
          {t("result.heading", { fileName: report.fileName })}
        </h2>
        <Badge tone={reportTone[report.status]}>{t(`status.${report.status}`)}</Badge>
      </div>
      <p className="mb-1 text-sm text-slate-700">
        {t("result.receivedAt", {
          at: formatDateTime(report.receivedAt, locale, TIME_ZONE),
          by: report.receivedBy ?? t("result.system"),
          format: t(`formatName.${report.format}`),
        })}
      </p>
      <p role="status" className="mb-4 text-slate-900">
        {t(`statusText.${report.status}`)}
      </p>
      <h3 className="sr-only">{t("result.counts")}</h3>
      <dl className="mb-5 grid grid-cols-2 gap-3 sm:grid-cols-5">
        {COUNTS.map((k) => (
          <div key={k} className="rounded-md border border-slate-200 p-3">
            <dt className="text-sm text-slate-700">{t(`count.${k}`)}</dt>
            <dd className="text-xl font-semibold text-slate-900 tabular-nums">{n(report.counts[k])}</dd>
          </div>
        ))}
      </dl>
      <p className="mb-4 text-sm text-slate-600">{t("result.countsExplained")}</p>
      <h3 className="mb-2 font-semibold text-slate-900">{t("result.problemsHeading", { count: report.problemCount })}</h3>
      {listed.length === 0 ? (
        <p className="text-slate-700">{t("result.noProblems")}</p>
      ) : (
        <>
          {report.problemCount > listed.length ? (
            <p className="mb-2 text-sm text-slate-700">{t("result.moreProblems", { shown: listed.length, total: report.problemCount })}</p>
          ) : null}
          <Table caption={t("result.problemsCaption")} density="compact">
            <THead columns={[{ label: t("col.place"), className: "whitespace-nowrap" }, t("col.reason"), t("col.meteringPoint"), t("col.field"), { label: t("col.values"), align: "right" }]} />
            <TBody>
              {listed.map((p, i) => (
                <Tr key={i}>
                  <RowHeader className="font-medium whitespace-nowrap">{place(t, p)}</RowHeader>
                  <Td className="break-words">
                    {reason(t, p)}
                    <span className="block font-mono text-xs text-slate-600">{p.code}</span>
                  </Td>
                  <Td className="font-mono text-xs break-all">{p.meteringPoint ?? "–"}</Td>
                  <Td className="font-mono text-xs">{p.field ?? "–"}</Td>
                  <Td align="right" className="tabular-nums">
                    {p.values === undefined ? "–" : n(p.values)}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </>
      )}
    </section>
  );
}

function RecentImports({ rows, t, locale, current }: { rows: MeterImportSummary[]; t: T; locale: string; current: string | null }) {
  const n = (v: number) => formatNumber(v, locale, 0);
  return (
    <Card title={t("recent.heading")} headingId="recent-imports-heading">
      {rows.length === 0 ? (
        <p className="text-slate-700">{t("recent.none")}</p>
      ) : (
        <Table caption={t("recent.caption")} density="compact">
          <THead
            columns={[
              { label: t("col.time"), className: "whitespace-nowrap" },
              t("col.file"),
              t("col.status"),
              ...COUNTS.map((k) => ({ label: t(`count.${k}`), align: "right" as const })),
              { label: t("col.problems"), align: "right" },
              t("col.by"),
              { label: t("col.report"), hidden: true },
            ]}
          />
          <TBody>
            {rows.map((r) => (
              <Tr key={r.id} className={r.id === current ? "bg-sky-50" : undefined}>
                <Td className="whitespace-nowrap">
                  <time dateTime={r.receivedAt.toISOString()}>{formatDateTime(r.receivedAt, locale, TIME_ZONE)}</time>
                </Td>
                <RowHeader className="min-w-48 font-medium break-all">
                  {r.fileName}
                  <span className="block text-xs font-normal text-slate-600">{t(`formatName.${r.format}`)}</span>
                </RowHeader>
                <Td>
                  <Badge tone={reportTone[r.status]}>{t(`status.${r.status}`)}</Badge>
                </Td>
                {COUNTS.map((k) => (
                  <Td key={k} align="right" className="tabular-nums">
                    {n(r.counts[k])}
                  </Td>
                ))}
                <Td align="right" className="tabular-nums">
                  {n(r.problemCount)}
                </Td>
                <ByAndShowCells by={r.receivedBy ?? t("recent.system")} href={`/support/import?import=${r.id}`} current={r.id === current} show={t("recent.show")} showFor={t("recent.showFor", { fileName: r.fileName })} />
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

export default async function MeterImportPage({ searchParams }: { searchParams: Params }) {
  const staff = await requireStaff();
  const [params, t, locale] = await Promise.all([searchParams, getTranslations("meterImport"), getLocale()]);
  const { recent, pending, report, job, reportNotFound, jobNotFound, uploadError, redirectTo } = await getMeterImportView(staff, params);
  if (redirectTo) redirect(redirectTo);
  const maxMb = MAX_IMPORT_FILE_BYTES / (1024 * 1024);
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} />
      {job ? <Job job={job} t={t} locale={locale} /> : jobNotFound ? <OutcomeBanner ok={false}>{t("job.notFound")}</OutcomeBanner> : null}
      {report ? <Report report={report} t={t} locale={locale} /> : reportNotFound ? <OutcomeBanner ok={false}>{t("result.notFound")}</OutcomeBanner> : null}
      {pending.length ? <PendingJobs jobs={pending} t={t} locale={locale} current={job?.id ?? null} /> : null}
      <div className="mb-8 grid gap-6 lg:grid-cols-2">
        {/* min-w-0: the format example scrolls inside its box instead of widening the page on a phone. */}
        <section className="min-w-0 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <MeterImportForm maxMb={maxMb} error={uploadError} />
        </section>
        <section aria-labelledby="import-format-heading" className="min-w-0 rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-800 shadow-sm">
          <h2 id="import-format-heading" className="mb-2 font-semibold text-slate-900">
            {t("format.heading")}
          </h2>
          <p className="mb-2">{t("format.csv")}</p>
          <pre className="mb-3 overflow-x-auto rounded bg-slate-100 p-2 text-xs">
            {"metering_point;quantity;resolution;start;value;quality\n735999100000000010;ENERGY_KWH;PT1H;2025-01-01T00:00:00+01:00;1,234;measured\narea:SE3;OUTDOOR_TEMP_C;PT1H;2024-12-31T23:00:00Z;-4,5;"}
          </pre>
          <ul className="mb-2 list-disc space-y-1 pl-5">
            <li>{t("format.quantities")}</li>
            <li>{t("format.start")}</li>
            <li>{t("format.quality")}</li>
          </ul>
          <p>{t("format.eloverblik")}</p>
        </section>
      </div>
      <RecentImports rows={recent} t={t} locale={locale} current={report?.id ?? null} />
    </div>
  );
}
