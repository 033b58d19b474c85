import "server-only";
import type { StaffActor } from "@/server/access/actor";
import { getMeterImport, type MeterImportReport } from "./get-meter-import";
import { getMeterImportJob, type MeterImportJobView } from "./get-meter-import-job";
import { listMeterImports, type MeterImportSummary } from "./list-meter-imports";
import { listPendingMeterImportJobs } from "./list-pending-meter-import-jobs";

const UPLOAD_ERRORS = ["fileRequired", "fileTooLarge", "uploadFailed"] as const;
type UploadError = (typeof UPLOAD_ERRORS)[number];

export type MeterImportView = {
  recent: MeterImportSummary[];
  pending: MeterImportJobView[];
  /** The import asked for with `?import=` (null when none was asked for or it does not exist). */
  report: MeterImportReport | null;
  reportNotFound: boolean;
  /** The upload asked for with `?jobb=`. */
  job: MeterImportJobView | null;
  jobNotFound: boolean;
  /** The upload failed before it was received (`?fel=`). */
  uploadError: UploadError | null;
  /** Once the worker has imported the upload, its report is the import's own page. */
  redirectTo: string | null;
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Support's meter-value import page: recent imports, uploads on their way, and the one asked for. */
export async function getMeterImportView(staff: StaffActor, params: Record<string, string | string[] | undefined>): Promise<MeterImportView> {
  const requested = first(params.import) ?? null;
  const requestedJob = first(params.jobb) ?? null;
  const [recent, pending, report, job] = await Promise.all([
    listMeterImports(staff),
    listPendingMeterImportJobs(staff),
    requested ? getMeterImport(staff, requested) : Promise.resolve(null),
    requestedJob ? getMeterImportJob(staff, requestedJob) : Promise.resolve(null),
  ]);
  return {
    recent,
    pending,
    report,
    reportNotFound: requested !== null && report === null,
    job,
    jobNotFound: requestedJob !== null && job === null,
    uploadError: UPLOAD_ERRORS.find((e) => e === first(params.fel)) ?? null,
    redirectTo: job?.status === "DONE" && job.importId ? `/support/import?import=${job.importId}` : null,
  };
}
