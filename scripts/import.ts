// npm run import -- <file> [--store-valid] [--format csv|eloverblik] [--json]
// Imports a meter-value file (CSV as in docs/meter-value-csv.md, or Eloverblik JSON) into
// DATABASE_URL as one import: all or nothing by default, or with --store-valid the valid part is
// stored and the rest reported. Prints the report; exits 1 when the file was rejected.
import { readFileSync } from "node:fs";
import path from "node:path";


const USAGE = "Usage: npm run import -- <file> [--store-valid] [--format csv|eloverblik] [--json]";
const FORMATS = { csv: "CSV", eloverblik: "ELOVERBLIK_JSON" } as const;

const args = process.argv.slice(2);
const files: string[] = [];
let storeValid = false;
let json = false;
let format: (typeof FORMATS)[keyof typeof FORMATS] | undefined;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === "--store-valid") storeValid = true;
  else if (a === "--json") json = true;
  else if (a === "--format" || a.startsWith("--format=")) {
    const value = a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[++i];
    format = FORMATS[(value ?? "").toLowerCase() as keyof typeof FORMATS];
    if (!format) fail(`Unknown format ${JSON.stringify(value)}: use csv or eloverblik.`);
  } else if (a === "--help" || a === "-h") {
    console.log(USAGE);
    process.exit(0);
  } else if (a.startsWith("--")) fail(`Unknown option ${a}`);
  else files.push(a);
}
if (files.length !== 1) fail(files.length ? "Give one file per import." : "No file given.");
const url = process.env.DATABASE_URL;
if (!url) fail("DATABASE_URL is not set: point it at the portal's database (with `npm run demo` running, use the URL it prints, or a PostgreSQL server).");

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const file = path.resolve(files[0]!);
let bytes: Uint8Array;
try {
  bytes = readFileSync(file);
} catch (error) {
  fail(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
}

const { createPrismaClient } = await import("../src/server/db/create-client");
const { importMeterValues } = await import("../src/server/metering/import-meter-values");
const { describeLocation } = await import("../src/domain/metering/validate");

const db = createPrismaClient(url);
let exitCode = 0;
try {
  const result = await importMeterValues({ fileName: path.basename(file), bytes, format, mode: storeValid ? "store-valid" : "all-or-nothing" }, { db });
  if (json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    const c = result.counts;
    const number = (n: number) => n.toLocaleString("sv-SE");
    console.log(`${path.basename(file)}: ${result.status} (${result.format}, import ${result.importId})`);
    console.log(
      `  received ${number(c.received)} · stored ${number(c.stored)} · replaced ${number(c.replaced)} · unchanged ${number(c.unchanged)} · rejected ${number(c.rejected)}`,
    );
    if (result.previousImportId) console.log(`  The same file was imported before (import ${result.previousImportId}).`);
    if (result.problemCount) {
      console.log(`  ${result.problemCount} problem${result.problemCount === 1 ? "" : "s"}:`);
      for (const p of result.problems) {
        const where = describeLocation(p);
        console.log(`  - ${where ? `${where}: ` : ""}${p.message} [${p.code}]`);
      }
    }
    if (result.status === "REJECTED") {
      console.log(storeValid ? "  Nothing was stored." : "  Nothing was stored. With --store-valid the valid values are stored and the rest reported.");
    }
    console.log(`  ${round(result.timings.total)} ms`);
  }
  if (result.status === "REJECTED") exitCode = 1;
} catch (error) {
  console.error("The import failed:", error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await db.$disconnect();
}
process.exit(exitCode);

function round(n: number) {
  return Math.round(n);
}
