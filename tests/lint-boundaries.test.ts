// The import-boundary rules of eslint.config.mjs fire on what they forbid and stay quiet on what is
// allowed. Snippets are linted as if they were files of a small project in a temporary folder, so the
// checks do not depend on where the portal's own files happen to be.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CONFIG = path.resolve(import.meta.dirname, "../eslint.config.mjs");
let project: string;
let eslint: ESLint;

// Files the snippets import: a server action, a server-only module outside src/server, a plain one.
const PROJECT_FILES: Record<string, string> = {
  "src/server/actions/group-actions.ts": '"use server";\nexport async function saveGroupAction() {}\n',
  "src/server/actions/action-state.ts": 'export type ActionState = { status: "idle" };\nexport const idle: ActionState = { status: "idle" };\n',
  "src/server/db/client.ts": 'import "server-only";\nexport const db = {};\n',
  "src/lib/signing-keys.ts": 'import "server-only";\nexport const key = "k";\n',
  "src/lib/format.ts": "export const formatKwh = (n: number) => `${n} kWh`;\n",
  "src/fixtures/demo.ts": "export const demo = {};\n",
};

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), "lint-boundaries-"));
  fs.mkdirSync(path.join(project, "app")); // Next's rules look for the app/ folder
  fs.writeFileSync(path.join(project, "package.json"), "{}"); // the rules' project root
  for (const [file, text] of Object.entries(PROJECT_FILES)) {
    fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    fs.writeFileSync(path.join(project, file), text);
  }
  eslint = new ESLint({ cwd: project, overrideConfigFile: CONFIG });
});
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

/** The rules that fire on `code` as the file `file` of the project. */
async function rulesFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(project, file) });
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(fatal.map((m) => m.message).join("\n"));
  return result.messages.map((m) => m.ruleId ?? "");
}

const CLIENT = "boundaries/client-no-server-imports";
const ROUTES = "boundaries/no-cross-route-imports";
const RESTRICTED = "no-restricted-imports";
const use = (name: string) => `\nexport const used = ${name};\n`;

describe("src/domain imports no framework, database or outer layer", () => {
  const file = "src/domain/billing/plan.ts";
  it.each([
    ['import { cookies } from "next/headers";', "cookies"],
    ['import { redirect } from "next/navigation";', "redirect"],
    ['import { getTranslations } from "next-intl/server";', "getTranslations"],
    ['import { useState } from "react";', "useState"],
    ['import { createPortal } from "react-dom";', "createPortal"],
    ['import { Prisma } from "@prisma/client";', "Prisma"],
    ['import type { Invoice } from "@/generated/prisma/client";', "null as unknown as Invoice"],
    ['import { db } from "@/server/db/client";', "db"],
    ['import { db } from "../../server/db/client";', "db"],
    ['import { Table } from "@/components/ui/table";', "Table"],
    ['import { x } from "../../../app/(portal)/fakturor/format";', "x"],
    ['import { demo } from "@/fixtures/demo";', "demo"],
    ['import { demo } from "../../fixtures/demo";', "demo"],
  ])("%s", async (importLine, name) => {
    expect(await rulesFor(file, importLine + use(name))).toContain(RESTRICTED);
  });

  it("allows other domain modules, src/lib and plain packages", async () => {
    const code = 'import { z } from "zod";\nimport { rate } from "./rate";\nimport { toMinor } from "@/domain/billing/money";\nimport { formatKwh } from "@/lib/format";\nexport const used = [z, rate, toMinor, formatKwh];\n';
    expect(await rulesFor(file, code)).toEqual([]);
  });

  it("lets the domain's tests use the fixtures, not the server", async () => {
    const test = "src/domain/billing/plan.test.ts";
    expect(await rulesFor(test, 'import { demo } from "@/fixtures/demo";' + use("demo"))).toEqual([]);
    expect(await rulesFor(test, 'import { db } from "@/server/db/client";' + use("db"))).toContain(RESTRICTED);
  });
});

