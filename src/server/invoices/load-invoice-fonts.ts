import "server-only";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as fontkit from "fontkit";

/**
 * The fonts embedded in invoice PDFs (docs/decisions/013-invoice-pdf-fonts.md): Arimo and Cousine,
 * metric-compatible with Helvetica/Arial and Courier, so the layout made for the standard fonts is
 * unchanged, and complete TrueType files covering å ä ö æ ø, € and every Latin letter a name may
 * have. Read from the packages' files at run time, not bundled: the production build (next start)
 * and the command line resolve them from the project's node_modules.
 */
export type InvoiceFonts = { regular: fontkit.Font; bold: fontkit.Font; mono: fontkit.Font; monoBold: fontkit.Font };

const FILES: Readonly<Record<keyof InvoiceFonts, readonly [pkg: string, file: string]>> = {
  regular: ["@expo-google-fonts/arimo", "400Regular/Arimo_400Regular.ttf"],
  bold: ["@expo-google-fonts/arimo", "700Bold/Arimo_700Bold.ttf"],
  mono: ["@expo-google-fonts/cousine", "400Regular/Cousine_400Regular.ttf"],
  monoBold: ["@expo-google-fonts/cousine", "700Bold/Cousine_700Bold.ttf"],
};

let loaded: InvoiceFonts | undefined;

/**
 * The four fonts, parsed once per process: parsing a 300 KB font and warming its glyph and layout
 * caches cost more than drawing a whole bill, so every document shares the parsed fonts (each
 * document still embeds its own subset).
 */
export function loadInvoiceFonts(): InvoiceFonts {
  if (loaded) return loaded;
  // Resolved from the project root rather than from this (bundled) module's location, which in the
  // production build is a chunk under .next/ that the bundler may rewrite `require.resolve` in.
  const require = createRequire(path.join(process.cwd(), "package.json"));
  const parse = ([pkg, file]: readonly [string, string]): fontkit.Font => {
    const font = fontkit.create(readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file)));
    if (!("layout" in font)) throw new Error(`${pkg}/${file} is a font collection, not a font`);
    return font;
  };
  loaded = { regular: parse(FILES.regular), bold: parse(FILES.bold), mono: parse(FILES.mono), monoBold: parse(FILES.monoBold) };
  return loaded;
}
