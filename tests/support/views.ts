// Page view-models answer with a `kind` ("ready", or why the page cannot show its data); tests
// that read the data narrow to the ready view and fail with the kind they got otherwise.
export function readyView<V extends { kind: string }>(view: V): Extract<V, { kind: "ready" }> {
  if (view.kind !== "ready") throw new Error(`expected a ready view, got ${view.kind}`);
  return view as Extract<V, { kind: "ready" }>;
}
