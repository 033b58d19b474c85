// Preloaded (`node --import ./scripts/lib/outside-next.mjs`) by every command that runs server code
// outside Next: scripts, the seed and benchmarks. Server modules start with `import "server-only"`,
// which throws outside React Server Components; here it resolves to an empty module, as in the tests.
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(
    `export async function resolve(s, c, n) { return s === "server-only" ? { url: "data:text/javascript,export{}", shortCircuit: true } : n(s, c); }`,
  )}`,
);
