// npm run db:migrate — applies pending migrations to DATABASE_URL.
import { applyMigrations } from "./lib/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. `npm run demo` migrates the embedded database by itself.");
  process.exit(1);
}
const applied = await applyMigrations(url, { log: (l) => console.log(l) });
console.log(applied.length ? `${applied.length} migration(s) applied.` : "Database is up to date.");
