// The third-party API's OpenAPI document is valid OpenAPI 3.1, and describes every route and
// every stable error code.
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
