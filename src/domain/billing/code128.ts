/**
 * Code 128, set C only: the symbology of the Finnish bank bar code (Finance Finland's
 * "Pankkiviivakoodi" guide prints the 54-digit content as Code 128C). Pure TypeScript; the PDF layer
 * draws the bars this module returns.
 *
 * Set C encodes two digits per symbol (values 00–99). A symbol is 11 modules wide: three bars and
 * three spaces, each 1–4 modules; the stop symbol is 13 modules (four bars, three spaces). The
 * check symbol is (start value + Σ position × value) mod 103, positions counted from 1 after the
 * start symbol. ISO/IEC 15417 asks for a quiet zone of at least 10 modules on either side.
 */

/**
 * Bar/space widths in modules for symbol values 0–106 (103 Start A, 104 Start B, 105 Start C,
 * 106 Stop), alternating bar, space, bar, … starting with a bar.
 */
export const CODE128_PATTERNS: readonly string[] = [
  "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
  "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
  "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
  "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
  "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
  "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
  "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
  "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
  "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
  "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
  "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
];

const CODE128_START_C = 105;
const CODE128_STOP = 106;
/** Minimum quiet zone on each side, in modules. */
export const CODE128_QUIET_ZONE = 10;

export class Code128Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Code128Error";
  }
}

/** The check symbol value: (start + Σ i × valueᵢ) mod 103 over the data symbols, i from 1. */
export function code128Checksum(startValue: number, dataValues: readonly number[]): number {
  let sum = startValue;
  dataValues.forEach((value, index) => {
    sum += (index + 1) * value;
  });
  return sum % 103;
}

/**
 * The symbol values of `digits` in set C: Start C, one value per digit pair, the check symbol and
 * Stop. "1234" → [105, 12, 34, 82, 106]. Set C holds pairs only, so an odd number of digits (which
 * would need a switch to set A or B for the last one) is refused, as is anything but 0–9.
 */
export function code128CValues(digits: string): number[] {
  if (!/^\d+$/.test(digits)) {
    throw new Code128Error(`Code 128 set C encodes digits 0–9 only, got ${JSON.stringify(digits)}`);
  }
  if (digits.length % 2 !== 0) {
    throw new Code128Error(`Code 128 set C encodes digit pairs: an even number of digits is needed, got ${digits.length}`);
  }
  const data: number[] = [];
  for (let i = 0; i < digits.length; i += 2) data.push(Number(digits.slice(i, i + 2)));
  return [CODE128_START_C, ...data, code128Checksum(CODE128_START_C, data), CODE128_STOP];
}

export interface Code128Bars {
  /** The symbol values, start to stop. */
  values: number[];
  /** The check symbol value. */
  checksum: number;
  /** Each bar: its left edge and width in modules, measured from the left edge of the quiet zone. */
  bars: { x: number; width: number }[];
  /** Total width in modules, quiet zones included. */
  widthModules: number;
}

/** Bars of a Code 128C symbol for `digits`, with quiet zones, in module units (scale to draw). */
export function encodeCode128C(digits: string): Code128Bars {
  const values = code128CValues(digits);
  const bars: { x: number; width: number }[] = [];
  let x = CODE128_QUIET_ZONE;
  for (const value of values) {
    const pattern = CODE128_PATTERNS[value]!;
    for (let i = 0; i < pattern.length; i++) {
      const width = pattern.charCodeAt(i) - 48;
      if (i % 2 === 0) bars.push({ x, width });
      x += width;
    }
  }
  return { values, checksum: values[values.length - 2]!, bars, widthModules: x + CODE128_QUIET_ZONE };
}
