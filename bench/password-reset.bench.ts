// "Forgotten password" (issue 10, item 6): does the answer take the same time whether or not the
// address has an account? Side by side in one run, on PostgreSQL and on PGlite:
//   - today's request (two counters and one queued row; the worker mails later), for an address
//     with an account and for one without;
//   - the baseline, the request as it was before: look the address up and, when it has an
//     account, create the link, write the audit entry and send the mail (to a local SMTP sink)
//     before answering.
// The figure that matters is the ratio known/unknown (1.0 means the timing tells nothing).
// BENCH_RESET_DB=postgres|pglite runs only one; BENCH_REPS sets the repetitions.
import { startMailSink } from "../scripts/lib/mail-sink";
import { median, releaseAppDatabase, report, round, pointAppAtDatabase, withBenchDatabase, type BenchDbKind } from "./lib";

process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-1234";
const REPS = Number(process.env.BENCH_REPS ?? 41);

/** Times the two cases turn about, so that drift on a shared machine hits both alike. */
async function interleaved(a: () => Promise<unknown>, b: () => Promise<unknown>) {
  const times = { known: [] as number[], unknown: [] as number[] };
  for (let i = 0; i < REPS + 3; i++) {
    for (const [key, fn] of (i % 2 ? [["unknown", b], ["known", a]] : [["known", a], ["unknown", b]]) as ["known" | "unknown", () => Promise<unknown>][]) {
      const start = process.hrtime.bigint();
      await fn();
      if (i >= 3) times[key].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return { known: { median: round(median(times.known)) }, unknown: { median: round(median(times.unknown)) } };
}

async function benchOn(kind: BenchDbKind, url: string) {
  await pointAppAtDatabase(url);
  const { db } = await import("../src/server/db/client");
  const { createUser } = await import("../src/fixtures/factories");
  const { requestPasswordReset, mailResetLink } = await import("../src/server/accounts/password-reset");

  const users = await Promise.all(Array.from({ length: REPS + 5 }, () => createUser(db)));
  let n = 0;
  const ip = () => `198.51.${Math.floor(n / 250)}.${n++ % 250}`;
  const unknown = () => `ingen-${n}-${Math.random().toString(36).slice(2)}@example.com`;
  // Each call uses a fresh address and client address, so the limits never answer instead.
  let k = 0;
  const nextKnown = () => users[k++ % users.length]!.email!;
  const baseline = async (email: string) => {
    const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, locale: true, status: true } });
    if (user) await mailResetLink(user, { ip: ip() });
  };

  const today = await interleaved(() => requestPasswordReset(nextKnown(), { ip: ip() }), () => requestPasswordReset(unknown(), { ip: ip() }));
  const before = await interleaved(() => baseline(nextKnown()), () => baseline(unknown()));
  for (const [name, t] of [["queued request (today)", today], ["synchronous mail (before)", before]] as const) {
    report({
      case: `password reset request, ${name}, ${kind}`,
      knownMedianMs: t.known.median,
      unknownMedianMs: t.unknown.median,
      ratioKnownToUnknown: round(t.known.median / t.unknown.median),
      meetsTarget: name.startsWith("queued") ? Math.abs(t.known.median / t.unknown.median - 1) <= 0.25 : null,
    });
  }
  await releaseAppDatabase();
}

export async function run() {
  const sink = await startMailSink();
  process.env.SMTP_URL = sink.url;
  const only = process.env.BENCH_RESET_DB;
  try {
    for (const kind of ["postgres", "pglite"] as const) {
      if (only && only !== kind) continue;
      await withBenchDatabase(kind, "mina_sidor_bench_reset", (url) => benchOn(kind, url));
    }
  } finally {
    await sink.stop();
  }
}
