// ESLint (flat config): Next's recommended rules with typescript-eslint's, plus the layering that
// README describes, enforced. `npm run lint` (also a step of `npm test`); tests/lint-boundaries.test.ts
// pins the boundary rules.
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { version as reactVersion } from "react";

// ---- Where a module lives ------------------------------------------------------------------------

const posix = (p) => p.split(path.sep).join("/");
const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".jsx", ".mjs"];

/** The project file an import names (`@/x` is `src/x`, as in tsconfig), or null for a package. */
function resolveLocal(source, importer, root) {
  let base;
  if (source.startsWith("@/")) base = path.join(root, "src", source.slice(2));
  else if (source.startsWith(".")) base = path.resolve(path.dirname(importer), source);
  else return null;
  const candidates = [base, ...SOURCE_EXTENSIONS.map((e) => base + e), ...SOURCE_EXTENSIONS.map((e) => path.join(base, "index" + e))];
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? base;
}

/** The folder of the nearest package.json above a file: where `app/` and `src/` are. */
function projectRoot(file, fallback) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
  }
  return fallback;
}

/** A file's path from the project root, with forward slashes. */
const fromRoot = (file, root) => posix(path.relative(root, file));

const isTypeOnly = (node) =>
  node.importKind === "type" ||
  node.exportKind === "type" ||
  (node.type === "ImportDeclaration" && node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type")) ||
  (node.type === "ExportNamedDeclaration" && node.specifiers.length > 0 && node.specifiers.every((s) => s.exportKind === "type"));

const markerCache = new Map();
/** What a file says about where it runs: its "use server" directive, its `import "server-only"`. */
function markers(file) {
  let text = "";
  let key = file;
  try {
    key = `${file}@${fs.statSync(file).mtimeMs}`; // an editor's long-running ESLint sees edits
    if (!markerCache.has(key)) text = fs.readFileSync(file, "utf8");
  } catch {
    // Not a file we can read (a folder, a missing path): it says nothing.
  }
  if (!markerCache.has(key)) {
    markerCache.set(key, {
      useServer: /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(text),
      serverOnly: /^\s*import\s+["']server-only["']/m.test(text),
    });
  }
  return markerCache.get(key);
}

function importNodes(visit) {
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: (node) => node.source && visit(node),
    ExportAllDeclaration: visit,
    ImportExpression: (node) => node.source.type === "Literal" && visit({ ...node, importKind: "value" }),
  };
}

// ---- Rule: client components import no server-only module ----------------------------------------

const NODE_BUILTINS = new Set(builtinModules);
/** Packages that only run on the server (a database driver, Prisma, the server-only marker). */
const SERVER_PACKAGES = [/^server-only$/, /^node:/, /^@prisma\//, /^pg(-copy-streams)?$/, /^@electric-sql\//, /^nodemailer$/, /^@node-rs\//, /^pdfkit$/, /^exceljs$/];

const clientNoServerImports = {
  meta: {
    type: "problem",
    docs: { description: 'A "use client" file imports from server-only modules only types (`import type`) and server actions ("use server" files).' },
    schema: [],
    messages: {
      serverOnly:
        '"use client" file imports {{what}} "{{source}}". A client component may import only types from server code (`import type`) and server actions ("use server" files); move what the browser needs to src/lib or pass it as a prop.',
    },
  },
  create(context) {
    const isClient = context.sourceCode.ast.body.some(
      (s) => s.type === "ExpressionStatement" && s.directive === "use client",
    );
    if (!isClient) return {};
    const root = projectRoot(context.filename, context.cwd);
    return importNodes((node) => {
      if (isTypeOnly(node)) return;
      const source = String(node.source.value);
      const report = (what) => context.report({ node: node.source, messageId: "serverOnly", data: { what, source } });
      if (NODE_BUILTINS.has(source) || SERVER_PACKAGES.some((re) => re.test(source))) return report("the server-only package");
      const target = resolveLocal(source, context.filename, root);
      if (!target) return;
      const relative = fromRoot(target, root);
      const m = markers(target);
      if (m.useServer) return; // a server action: Next sends the client a reference, not the code
      if (relative.startsWith("src/server/") || relative.startsWith("src/generated/")) return report("the server module");
      if (m.serverOnly) return report('the module marked `import "server-only"`');
    });
  },
};

// ---- Rule: a route folder imports no other route folder ------------------------------------------

const noCrossRouteImports = {
  meta: {
    type: "problem",
    docs: { description: "A file in app/ imports from its own folder and the folders above it, never from another route's folder." },
    schema: [],
    messages: {
      otherRoute:
        'app/ file imports "{{source}}" from another route folder ({{target}}). Route folders stay independent: move what both use to src/components (UI) or src/lib.',
    },
  },
  create(context) {
    const root = projectRoot(context.filename, context.cwd);
    const importer = fromRoot(context.filename, root);
    if (!importer.startsWith("app/")) return {};
    const importerDir = path.posix.dirname(importer);
    return importNodes((node) => {
      const source = String(node.source.value);
      const target = resolveLocal(source, context.filename, root);
      if (!target) return;
      const relative = fromRoot(target, root);
      if (!relative.startsWith("app/")) return;
      const targetDir = path.posix.dirname(relative);
      const isOwnOrAncestor = importerDir === targetDir || importerDir.startsWith(targetDir + "/");
      if (!isOwnOrAncestor) context.report({ node: node.source, messageId: "otherRoute", data: { source, target: targetDir } });
    });
  },
};

const boundaries = { meta: { name: "mina-sidor-boundaries" }, rules: { "client-no-server-imports": clientNoServerImports, "no-cross-route-imports": noCrossRouteImports } };

// ---- no-restricted-imports groups -----------------------------------------------------------------
// One config object per set of files gives the rule its whole list (options do not merge), so each
// set below names every group that applies to it.

const FIXTURES = {
  group: ["@/fixtures", "@/fixtures/**", "**/fixtures", "**/fixtures/**"],
  message: "src/fixtures (demo and test data) is for scripts/, tests, bench/ and the seed only, not for the portal's code.",
};
const DOMAIN = [
  {
    group: ["next", "next/**", "next-intl", "next-intl/**", "next-auth", "next-auth/**", "react", "react/**", "react-dom", "react-dom/**"],
    message: "src/domain is plain TypeScript: no Next, next-intl or React.",
  },
  {
    group: ["@prisma/*", "@/generated/**", "**/generated/prisma", "**/generated/prisma/**", "server-only"],
    message: "src/domain is plain TypeScript: no Prisma; the server maps rows to domain types.",
  },
  {
    group: ["@/server", "@/server/**", "**/server", "**/server/**", "@/components", "@/components/**", "**/components/**", "**/app/**"],
    message: "src/domain imports nothing from src/server, src/components or app/: they depend on it, not the other way round.",
  },
];
const restrict = (...patterns) => ["error", { patterns }];
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "tests/**", "e2e/**"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", ".data/**", "src/generated/**", "test-results/**", "playwright-report/**", "coverage/**", "next-env.d.ts"]),
  {
    // eslint-plugin-react's "detect" calls an ESLint API that is going away; name the version instead.
    settings: { react: { version: reactVersion } },
  },
  {
    files: ["**/*.{ts,tsx,mts,js,jsx,mjs}"],
    plugins: { boundaries },
    rules: {
      "boundaries/client-no-server-imports": "error",
      "boundaries/no-cross-route-imports": "error",
      // `_name` marks an argument or binding that is there on purpose (a callback's shape).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/**", "src/**", "proxy.ts"],
    ignores: [...TESTS, "src/fixtures/**"],
    rules: { "no-restricted-imports": restrict(FIXTURES) },
  },
  {
    files: ["src/domain/**"],
    ignores: TESTS,
    rules: { "no-restricted-imports": restrict(FIXTURES, ...DOMAIN) },
  },
  {
    // Tests of the domain may use the fixtures, but still no framework or server code.
    files: ["src/domain/**/*.test.ts"],
    rules: { "no-restricted-imports": restrict(...DOMAIN) },
  },
]);
