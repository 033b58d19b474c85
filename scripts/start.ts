// npm run demo / npm run start:demo — starts the portal on the embedded database with demo data.
//   --dev          next dev instead of the production server
//   --fresh        start from an empty database (the data folder is removed first)
//   --data <dir>   where PGlite and the mail sink keep their files (default .data)
// With DATABASE_URL set, that PostgreSQL server is used instead of PGlite; with SMTP_URL set,
// mail goes there instead of the local sink; with ELEG_ISSUER set, e-legitimation goes to that
// broker instead of the local test provider (port ELEG_PORT, default 3901 or a free one), which
// runs only beside the embedded database unless ELEG_LOCAL_PROVIDER=1. Beside the embedded
// database a local webhook receiver (port WEBHOOK_SINK_PORT, default 3902 or a free one) keeps the
// demo third party's webhooks in <data>/webhooks/. The background worker (scripts/worker.ts) runs
// as a second process beside the web server.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { ElegProvider } from "./lib/eleg-provider";
import { startEmbeddedDb, type EmbeddedDb } from "./lib/embedded-db";
import { startMailSink, type MailSink } from "./lib/mail-sink";
import { DEFAULT_WEBHOOK_SINK_PORT, startWebhookSink, type WebhookSink } from "./lib/webhook-sink";
import { applyMigrations } from "./lib/migrate";
import { seedIfEmpty } from "./lib/seed";

const args = process.argv.slice(2);
const dev = args.includes("--dev");
const fresh = args.includes("--fresh");
const dataDir = path.resolve(args.includes("--data") ? args[args.indexOf("--data") + 1]! : ".data");
const port = process.env.PORT ?? "3000";

if (fresh) rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

let embedded: EmbeddedDb | undefined;
let sink: MailSink | undefined;
let eleg: ElegProvider | undefined;
let webhooks: WebhookSink | undefined;
const env: NodeJS.ProcessEnv = { ...process.env, PORT: port };

if (!env.DATABASE_URL) {
  embedded = await startEmbeddedDb({ dataDir: path.join(dataDir, "pglite") });
  env.DATABASE_URL = embedded.url;
  console.log(`Embedded PostgreSQL (PGlite) in ${path.relative(process.cwd(), dataDir)}/pglite`);
}
if (!env.SMTP_URL) {
  sink = await startMailSink({ dir: env.MAIL_SINK_DIR ?? path.join(dataDir, "mail") });
  env.SMTP_URL = sink.url;
  console.log(`Outgoing mail is kept in ${path.relative(process.cwd(), env.MAIL_SINK_DIR ?? path.join(dataDir, "mail"))}/ (local SMTP sink)`);
}
if (!env.AUTH_SECRET && !env.NEXTAUTH_SECRET) {
  // A demo secret kept with the demo data, so sessions survive a restart. Production sets its own.
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64"));
  env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}
env.APP_URL ??= `http://localhost:${port}`;
env.NEXTAUTH_URL ??= env.APP_URL;
// The test provider lets anyone be any test person: only next to the embedded demo database, or
// when asked for explicitly (ELEG_LOCAL_PROVIDER=1), never silently beside a real database.
if (!env.ELEG_ISSUER && (embedded || env.ELEG_LOCAL_PROVIDER === "1")) {
  // Loaded only when needed: oidc-provider announces itself (and its Node version wish) on import.
  const { startElegProvider } = await import("./lib/eleg-provider");
  eleg = await startElegProvider({
    appUrl: env.APP_URL,
    port: env.ELEG_PORT ? Number(env.ELEG_PORT) : undefined,
    clientId: env.ELEG_CLIENT_ID || undefined,
    clientSecret: env.ELEG_CLIENT_SECRET || undefined,
  });
  env.ELEG_ISSUER = eleg.issuer;
  env.ELEG_CLIENT_ID = eleg.clientId;
  env.ELEG_CLIENT_SECRET = eleg.clientSecret;
  env.ELEG_PROVIDER_NAME ||= "BankID (test)";
  console.log(`E-legitimation: local test provider at ${eleg.issuer} (choose a test person; see README)`);
} else if (!env.ELEG_ISSUER) {
  console.log("E-legitimation is off: set ELEG_ISSUER, ELEG_CLIENT_ID and ELEG_CLIENT_SECRET (see .env.example).");
}

if (embedded) {
  const dir = path.join(dataDir, "webhooks");
  webhooks = await startWebhookSink({ port: env.WEBHOOK_SINK_PORT ? Number(env.WEBHOOK_SINK_PORT) : DEFAULT_WEBHOOK_SINK_PORT, dir });
  console.log(`Webhooks of the demo third party go to ${webhooks.url}/energismart and are kept in ${path.relative(process.cwd(), dir)}/`);
}

const applied = await applyMigrations(env.DATABASE_URL, { log: (l) => console.log(l) });
if (!applied.length) console.log("Database schema is up to date.");
if (await seedIfEmpty(env.DATABASE_URL, { webhookUrl: webhooks ? `${webhooks.url}/energismart` : null })) console.log("Demo data created (see README for the logins).");

// The web server (Next.js behind scripts/serve.ts, which decides the client's address).
const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", ...(dev ? ["--dev"] : [])], { stdio: "inherit", env });
const worker = spawn(process.execPath, ["--import", "./scripts/lib/outside-next.mjs", "--import", "tsx", "scripts/worker.ts"], { stdio: "inherit", env });

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
  worker.kill("SIGTERM");
  await sink?.stop().catch(() => {});
  await eleg?.stop().catch(() => {});
  await webhooks?.stop().catch(() => {});
  await embedded?.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
child.on("exit", (code) => void shutdown(code ?? 0));
