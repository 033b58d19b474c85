import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openSchemaEngine } from "../scripts/lib/schema-engine";

describe("committed migrations", () => {
  it("produce exactly the database that schema.prisma describes", async () => {
    const schema = readFileSync("prisma/schema.prisma", "utf8");
    const engine = await openSchemaEngine(process.env.DATABASE_URL!, schema);
    try {
      // Global setup applied every migration; any SQL left to run means schema and migrations differ.
      expect(await engine.diffDatabaseToDatamodel(schema)).toBe("");
      // And the check itself can fail: a schema with one more column is not satisfied.
      const changed = schema.replace("model Customer {", "model Customer {\n  extraColumnForTest String?");
      expect(await engine.diffDatabaseToDatamodel(changed)).toContain("extraColumnForTest");
    } finally {
      engine.close();
    }
  });
});
