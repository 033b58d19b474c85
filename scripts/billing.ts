// npm run billing -- <command> … — billing runs and billing imports against DATABASE_URL.
//
//   run --cycle monthly|quarterly --period 2026-10|2026-Q3 [--corrections[=all]] [--today YYYY-MM-DD]
//       [--invoice-date YYYY-MM-DD] [--json]
//       Bills every contract of the cycle for the period (idempotent: a period already invoiced is
//       left alone; an interrupted run is resumed). --corrections also credits and re-bills
//       invoiced periods whose meter values or prices changed; =all rates every one again.
//   corrections [--cycle monthly|quarterly] [--apply] [--json]
//       Lists invoices whose meter values or prices changed after they were issued; --apply runs
//       the corrections for each period concerned.
//   import-spot <file> [--json]       Spot prices, CSV as in docs/spot-price-csv.md (all or nothing).
//   import-payments <file> [--json]   Payments, CSV as in docs/payment-csv.md (all or nothing).
//
// Exit code 0 on success, 1 when a run had failures or a file was rejected, 2 on wrong usage.
import { readFileSync } from "node:fs";
import path from "node:path";


const USAGE = `Usage:
  npm run billing -- run --cycle monthly|quarterly --period 2026-10|2026-Q3 [--corrections[=all]] [--today YYYY-MM-DD] [--invoice-date YYYY-MM-DD] [--json]
  npm run billing -- corrections [--cycle monthly|quarterly] [--apply] [--json]
  npm run billing -- import-spot <file> [--json]
  npm run billing -- import-payments <file> [--json]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
const flags = new Map<string, string | true>();
const positional: string[] = [];
for (let i = 0; i < rest.length; i++) {
  const a = rest[i]!;
  if (a === "--help" || a === "-h") {
    console.log(USAGE);
    process.exit(0);
  }
  if (a.startsWith("--")) {
    const [name, value] = a.slice(2).split("=", 2) as [string, string | undefined];
    if (value !== undefined) flags.set(name, value);
    else if (["cycle", "period", "today", "invoice-date"].includes(name)) {
      const next = rest[++i];
      if (next === undefined) fail(`--${name} needs a value`);
      flags.set(name, next);
    } else flags.set(name, true);
  } else positional.push(a);
}
const known: Record<string, string[]> = {
  run: ["cycle", "period", "corrections", "today", "invoice-date", "json"],
  corrections: ["cycle", "apply", "json"],
  "import-spot": ["json"],
  "import-payments": ["json"],
};
if (!command || !known[command]) fail(command ? `Unknown command ${command}` : "No command given.");
for (const name of flags.keys()) if (!known[command]!.includes(name)) fail(`Unknown option --${name} for ${command}`);

const url = process.env.DATABASE_URL;
if (!url) fail("DATABASE_URL is not set: point it at the portal's database (with `npm run demo` running, use the URL it prints, or a PostgreSQL server).");

const { createPrismaClient } = await import("../src/server/db/create-client");
const { parsePeriod, BillingPeriodError } = await import("../src/domain/billing/billing-period");
const db = createPrismaClient(url);
const json = flags.has("json");
const money = (minor: number, currency: string) => `${(minor / 100).toLocaleString("sv-SE", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;

function cycleOf(value: string | true | undefined): "MONTHLY" | "QUARTERLY_ACONTO" | undefined {
  if (value === undefined) return undefined;
  if (value === "monthly") return "MONTHLY";
  if (value === "quarterly" || value === "quarterly-aconto") return "QUARTERLY_ACONTO";
  fail(`--cycle is monthly or quarterly, got ${String(value)}`);
}

function readInput(): { fileName: string; bytes: Uint8Array } {
  if (positional.length !== 1) fail(positional.length ? "Give one file." : "No file given.");
  const file = path.resolve(positional[0]!);
  try {
    return { fileName: path.basename(file), bytes: readFileSync(file) };
  } catch (error) {
    fail(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

let exitCode = 0;
try {
  if (command === "run") {
    const { runBilling } = await import("../src/server/billing/run-billing");
    const cycle = cycleOf(flags.get("cycle")) ?? fail("--cycle is required");
    const periodText = flags.get("period");
    if (typeof periodText !== "string") fail("--period is required");
    let period;
    try {
      period = parsePeriod(cycle, periodText);
    } catch (error) {
      if (error instanceof BillingPeriodError) fail(error.message);
      throw error;
    }
    const corrections = flags.get("corrections");
    const summary = await runBilling({
      db,
      cycle,
      periodStart: period.from,
      periodEnd: period.to,
      corrections: corrections === "all" ? "all" : corrections === true,
      ...(typeof flags.get("today") === "string" ? { today: flags.get("today") as string } : {}),
      ...(typeof flags.get("invoice-date") === "string" ? { invoiceDate: flags.get("invoice-date") as string } : {}),
      onChunkCommitted: json
        ? undefined
        : ({ done, total }) => {
            process.stderr.write(`\r  ${done}/${total} contracts`);
          },
    });
    if (!json) process.stderr.write("\n");
    if (json) console.log(JSON.stringify(summary, null, 2));
    else {
      const i = summary.items;
      console.log(`Billing run ${summary.runId}${summary.resumed ? " (resumed)" : ""}: ${cycle} ${period.from} – ${period.to}, ${summary.contracts} contracts in ${summary.seconds} s`);
      console.log(`  issued ${i.ISSUED} · corrected ${i.CORRECTED} · unchanged ${i.UNCHANGED} · skipped ${i.SKIPPED} · failed ${i.FAILED}`);
      console.log(`  ${summary.invoicesIssued} invoices and ${summary.creditNotesIssued} credit notes issued now`);
      for (const t of summary.totals) console.log(`  ${t.currency}: net ${money(t.netMinor, t.currency)}, VAT ${money(t.vatMinor, t.currency)}, total ${money(t.totalMinor, t.currency)}`);
      for (const p of summary.problems) console.log(`  - ${p.contractNumber}: ${p.status} ${p.reason}`);
    }
    if (summary.items.FAILED > 0) exitCode = 1;
  } else if (command === "corrections") {
    const { findCorrectionCandidates } = await import("../src/server/billing/find-correction-candidates");
    const { runBilling } = await import("../src/server/billing/run-billing");
    const { addMonths } = await import("../src/domain/time/zoned");
    const candidates = await findCorrectionCandidates({ db, cycle: cycleOf(flags.get("cycle")) });
    if (json && !flags.has("apply")) console.log(JSON.stringify(candidates, null, 2));
    else {
      console.log(`${candidates.length} invoice${candidates.length === 1 ? "" : "s"} to correct`);
      for (const c of candidates) console.log(`  ${c.invoiceNumber} (v${c.version}, ${c.cycle} ${c.periodStart}): ${c.reasons.map((r) => r.kind).join(", ")}`);
    }
    if (flags.has("apply")) {
      const periods = new Map<string, { cycle: "MONTHLY" | "QUARTERLY_ACONTO"; from: string }>();
      for (const c of candidates) periods.set(`${c.cycle}|${c.periodStart}`, { cycle: c.cycle, from: c.periodStart });
      const summaries = [];
      for (const p of periods.values()) {
        const summary = await runBilling({
          db,
          cycle: p.cycle,
          periodStart: p.from,
          periodEnd: addMonths(p.from, p.cycle === "MONTHLY" ? 1 : 3),
          corrections: true,
          contractIds: candidates.filter((c) => c.periodStart === p.from && c.cycle === p.cycle).map((c) => c.contractId),
        });
        summaries.push(summary);
        if (!json) console.log(`  ${p.cycle} ${p.from}: corrected ${summary.items.CORRECTED}, unchanged ${summary.items.UNCHANGED}, failed ${summary.items.FAILED}`);
        if (summary.items.FAILED > 0) exitCode = 1;
      }
      if (json) console.log(JSON.stringify(summaries, null, 2));
    }
  } else if (command === "import-spot") {
    const { importSpotPrices } = await import("../src/server/billing/import-spot-prices");
    const { input, result } = await importFile(importSpotPrices);
    if (!json) {
      printImportResult(`${input.fileName}: ${result.status}`, `received ${result.received} · stored ${result.stored} · replaced ${result.replaced} · unchanged ${result.unchanged}`, result);
      if (result.changedMonths.length) {
        console.log("  Prices changed in these months; invoices of spot contracts there may need a correction run:");
        for (const m of result.changedMonths) console.log(`    ${m.priceArea} ${m.resolution} ${m.month}  →  npm run billing -- run --cycle monthly --period ${m.month} --corrections=all`);
      }
    }
  } else if (command === "import-payments") {
    const { importPayments } = await import("../src/server/billing/import-payments");
    const { input, result } = await importFile(importPayments);
    if (!json) {
      printImportResult(
        `${input.fileName}: ${result.status}${result.importId ? ` (import ${result.importId})` : ""}`,
        `received ${result.received} · matched ${result.matched} · unmatched ${result.unmatched} · paid in full ${result.paid.length} · partly paid ${result.partiallyPaid.length}`,
        result,
      );
    }
  }
} catch (error) {
  console.error(`The ${command} command failed:`, error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await db.$disconnect();
}
process.exit(exitCode);

/** Imports the one file given and prints the answer as JSON with --json; a refused file makes the exit code 1. */
async function importFile<R extends { status: string }>(
  importer: (input: { fileName: string; bytes: Uint8Array }, options: { db: typeof db }) => Promise<R>,
): Promise<{ input: { fileName: string; bytes: Uint8Array }; result: R }> {
  const input = readInput();
  const result = await importer(input, { db });
  if (json) console.log(JSON.stringify(result, null, 2));
  if (result.status === "REJECTED") exitCode = 1;
  return { input, result };
}

/** What an import of a file answered: a heading, a summary line, its problems; a refused file stored nothing. */
function printImportResult(heading: string, summary: string, result: { status: string; problems: readonly { line?: number | null; message: string; code: string }[] }): void {
  console.log(heading);
  console.log(`  ${summary}`);
  for (const p of result.problems) console.log(`  - ${p.line ? `line ${p.line}: ` : ""}${p.message} [${p.code}]`);
  if (result.status === "REJECTED") console.log("  Nothing was stored.");
}
