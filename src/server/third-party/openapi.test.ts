// The third-party API's OpenAPI document is valid OpenAPI 3.1, passes Redocly's recommended lint
// rules without a warning, and describes every route and every stable error code.
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { Validator } from "@seriousme/openapi-schema-validator";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiErrorCodes } from "./api-error";
import { openApiDocument } from "./openapi";

const doc = openApiDocument("https://minasidor.example.com") as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : name === "route.ts" ? [full] : [];
  });
}

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(structuredClone(doc) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect((doc as unknown as { openapi: string }).openapi).toBe("3.1.0");
  });

  it("fails validation when broken (so the check above can fail)", async () => {
    const broken = structuredClone(doc) as unknown as Record<string, unknown>;
    delete broken.info;
    (broken.paths as Record<string, unknown>)["/events"] = { get: { responses: "none" } };
    expect((await new Validator().validate(broken as never)).valid).toBe(false);
  });

  // Linted as a deployment serves it, from its own host: the demo's copy points to localhost, and
  // Redocly rightly warns about that one (no-server-example.com), as it would about example.com.
  const lint = async (document: unknown) =>
    (await lintFromString({ source: JSON.stringify(document), absoluteRef: "openapi.json", config: await createConfig({ extends: ["recommended"] }) })).map(
      (p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? "?"}: ${p.message}`,
    );

  it("passes Redocly's recommended rules without an error or a warning", async () => {
    expect(await lint(openApiDocument("https://minasidor.energi.test"))).toEqual([]);
  });

  it("is caught by the lint when a tag, the license or an operation id goes missing (so the check above can fail)", async () => {
    const broken = structuredClone(openApiDocument("https://minasidor.energi.test")) as { info: Record<string, unknown>; tags: Record<string, unknown>[]; webhooks: Record<string, { post: Record<string, unknown> }> };
    delete broken.info.license;
    delete broken.tags[0]!.description;
    for (const hook of Object.values(broken.webhooks)) delete hook.post.operationId;
    const problems = await lint(broken);
    expect(problems.map((p) => p.split(" ")[1])).toEqual(expect.arrayContaining(["info-license", "tag-description", "operation-operationId"]));
  });

  it("documents every route under app/api/v1", () => {
    const root = path.resolve(import.meta.dirname, "../../../app/api/v1");
    const documented = routeFiles(root)
      .map((f) => path.relative(root, path.dirname(f)).split(path.sep).join("/"))
      .filter((p) => p !== "openapi.json")
      .map((p) => `/${p.replace(/\[(\w+)\]/g, "{$1}")}`);
    expect(Object.keys(doc.paths).sort()).toEqual(documented.sort());
  });

  it("names every error code somewhere in the responses", () => {
    const text = JSON.stringify(doc.paths);
    for (const code of Object.keys(apiErrorCodes).filter((c) => c !== "INTERNAL")) expect(text, code).toContain(code);
  });
});
