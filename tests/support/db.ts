// Test helpers for the integration database.
import { createPrismaClient, type Db } from "@/server/db/create-client";

let testDb: Db | undefined;

export function getTestDb(): Db {
  testDb ??= createPrismaClient(process.env.DATABASE_URL!);
  return testDb;
}

/** Empties every table so a test file starts from nothing (files run one at a time). */
export async function resetDatabase(db: Db = getTestDb()) {
  const tables = await db.$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  if (tables.length) await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} CASCADE`);
}
