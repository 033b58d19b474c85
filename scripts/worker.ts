// npm run worker [-- --once] — the portal's background jobs against DATABASE_URL: consents and
// requests expire on time (each expiry recorded and announced to the third party), customers are
// told of new requests and reminded before a consent ends, webhooks are sent and retried with
// back-off, expired API tokens are removed. Every WORKER_INTERVAL_SECONDS (default 5) until
// stopped; --once runs one round and exits (for cron). Several workers may run at once: webhook
// deliveries are claimed with row locks and leases, and every transition is checked against the
// row's version.
// A round does not wait for its webhooks: a receiver that is slow to answer holds only its own
// third party's lane (WEBHOOK_TIMEOUT_SECONDS per call, WEBHOOK_CONCURRENCY_PER_THIRD_PARTY at once),
// while the next rounds expire, remind and send the other third parties' webhooks on time.
// Meter-value files uploaded by staff are imported here too, one at a time beside the rounds, so a
// 50 MB file holds up neither the web server nor the other jobs. The start script (npm run demo /
// start:demo / dev) runs one beside the web server. It also mails the links of queued "forgotten
// password" requests (decision 011).
import { setPriority } from "node:os";

// Background work yields the CPU to the web server where both share a machine (a 50 MB import
// parses for seconds); WORKER_NICE=0 keeps the normal priority.
try {
  setPriority(Number(process.env.WORKER_NICE ?? 10));
} catch {
  // Not allowed here (some containers): run at the normal priority.
}

const once = process.argv.includes("--once");
const intervalMs = Math.max(1, Number(process.env.WORKER_INTERVAL_SECONDS ?? 5)) * 1000;

const { startConsentJobs } = await import("../src/server/third-party/consent-jobs");
const { processPasswordResetRequests } = await import("../src/server/accounts/process-password-reset-requests");
const { runMeterImportJobs } = await import("../src/server/metering/run-meter-import-jobs");
type Sent = Awaited<ReturnType<typeof startConsentJobs>["webhooks"]>;

const sending = new Set<Promise<unknown>>();

/** The meter import in progress, if any: a new one starts only when the last has finished. */
let importing: Promise<void> | null = null;
function startMeterImports(): Promise<void> {
  importing ??= runMeterImportJobs()
    .then((m) => {
      if (m.imported || m.failed || m.retrying) {
        console.log(`[worker] meter-value uploads imported ${m.imported}` + (m.retrying ? `, ${m.retrying} to retry` : "") + (m.failed ? `, ${m.failed} given up` : ""));
      }
    })
    .catch((error) => console.error("[worker] meter imports failed:", error instanceof Error ? error.message : error))
    .finally(() => {
      importing = null;
    });
  return importing;
}

function logWebhooks({ attempted, delivered, retrying, failed }: Sent) {
  if (!attempted) return;
  console.log(`[worker] webhooks ${delivered}/${attempted} delivered` + (retrying ? `, ${retrying} to retry` : "") + (failed ? `, ${failed} given up` : ""));
}

let stopping = false;
let wake: (() => void) | undefined;
process.on("SIGTERM", () => {
  stopping = true;
  wake?.();
});
process.on("SIGINT", () => {
  stopping = true;
  wake?.();
});

do {
  const imports = startMeterImports();
  try {
    const resets = await processPasswordResetRequests();
    if (resets.handled || resets.retrying || resets.failed) {
      console.log(`[worker] password reset requests ${resets.handled} handled (${resets.mailed} mailed)` + (resets.retrying ? `, ${resets.retrying} to retry` : "") + (resets.failed ? `, ${resets.failed} given up` : ""));
    }
  } catch (error) {
    console.error("[worker] password resets failed:", error instanceof Error ? error.message : error);
  }
  try {
    const { scheduled, webhooks } = startConsentJobs();
    const done = webhooks.then(logWebhooks, (error) => console.error("[worker] webhooks failed:", error instanceof Error ? error.message : error));
    sending.add(done);
    void done.finally(() => sending.delete(done));
    const r = await scheduled;
    if (r.expired || r.newRequests || r.reminders) {
      console.log(`[worker] expired ${r.expired}, new-request mails ${r.newRequests}, reminders ${r.reminders}`);
    }
    if (once) await Promise.all([done, imports]);
  } catch (error) {
    // A database restart or a network blip: log it and try again next round.
    console.error("[worker] round failed:", error instanceof Error ? error.message : error);
  }
  if (once || stopping) break;
  await new Promise<void>((resolve) => {
    wake = resolve;
    setTimeout(resolve, intervalMs);
  });
} while (!stopping);
// Calls in flight end within their timeout; waiting for them keeps their outcome recorded.
await Promise.allSettled([...sending, ...(importing ? [importing] : [])]);
process.exit(0);