describe("a route folder in app/ imports no other route folder", () => {
  it.each([
    ["app/(portal)/forbrukning/page.tsx", 'import { Picker } from "../anlaggningar/picker";'],
    ["app/(portal)/forvaltning/forms.tsx", 'import { Picker } from "../behorighet/access-forms";'],
    ["app/(portal)/page.tsx", 'import { Picker } from "./anlaggningar/list-params";'],
    ["app/support/logga-in/page.tsx", 'import { Picker } from "../../(public)/logga-in/sign-in-form";'],
    ["app/api/forbrukning/export/route.ts", 'import { Picker } from "../../../(portal)/forbrukning/page-params";'],
  ])("%s: %s", async (file, importLine) => {
    expect(await rulesFor(file, importLine + use("Picker"))).toContain(ROUTES);
  });

  it.each([
    ["app/(portal)/fakturor/[id]/page.tsx", 'import { Picker } from "../format";'],
    ["app/(portal)/fakturor/page.tsx", 'import { Picker } from "./status-badge";'],
    ["app/support/(console)/kunder/[id]/page.tsx", 'import { Picker } from "../../audit-table";'],
    ["app/(portal)/forbrukning/page.tsx", 'import { Picker } from "@/components/ui/table";'],
  ])("allows its own folder, the folders above it and src: %s", async (file, importLine) => {
    expect(await rulesFor(file, importLine + use("Picker"))).not.toContain(ROUTES);
  });
});

describe("a client component imports no server-only module", () => {
  const file = "app/(portal)/anlaggningar/selection-form.tsx";
  const client = (code: string) => `"use client";\n${code}`;

  it.each([
    ['import { db } from "@/server/db/client";', "db"],
    ['import { idle } from "@/server/actions/action-state";', "idle"],
    ['import { idle, type ActionState } from "@/server/actions/action-state";', "[idle, null as unknown as ActionState]"],
    ['import { db } from "../../../src/server/db/client";', "db"],
    ['import { key } from "@/lib/signing-keys";', "key"],
    ['import "server-only";', "1"],
    ['import { readFile } from "node:fs/promises";', "readFile"],
    ['import { readFile } from "fs";', "readFile"],
    ['import { PrismaClient } from "@prisma/client";', "PrismaClient"],
    ['import { Prisma } from "@/generated/prisma/client";', "Prisma"],
    ['export { db } from "@/server/db/client";', "1"],
  ])("%s", async (importLine, name) => {
    expect(await rulesFor(file, client(importLine + use(name)))).toContain(CLIENT);
  });

  it("allows types, server actions and client-safe modules", async () => {
    const code = client(
      'import type { ActionState } from "@/server/actions/action-state";\n' +
        'import { type ActionState as State } from "@/server/actions/action-state";\n' +
        'import { saveGroupAction } from "@/server/actions/group-actions";\n' +
        'import { formatKwh } from "@/lib/format";\n' +
        'import { useState } from "react";\n' +
        "export const used = [saveGroupAction, formatKwh, useState, null as unknown as ActionState | State];\n",
    );
    expect(await rulesFor(file, code)).toEqual([]);
  });

  it("leaves server components alone", async () => {
    expect(await rulesFor("app/(portal)/anlaggningar/page.tsx", 'import { db } from "@/server/db/client";' + use("db"))).toEqual([]);
  });
});

describe("src/fixtures is for scripts, tests, bench and the seed", () => {
  const importDemo = 'import { demo } from "@/fixtures/demo";' + use("demo");
  it.each(["app/(portal)/page.tsx", "src/server/billing/run-billing.ts", "src/components/ui/table.tsx", "src/lib/format.ts", "proxy.ts"])(
    "not for %s",
    async (file) => {
      expect(await rulesFor(file, importDemo)).toContain(RESTRICTED);
    },
  );
  it.each(["scripts/seed.ts", "scripts/lib/seed.ts", "bench/billing.bench.ts", "tests/support/access.ts", "e2e/auth.spec.ts", "src/server/access/members.integration.test.ts", "src/fixtures/factories.ts"])(
    "for %s",
    async (file) => {
      expect(await rulesFor(file, importDemo)).not.toContain(RESTRICTED);
    },
  );
  it("catches a relative path into the fixtures too", async () => {
    expect(await rulesFor("src/server/billing/run-billing.ts", 'import { demo } from "../../fixtures/demo";' + use("demo"))).toContain(RESTRICTED);
  });
});
