// Runs `prisma generate` on machines that cannot download Prisma's native schema engine.
// `generate` never uses that engine, but the CLI insists on finding one at start-up; pointing it at
// any executable satisfies the check. A machine that has the real engine keeps using it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const env = { ...process.env };
// @prisma/engines is the CLI's own dependency, so it is looked up from the CLI's package.
const requireFromPrisma = createRequire(require.resolve("prisma/package.json"));
const enginesDir = path.dirname(requireFromPrisma.resolve("@prisma/engines/package.json"));
const hasNativeEngine = (await import("node:fs")).readdirSync(enginesDir).some((f) => f.startsWith("schema-engine"));
if (!hasNativeEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = existsSync("/bin/true") ? "/bin/true" : process.execPath;
  env.PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING = "1";
}
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate", ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
