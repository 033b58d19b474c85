// npm run seed [-- --reset] [-- --large] — fills DATABASE_URL with the demo data set.
// Refuses a database that already holds data unless --reset, which empties every table first
// (the migration history stays).
import { seedDemo } from "../src/fixtures/demo";
import { createPrismaClient } from "../src/server/db/create-client";
import { formatSummary, listTables, nonEmptyTables, truncateAll } from "./lib/seed";

const USAGE = "Usage: npm run seed [-- --reset] [-- --large]";

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== "--reset" && a !== "--large");
if (unknown.length) {
  console.error(`Unknown argument${unknown.length > 1 ? "s" : ""}: ${unknown.join(" ")}\n${USAGE}`);
  process.exit(1);
}
const reset = args.includes("--reset");
const large = args.includes("--large");

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(`DATABASE_URL is not set: point it at a migrated database (npm run db:migrate).\n${USAGE}`);
  process.exit(1);
}

const db = createPrismaClient(url);
let exitCode = 0;
try {
  const filled = await nonEmptyTables(db);
  if ((await listTables(db)).length === 0) {
    console.error("The database has no tables yet: run npm run db:migrate first.");
    exitCode = 1;
  } else if (filled.length && !reset) {
    console.error(
      `The database is not empty (rows in ${filled.join(", ")}). Nothing was changed.\n` +
        "Run with --reset to delete all data first: npm run seed -- --reset",
    );
    exitCode = 1;
  } else {
    if (filled.length) {
      console.log(`--reset: emptying ${filled.length} table(s)…`);
      await truncateAll(db);
    }
    const started = performance.now();
    const summary = await seedDemo(db, { large, log: (line) => console.log(line) });
    console.log("");
    for (const line of formatSummary(summary, performance.now() - started)) console.log(line);
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await db.$disconnect();
}
process.exit(exitCode);
