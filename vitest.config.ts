import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname, "src"),
  // `server-only` throws outside React Server Components; tests call server code directly.
  "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "scripts/**/*.test.ts", "tests/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["src/**/*.integration.test.ts", "scripts/**/*.integration.test.ts", "tests/**/*.integration.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-db-setup.ts"],
          setupFiles: ["tests/support/integration-setup.ts"],
          // Files share one database and reset it; running them one at a time keeps them independent.
          fileParallelism: false,
          // The migration check loads Prisma's schema engine as a WebAssembly module.
          execArgv: ["--experimental-wasm-modules", "--no-warnings=ExperimentalWarning"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
