// npm run bench [-- <name> ...] — runs the benchmark suites (all by default) and prints one JSON
// line per case. Suites live in bench/<name>.bench.ts and export `run(): Promise<void>`.
import { readdirSync } from "node:fs";
import path from "node:path";

const only = process.argv.slice(2);
const suites = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith(".bench.ts"))
  .map((f) => f.replace(/\.bench\.ts$/, ""))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

if (suites.length === 0) {
  console.error(`No benchmark suite matches ${only.join(", ")}.`);
  process.exit(1);
}
for (const name of suites) {
  const suite = (await import(path.join(import.meta.dirname, `${name}.bench.ts`))) as { run: () => Promise<void> };
  console.error(`# ${name}`);
  await suite.run();
}
