import { expect, it } from "vitest";

// Test tables grouped by the expected answer, so a long list of inputs with few different outcomes
// reads as one line per outcome instead of one row per input.

/**
 * Flattens `{ expected: [input, …] }` into `[input, expected]` rows for `it.each`, in the order written.
 * Each input stays its own test case.
 */
function byExpected<E extends string>(groups: Readonly<Record<E, readonly string[]>>): [string, E][] {
  return (Object.entries(groups) as [E, readonly string[]][]).flatMap(([expected, inputs]) =>
    inputs.map((input): [string, E] => [input, expected]),
  );
}

/** What a parser answers for an input it refuses; the value side is left open on purpose. */
type ParseAnswer = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Inputs a parser must refuse, either grouped by reason (`{ date: [input, …] }`) or as
 * `[input, reason]` rows where the order of the rows tells a story of its own.
 */
export type Refusals<R extends string = string> =
  | Readonly<Partial<Record<R, readonly string[]>>>
  | readonly (readonly [input: string, reason: R])[];

/**
 * Registers one test per input: `parse(input)` answers exactly `{ ok: false, reason }`.
 * The test name shows the input and the reason (`"%j → %s"` unless `title` says otherwise).
 */
export function refusesEach<R extends string>(
  parse: (input: string) => ParseAnswer,
  refusals: Refusals<R>,
  title = "%j → %s",
): void {
  const rows: [string, string][] = Array.isArray(refusals)
    ? refusals.map(([input, reason]): [string, string] => [input, reason])
    : byExpected(refusals as Readonly<Record<string, readonly string[]>>);
  it.each(rows)(title, (input, reason) => {
    expect(parse(input)).toEqual({ ok: false, reason });
  });
}

/**
 * Registers one test per row: `parse(row[0])` answers exactly `{ ok: true, value: value(...row) }`.
 * The rest of the row is whatever `value` needs to build the expected value (normalized form, birth date …).
 */
export function acceptsEach<Row extends readonly [input: string, ...rest: unknown[]]>(
  parse: (input: string) => ParseAnswer,
  rows: readonly Row[],
  value: (...row: Row) => unknown,
  title = "%j → %s",
): void {
  it.each(rows as unknown as Row[][])(title, (...row) => {
    const typed = row as unknown as Row;
    expect(parse(typed[0])).toEqual({ ok: true, value: value(...typed) });
  });
}

/**
 * Registers one test per `[input, expected]` row: `fn(input)` is `expected` (compared with `toBe`,
 * so for check digits, flags and other plain values).
 */
export function returnsEach<I, O>(fn: (input: I) => O, rows: readonly (readonly [input: I, expected: O])[], title = "%j → %s"): void {
  it.each(rows.map(([input, expected]): [I, O] => [input, expected]))(title, (input, expected) => {
    expect(fn(input)).toBe(expected);
  });
}
