// Seeding helpers shared by `npm run seed` and the start script.
import { formatCheckCode } from "../../src/domain/access/check-code";
import { seedDemo, type DemoSummary, type SeedDemoOptions } from "../../src/fixtures/demo";
import { createPrismaClient, type Db } from "../../src/server/db/create-client";

/** Every application table (all of schema public except Prisma's migration history). */
export async function listTables(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  return rows.map((r) => r.tablename);
}

/** Names of the tables that hold at least one row. */
export async function nonEmptyTables(db: Db): Promise<string[]> {
  const tables = await listTables(db);
  const result: string[] = [];
  for (const table of tables) {
    const rows = await db.$queryRawUnsafe<{ found: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM "${table}") AS found`);
    if (rows[0]?.found) result.push(table);
  }
  return result;
}

/** Empties every application table; the migration history stays. */
export async function truncateAll(db: Db): Promise<void> {
  const tables = await listTables(db);
  if (tables.length) await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t}"`).join(", ")} CASCADE`);
}

export function formatSummary(summary: DemoSummary, elapsedMs?: number): string[] {
  const lines = [
    `Demo data for ${summary.today}${elapsedMs === undefined ? "" : ` seeded in ${(elapsedMs / 1000).toFixed(1)} s`}: ` +
      `${summary.customers} customers, ${summary.users} users, ${summary.staffUsers} staff, ` +
      `${summary.installations} installations, ${summary.contracts} contracts, ` +
      `${summary.meterSeries} meter series, ${summary.meterDays.toLocaleString("en-US")} meter days, ` +
      `${summary.meterValues.toLocaleString("en-US")} values.`,
    "",
    `Logins (password for all: ${summary.logins[0]?.password ?? ""}):`,
  ];
  const width = Math.max(...summary.logins.map((l) => l.email.length));
  for (const login of summary.logins) {
    lines.push(`  ${login.email.padEnd(width)}  ${login.kind === "staff" ? "[staff] " : ""}${login.description}`);
  }
  lines.push("", "Register an account with (customer number, national id, check code from the invoice):");
  for (const r of summary.registration) lines.push(`  ${r.customerNumber}  ${r.nationalId}  ${formatCheckCode(r.checkCode)}  ${r.name}`);
  for (const p of summary.firstLoginPins) lines.push(`First-login PIN for customer ${p.customerNumber}: ${p.pin}`);
  return lines;
}

/**
 * Seeds the demo data when the database has no customers yet. Returns whether it seeded.
 * Used by the start script, so a fresh embedded database opens with something to look at.
 */
export async function seedIfEmpty(
  url: string,
  options: Pick<SeedDemoOptions, "large" | "log" | "webhookUrl"> = {},
): Promise<boolean> {
  const db = createPrismaClient(url);
  try {
    if ((await db.customer.count()) > 0) return false;
    const started = performance.now();
    const summary = await seedDemo(db, { large: options.large, log: options.log, webhookUrl: options.webhookUrl });
    for (const line of formatSummary(summary, performance.now() - started)) options.log?.(line);
    return true;
  } finally {
    await db.$disconnect();
  }
}
