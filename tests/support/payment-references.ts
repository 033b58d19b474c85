// Helpers of the payment reference tests (src/domain/billing/payment-references-*.test.ts): the
// error assertion and the corruptions every check-digit scheme must detect.
import { expect } from "vitest";
import { PaymentReferenceError } from "@/domain/billing/payment-references";

type ErrorCode = PaymentReferenceError["code"];

/** Asserts that `fn` throws a PaymentReferenceError with `code` (and message). */
export function expectError(fn: () => unknown, code: ErrorCode, message?: string | RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PaymentReferenceError);
  expect(caught).toBeInstanceOf(Error);
  const error = caught as PaymentReferenceError;
  expect(error.code).toBe(code);
  expect(error.name).toBe("PaymentReferenceError");
  if (message !== undefined) expect(error.message).toMatch(message);
}

/** Every string obtained by replacing one of the digits at `positions` with another digit. */
export function singleDigitCorruptions(ref: string, positions: Iterable<number>): string[] {
  const result: string[] = [];
  for (const i of positions) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) === ref[i]) continue;
      result.push(`${ref.slice(0, i)}${d}${ref.slice(i + 1)}`);
    }
  }
  return result;
}

/** Every swap of two adjacent, different digits starting at `positions`. */
export function adjacentTranspositions(ref: string, positions: Iterable<number>): string[] {
  const result: string[] = [];
  for (const i of positions) {
    const [a, b] = [ref[i], ref[i + 1]];
    if (a === b || !/\d/.test(a) || !/\d/.test(b)) continue;
    result.push(`${ref.slice(0, i)}${b}${a}${ref.slice(i + 2)}`);
  }
  return result;
}

export function indices(from: number, toExclusive: number): number[] {
  return Array.from({ length: toExclusive - from }, (_, k) => from + k);
}
