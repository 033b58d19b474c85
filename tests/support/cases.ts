// Test tables grouped by the expected answer, so a long list of inputs with few different outcomes
// reads as one line per outcome instead of one row per input.

/**
 * Flattens `{ expected: [input, …] }` into `[input, expected]` rows for `it.each`, in the order written.
 * Each input stays its own test case.
 */
export function byExpected<E extends string>(groups: Readonly<Record<E, readonly string[]>>): [string, E][] {
  return (Object.entries(groups) as [E, readonly string[]][]).flatMap(([expected, inputs]) =>
    inputs.map((input): [string, E] => [input, expected]),
  );
}
