import "server-only";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * The fonts embedded in invoice PDFs (docs/decisions/0NN-invoice-pdf-fonts.md): Arimo and Cousine,
 * metric-compatible with Helvetica/Arial and Courier, so the layout made for the standard fonts is
 * unchanged, and complete TrueType files covering å ä ö æ ø, € and every Latin letter a name may
 * have. Read from the packages' files at run time, not bundled: the production build (next start)
 * and the command line resolve them from the project's node_modules.
 */
export type InvoiceFonts = { regular: Buffer; bold: Buffer; mono: Buffer; monoBold: Buffer; regularPath: string };

const FILES: Readonly<Record<Exclude<keyof InvoiceFonts, "regularPath">, readonly [pkg: string, file: string]>> = {
  regular: ["@expo-google-fonts/arimo", "400Regular/Arimo_400Regular.ttf"],
  bold: ["@expo-google-fonts/arimo", "700Bold/Arimo_700Bold.ttf"],
  mono: ["@expo-google-fonts/cousine", "400Regular/Cousine_400Regular.ttf"],
  monoBold: ["@expo-google-fonts/cousine", "700Bold/Cousine_700Bold.ttf"],
};

let loaded: InvoiceFonts | undefined;

/** The four font files, read once per process (`regularPath` for pdfkit's default-font option). */
export function loadInvoiceFonts(): InvoiceFonts {
  if (loaded) return loaded;
  // Resolved from the project root rather than from this (bundled) module's location, which in the
  // production build is a chunk under .next/ that the bundler may rewrite `require.resolve` in.
  const require = createRequire(path.join(process.cwd(), "package.json"));
  const locate = ([pkg, file]: readonly [string, string]): string => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
  const read = (entry: readonly [string, string]): Buffer => readFileSync(locate(entry));
  loaded = { regular: read(FILES.regular), bold: read(FILES.bold), mono: read(FILES.mono), monoBold: read(FILES.monoBold), regularPath: locate(FILES.regular) };
  return loaded;
}
