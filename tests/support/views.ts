// Helpers for the tests of view-model server functions (getXView), which answer a union on `kind`.

/** The view when it is ready (what the page renders); fails the test with the kind it got otherwise. */
export function ready<View extends { kind: string }>(view: View): Extract<View, { kind: "ready" }> {
  if (view.kind !== "ready") throw new Error(`expected a ready view, got ${view.kind}`);
  return view as Extract<View, { kind: "ready" }>;
}
