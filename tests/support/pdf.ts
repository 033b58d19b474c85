// Reading the PDFs pdfkit writes, for tests: the objects, the text (through each font's ToUnicode
// map) and the fonts with whether their program is embedded. pdfkit writes no object streams, so
// every object dictionary is plain text even in a compressed file; streams are inflated as needed.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateSync } from "node:zlib";

type PdfObject = { dictionary: string; stream: Buffer | null };

function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString("latin1");
  const objects = new Map<number, PdfObject>();
  for (const match of text.matchAll(/(?:^|\n)(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) {
    const body = match[2]!;
    const streamAt = body.indexOf("\nstream\n");
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dictionary: body, stream: null });
      continue;
    }
    const dictionary = body.slice(0, streamAt);
    const raw = Buffer.from(body.slice(streamAt + "\nstream\n".length, body.lastIndexOf("\nendstream")), "latin1");
    objects.set(Number(match[1]), { dictionary, stream: /\/Filter \/FlateDecode/.test(dictionary) ? inflateSync(raw) : raw });
  }
  return objects;
}

const ref = (dictionary: string, key: string): number | null => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dictionary);
  return m ? Number(m[1]) : null;
};

/** Code → text of one font, from its ToUnicode CMap (pdfkit writes only bfrange arrays). */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.replace(/\s+/g, "").match(/.{4}/g) ?? []).map((h) => Number.parseInt(h, 16)));
  for (const m of cmap.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
    const start = Number.parseInt(m[1]!, 16);
    [...m[3]!.matchAll(/<([0-9a-fA-F ]*)>/g)].forEach((u, i) => map.set(start + i, utf16(u[1]!)));
  }
  return map;
}

const WIN_ANSI_EXTRA: Readonly<Record<number, string>> = { 0x80: "€", 0x85: "…", 0x96: "–", 0x97: "—" };

/**
 * The text of a pdfkit file, one line per text run (TJ), in drawing order. Works for embedded
 * (Identity-H, 2-byte codes) fonts; a run in a font without ToUnicode map is read as Latin-1.
 */
export function pdfText(pdf: Buffer): string {
  const objects = objectsOf(pdf);
  const fontMaps = new Map<number, Map<number, string> | null>();
  const mapOfFont = (id: number) => {
    if (!fontMaps.has(id)) {
      const cmapId = ref(objects.get(id)?.dictionary ?? "", "ToUnicode");
      const stream = cmapId === null ? null : objects.get(cmapId)?.stream;
      fontMaps.set(id, stream ? toUnicode(stream.toString("latin1")) : null);
    }
    return fontMaps.get(id)!;
  };
  const runs: string[] = [];
  for (const page of objects.values()) {
    if (!/\/Type \/Page\b/.test(page.dictionary)) continue;
    const resources = objects.get(ref(page.dictionary, "Resources") ?? -1)?.dictionary ?? "";
    const fontIds = new Map([...resources.matchAll(/\/(F\d+) (\d+) 0 R/g)].map((m) => [m[1]!, Number(m[2])]));
    const content = objects.get(ref(page.dictionary, "Contents") ?? -1)?.stream?.toString("latin1") ?? "";
    let font: Map<number, string> | null = null;
    for (const op of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ/g)) {
      if (op[1]) {
        font = mapOfFont(fontIds.get(op[1]) ?? -1);
        continue;
      }
      let run = "";
      for (const hex of op[2]!.matchAll(/<([0-9a-fA-F]*)>/g)) {
        const width = font ? 4 : 2;
        for (let i = 0; i < hex[1]!.length; i += width) {
          const code = Number.parseInt(hex[1]!.slice(i, i + width), 16);
          run += font ? (font.get(code) ?? "\ufffd") : (WIN_ANSI_EXTRA[code] ?? String.fromCharCode(code));
        }
      }
      runs.push(run);
    }
  }
  return runs.join("\n");
}

export type PdfFont = { name: string; subtype: string; embedded: boolean };

/** Every font a page uses, with whether its program (FontFile, FontFile2 or FontFile3) is in the file. */
export function pdfFonts(pdf: Buffer): PdfFont[] {
  const objects = objectsOf(pdf);
  const embedded = (fontDictionary: string): boolean => {
    const descriptor = objects.get(ref(fontDictionary, "FontDescriptor") ?? -1)?.dictionary;
    return descriptor !== undefined && /\/FontFile[23]? \d+ 0 R/.test(descriptor);
  };
  const fonts: PdfFont[] = [];
  const seen = new Set<number>();
  for (const page of objects.values()) {
    if (!/\/Type \/Page\b/.test(page.dictionary)) continue;
    const resources = objects.get(ref(page.dictionary, "Resources") ?? -1)?.dictionary ?? "";
    for (const m of resources.matchAll(/\/F\d+ (\d+) 0 R/g)) {
      const id = Number(m[1]);
      if (seen.has(id)) continue;
      seen.add(id);
      const dictionary = objects.get(id)?.dictionary ?? "";
      const name = /\/BaseFont \/(\S+)/.exec(dictionary)?.[1] ?? "?";
      const subtype = /\/Subtype \/(\S+)/.exec(dictionary)?.[1] ?? "?";
      // A composite (Type0) font's program sits with its descendant CIDFont.
      const descendant = /\/DescendantFonts \[(\d+) 0 R\]/.exec(dictionary);
      const holder = descendant ? (objects.get(Number(descendant[1]))?.dictionary ?? "") : dictionary;
      fonts.push({ name, subtype, embedded: embedded(holder) });
    }
  }
  return fonts;
}

/** The rows of poppler's `pdffonts` for the file, or null where poppler-utils is not installed. */
export function pdffonts(pdf: Buffer): { name: string; emb: string }[] | null {
  const binary = ["/usr/bin/pdffonts", "/usr/local/bin/pdffonts"].find((p) => existsSync(p));
  if (!binary) return null;
  const dir = mkdtempSync(path.join(tmpdir(), "pdffonts-"));
  try {
    const file = path.join(dir, "file.pdf");
    writeFileSync(file, pdf);
    const lines = execFileSync(binary, [file], { encoding: "utf8" }).split("\n").slice(2).filter((l) => l.trim() !== "");
    // Columns: name, type (may contain spaces), encoding, emb, sub, uni, object, ID.
    return lines.map((line) => {
      const cells = line.trim().split(/\s+/);
      return { name: cells[0]!, emb: cells[cells.length - 5]! };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
