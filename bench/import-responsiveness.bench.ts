// Does a 50 MB meter-value import block the web server? (issue 10, item 11)
//
// The production build (npm run build first) runs as a child process, as scripts/serve.ts runs it,
// on a throwaway database with a staff member and ~90 installations. A prober in this process asks
// for the sign-in page (/logga-in) one request after another and records each answer's time, in
// three cases side by side in one run:
//   idle      nothing else happens;
//   inline    the old way: the server parses, validates and writes a 50 MB file on its own event
//             loop (importMeterValues called inside the server process, as the server action did);
//   worker    the new way: the same file uploaded to POST /api/support/meter-imports (streamed
//             into the database) and imported by the background worker (scripts/worker.ts).
// Target: while the import runs the sign-in page answers within 100 ms (p95 and max reported).
//
// BENCH_RESPONSIVENESS_DB=pglite uses an embedded PGlite instead of the PostgreSQL server at
// TEST_POSTGRES_URL; BENCH_IDLE_SECONDS sets the idle case's length (5).
import { fork, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { MAX_IMPORT_FILE_BYTES } from "../src/domain/metering/types";
import { localMidnightUtc } from "../src/domain/time/zoned";
import { applyMigrations } from "../scripts/lib/migrate";
import { percentile, report, round, withBenchDatabase, type BenchDbKind } from "./lib";

const TARGET_MS = 100;
const HOUR = 3_600_000;
const HOURS_PER_YEAR = 8760;
const PASSWORD = "Bench!Import2026";
const ROOT = path.resolve(import.meta.dirname, "..");
const PRELOAD = ["--import", "./scripts/lib/outside-next.mjs", "--import", "tsx"];

type Probe = { stop: () => Promise<number[]>; between: (from: number, to: number) => number[] };

/** Asks for /logga-in back to back until stopped; the answer times in ms. */
function probe(base: string): Probe {
  const times: number[] = [];
  const startedAt: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${base}/logga-in`);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`/logga-in answered ${response.status}`);
      times.push(performance.now() - started);
      startedAt.push(started);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return times;
    },
    between: (from, to) => times.filter((_, i) => startedAt[i]! >= from && startedAt[i]! < to),
  };
}

function figures(times: number[]) {
  return { requests: times.length, p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), maxMs: round(Math.max(...times)) };
}

/** Installations and a CSV file of hourly values over them just under the upload limit. */
async function prepare(url: string, dir: string) {
  const { createPrismaClient } = await import("../src/server/db/create-client");
  const { createCustomer, createInstallation, createStaffUser } = await import("../src/fixtures/factories");
  const db = createPrismaClient(url);
  const staff = await createStaffUser(db, { name: "Bänk Import", email: "bench-import@minasidor.example.com", password: PASSWORD });
  const customer = await createCustomer(db, { kind: "COMPANY", name: "Importbolaget AB" });
  const start = localMidnightUtc("2025-01-01", "Europe/Stockholm").getTime();
  const stamps = Array.from({ length: HOURS_PER_YEAR }, (_, h) => new Date(start + h * HOUR).toISOString().replace(".000Z", "Z"));
  const parts: string[] = ["metering_point;quantity;resolution;start;value;quality\n"];
  let size = parts[0]!.length;
  let values = 0;
  const budget = MAX_IMPORT_FILE_BYTES - 256 * 1024;
  outer: for (let s = 0; ; s++) {
    const point = (await createInstallation(db, { customerId: customer.id })).meteringPointId;
    for (let h = 0; h < HOURS_PER_YEAR; h++) {
      const value = Math.round((0.3 + 0.9 * Math.abs(Math.sin((h + s) / 7))) * 1000) / 1000;
      const line = `${point};ENERGY_KWH;PT1H;${stamps[h]};${String(value).replace(".", ",")};measured\n`;
      if (size + line.length > budget) break outer;
      parts.push(line);
      size += line.length;
      values++;
    }
  }
  await db.$disconnect();
  const file = path.join(dir, "meter-values.csv");
  writeFileSync(file, parts.join(""));
  return { file, size, values, staffId: staff.id, staffEmail: staff.email };
}

async function emptyMeterTables(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`TRUNCATE "MeterImportJobChunk", "MeterImportJob", "MeterValueRevision", "MeterDay", "MeterSeries", "MeterImport" CASCADE`);
  await c.end();
}

async function jobDone(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT "status" FROM "MeterImportJob"`);
    if (rows.some((r) => r.status === "FAILED")) throw new Error("the worker gave the import up");
    return rows.length > 0 && rows.every((r) => r.status === "DONE");
  } finally {
    await c.end();
  }
}

