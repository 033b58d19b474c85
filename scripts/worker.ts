// npm run worker [-- --once] — the portal's background jobs against DATABASE_URL: consents and
// requests expire on time (each expiry recorded and announced to the third party), customers are
// told of new requests and reminded before a consent ends, webhooks are sent and retried with
// back-off, expired API tokens are removed. Every WORKER_INTERVAL_SECONDS (default 5) until
// stopped; --once runs one round and exits (for cron). Several workers may run at once: webhook
// deliveries are claimed with row locks and every transition is checked against the row's version.
// The start script (npm run demo / start:demo / dev) runs one beside the web server. It also mails
// the links of queued "forgotten password" requests (decision 011).
export {};

const once = process.argv.includes("--once");
const intervalMs = Math.max(1, Number(process.env.WORKER_INTERVAL_SECONDS ?? 5)) * 1000;

const { runConsentJobs } = await import("../src/server/third-party/consent-jobs");
const { processPasswordResetRequests } = await import("../src/server/accounts/process-password-reset-requests");

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
    const resets = await processPasswordResetRequests();
    if (resets.handled || resets.retrying || resets.failed) {
      console.log(`[worker] password reset requests ${resets.handled} handled (${resets.mailed} mailed)` + (resets.retrying ? `, ${resets.retrying} to retry` : "") + (resets.failed ? `, ${resets.failed} given up` : ""));
    }
  } catch (error) {
    console.error("[worker] password resets failed:", error instanceof Error ? error.message : error);
  }
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
  if (once || stopping) break;
  await new Promise<void>((resolve) => {
    wake = resolve;
    setTimeout(resolve, intervalMs);
  });
} while (!stopping);
process.exit(0);
