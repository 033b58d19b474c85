// Shared benchmark helpers. The machines are shared and noisy: compare candidates side by side in
// one run and report medians of several repetitions.
export type BenchLine = { case: string; [figure: string]: string | number | boolean | null };

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `warmup` times unmeasured, then `repetitions` times; returns the median in ms. */
export async function timeMedian(fn: () => unknown | Promise<unknown>, repetitions = 7, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

export function report(line: BenchLine): void {
  console.log(JSON.stringify(line));
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