/** A staff session cookie, through next-auth's credentials sign-in as the browser does it. */
async function signInStaff(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${base}/api/auth/callback/staff`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const session = signIn.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`staff sign-in failed (${signIn.status})`);
  return session;
}

function startServer(url: string, port: number): Promise<ChildProcess> {
  const child = fork(path.join(ROOT, "bench/import-responsiveness-server.ts"), [], {
    cwd: ROOT,
    execArgv: PRELOAD,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, PORT: String(port), APP_URL: `http://127.0.0.1:${port}`, NEXTAUTH_URL: `http://127.0.0.1:${port}`, AUTH_SECRET: "bench-import-responsiveness-secret-0123456789", SMTP_URL: "smtp://127.0.0.1:1" },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", (m: { listening?: number }) => (m.listening ? resolve(child) : reject(new Error("server did not start"))));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

const UPLOADER = `
  import { openAsBlob } from "node:fs";
  const [url, file, cookie] = process.argv.slice(1);
  const body = new FormData();
  body.append("file", await openAsBlob(file), "meter-values.csv");
  const response = await fetch(url, { method: "POST", body, redirect: "manual", headers: { Cookie: cookie } });
  console.log(JSON.stringify({ status: response.status, location: response.headers.get("location") }));
`;

function uploadFromAnotherProcess(url: string, file: string, cookie: string): Promise<{ status: number; location: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", UPLOADER, url, file, cookie], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`uploader exited with ${code}`))));
  });
}

const until = (child: ChildProcess, key: string) =>
  new Promise<Record<string, unknown>>((resolve, reject) => {
    const on = (m: Record<string, unknown>) => {
      if (m.failed) reject(new Error(String(m.failed)));
      else if (m[key]) {
        child.off("message", on);
        resolve(m[key] as Record<string, unknown>);
      }
    };
    child.on("message", on);
  });

export async function run(): Promise<void> {
  if (!existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
    report({ case: "import-responsiveness", skipped: "no production build: run npm run build first", meetsTarget: null });
    return;
  }
  const kind: BenchDbKind = process.env.BENCH_RESPONSIVENESS_DB === "pglite" ? "pglite" : "postgres";
  const idleMs = Number(process.env.BENCH_IDLE_SECONDS ?? 5) * 1000;
  const dir = mkdtempSync(path.join(tmpdir(), "bench-import-"));
  await withBenchDatabase(kind, "bench_import_responsiveness", async (url) => {
    await applyMigrations(url, {});
    const fixture = await prepare(url, dir);
    const port = 3900 + Math.floor(Math.random() * 90);
    const base = `http://127.0.0.1:${port}`;
    const server = await startServer(url, port);
    let worker: ChildProcess | undefined;
    try {
      for (let i = 0; i < 20; i++) await (await fetch(`${base}/logga-in`)).arrayBuffer();
      const common = { db: kind, fileMb: round(fixture.size / 1024 / 1024), values: fixture.values };

      const idle = probe(base);
      await new Promise((r) => setTimeout(r, idleMs));
      const idleTimes = await idle.stop();
      report({ case: "sign-in page, idle server", ...common, ...figures(idleTimes) });

      const inline = probe(base);
      const inlineStarted = performance.now();
      server.send({ importInline: { file: fixture.file, staffId: fixture.staffId } });
      const imported = await until(server, "imported");
      const inlineTimes = await inline.stop();
      const inlineFigures = figures(inlineTimes);
      report({ case: "sign-in page during a 50 MB import on the server's event loop (old path)", ...common, ...inlineFigures, importMs: round(Number(imported.ms)), wallMs: round(performance.now() - inlineStarted), meetsTarget: inlineFigures.maxMs <= TARGET_MS });

      await emptyMeterTables(url);
      const cookie = await signInStaff(base, fixture.staffEmail);
      // The worker runs already, as beside a real server: its own start-up is not part of the case.
      worker = spawn(process.execPath, [...PRELOAD, "scripts/worker.ts"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, WORKER_INTERVAL_SECONDS: "1", AUTH_SECRET: "bench-import-responsiveness-secret-0123456789", SMTP_URL: "smtp://127.0.0.1:1" }, stdio: ["ignore", "ignore", "inherit"] });
      await new Promise((r) => setTimeout(r, 8000));
      const queued = probe(base);
      const started = performance.now();
      // The upload is sent from a process of its own, as a staff member's browser would: sending
      // 50 MB from this process would delay the prober's own requests and be counted against the server.
      const upload = await uploadFromAnotherProcess(`${base}/api/support/meter-imports`, fixture.file, cookie);
      const uploadMs = performance.now() - started;
      if (upload.status !== 303 || !upload.location?.includes("jobb=")) throw new Error(`upload answered ${upload.status} ${upload.location}`);
      const uploaded = performance.now();
      while (!(await jobDone(url))) await new Promise((r) => setTimeout(r, 250));
      const workerTimes = await queued.stop();
      const workerFigures = figures(workerTimes);
      const duringUpload = figures(queued.between(started, uploaded));
      const duringImport = figures(queued.between(uploaded, Number.POSITIVE_INFINITY));
      report({
        case: "sign-in page during a 50 MB upload and import by the background worker (new path)",
        ...common,
        ...workerFigures,
        uploadMs: round(uploadMs),
        uploadP95Ms: duringUpload.p95Ms,
        uploadMaxMs: duringUpload.maxMs,
        importP95Ms: duringImport.p95Ms,
        importMaxMs: duringImport.maxMs,
        uploadToImportedMs: round(performance.now() - started),
        p95VsOldPath: round(workerFigures.p95Ms / inlineFigures.p95Ms, 3),
        maxVsIdle: round(workerFigures.maxMs / Math.max(...idleTimes), 2),
        meetsTarget: workerFigures.maxMs <= TARGET_MS,
      });
    } finally {
      worker?.kill("SIGTERM");
      server.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
