import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { baseSecurityHeaders, HSTS, servedOverTls, STRICT_CSP } from "./src/domain/http/security-headers";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const nextConfig: NextConfig = {
  // Libraries that read their own files or load native code at run time stay unbundled.
  serverExternalPackages: ["@node-rs/argon2", "pdfkit", "fontkit", "exceljs", "@electric-sql/pglite", "nodemailer", "pg"],
  poweredByHeader: false,
  // Lets parallel checkouts or test runs build side by side (default .next).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // `npm test` type-checks the whole repository with tsc first; checking again here only costs time.
  typescript: { ignoreBuildErrors: true },
  // Render <title> and metadata in the initial <head> for every client, not streamed in later:
  // screen readers and accessibility checks read the title as soon as the page arrives.
  htmlLimitedBots: /.*/,
  // Every response gets the strict policy and the other security headers; proxy.ts replaces the
  // policy of pages with one that carries a nonce (docs/decisions/012-security-headers.md). These
  // are fixed at build time, so HSTS comes from a build-time https APP_URL or, per request, from a
  // TLS-terminating proxy's X-Forwarded-Proto.
  async headers() {
    const toHeaders = (list: [string, string][]) => list.map(([key, value]) => ({ key, value }));
    const tls = servedOverTls({ appUrl: process.env.APP_URL ?? process.env.NEXTAUTH_URL });
    return [
      { source: "/:path*", headers: toHeaders([["Content-Security-Policy", STRICT_CSP], ...baseSecurityHeaders({ tls })]) },
      ...(tls ? [] : [{ source: "/:path*", has: [{ type: "header" as const, key: "x-forwarded-proto", value: "https" }], headers: toHeaders([["Strict-Transport-Security", HSTS]]) }]),
    ];
  },
  // Request bodies are bounded (issue 10, item 8; src/domain/http/body-limits.ts): server actions,
  // every form of the portal, take at most 1 MB (BODY_LIMITS.serverAction). The proxy (proxy.ts),
  // which runs for every page path, copies a body it sees into memory up to
  // proxyClientMaxBodySize, so that stays at the same 1 MB. The 50 MB meter-value upload is a
  // route handler under /api, which the proxy skips, streaming into storage.
  experimental: { serverActions: { bodySizeLimit: "1mb" }, proxyClientMaxBodySize: "1mb" },
};

export default withNextIntl(nextConfig);
