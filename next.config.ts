import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const nextConfig: NextConfig = {
  // Libraries that read their own files or load native code at run time stay unbundled.
  serverExternalPackages: ["@node-rs/argon2", "pdfkit", "fontkit", "exceljs", "@electric-sql/pglite", "nodemailer", "pg"],
  poweredByHeader: false,
  // Lets parallel checkouts or test runs build side by side (default .next).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // `npm test` type-checks the whole repository with tsc first; checking again here only costs time.
  typescript: { ignoreBuildErrors: true },
  // Staff upload meter-value files of up to 50 MB through a server action (default limit 1 MB).
  // Render <title> and metadata in the initial <head> for every client, not streamed in later:
  // screen readers and accessibility checks read the title as soon as the page arrives.
  htmlLimitedBots: /.*/,
  experimental: { serverActions: { bodySizeLimit: "51mb" }, proxyClientMaxBodySize: "51mb" },
};

export default withNextIntl(nextConfig);
