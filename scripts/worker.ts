// npm run worker [-- --once] — the portal's background jobs against DATABASE_URL: consents and
// requests expire on time (each expiry recorded and announced to the third party), customers are
// told of new requests and reminded before a consent ends, webhooks are sent and retried with
// back-off, expired API tokens are removed, and meter-value files uploaded by staff at
// /support/import are imported (off the web server's event loop; decision 005). Every WORKER_INTERVAL_SECONDS (default 5) until
// stopped; --once runs one round and exits (for cron). Several workers may run at once: webhook
// deliveries are claimed with row locks and every transition is checked against the row's version.
// The start script (npm run demo / start:demo / dev) runs one beside the web server.
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

const { runConsentJobs } = await import("../src/server/third-party/consent-jobs");
const { runMeterImportJobs } = await import("../src/server/metering/run-meter-import-jobs");

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
  try {
    const r = await runConsentJobs();
    const { attempted, delivered, retrying, failed } = r.webhooks;
    if (r.expired || r.newRequests || r.reminders || attempted) {
      console.log(
        `[worker] expired ${r.expired}, new-request mails ${r.newRequests}, reminders ${r.reminders}, webhooks ${delivered}/${attempted} delivered` +
          (retrying ? `, ${retrying} to retry` : "") +
          (failed ? `, ${failed} given up` : ""),
      );
    }
  } catch (error) {
    // A database restart or a network blip: log it and try again next round.
    console.error("[worker] round failed:", error instanceof Error ? error.message : error);
  }
  try {
    const m = await runMeterImportJobs();
    if (m.imported || m.failed || m.retrying) {
      console.log(`[worker] meter-value uploads imported ${m.imported}` + (m.retrying ? `, ${m.retrying} to retry` : "") + (m.failed ? `, ${m.failed} given up` : ""));
    }
  } catch (error) {
    console.error("[worker] meter imports failed:", error instanceof Error ? error.message : error);
  }
  if (once || stopping) break;
  await new Promise<void>((resolve) => {
    wake = resolve;
    setTimeout(resolve, intervalMs);
  });
} while (!stopping);
process.exit(0);
