// The portal's production server as scripts/serve.ts starts it, for bench/import-responsiveness:
// Next.js behind the portal's own HTTP server, plus one thing only the benchmark can reach, over
// the IPC channel of the process that forked it: the old way of importing an upload, with
// importMeterValues parsing and validating the file on this server's own event loop (what the
// server action did before issue 10, item 11), so both ways are measured side by side.
import { readFileSync } from "node:fs";
import next from "next";
import { parseTrustedProxies } from "../src/domain/http/client-address";
import { createPortalServer } from "../scripts/lib/http-server";

const port = Number(process.env.PORT);
const app = next({ dev: false, dir: process.cwd(), port, customServer: true });
await app.prepare();
const server = createPortalServer(app.getRequestHandler(), parseTrustedProxies(undefined));
server.listen(port, "127.0.0.1", () => process.send?.({ listening: port }));

type ImportInline = { importInline: { file: string; staffId: string } };

process.on("message", (message: ImportInline) => {
  if (!message.importInline) return;
  void (async () => {
    const { importMeterValues } = await import("../src/server/metering/import-meter-values");
    const { db } = await import("../src/server/db/client");
    const staff = await db.staffUser.findUniqueOrThrow({ where: { id: message.importInline.staffId } });
    const started = performance.now();
    const result = await importMeterValues({
      fileName: "inline.csv",
      bytes: new Uint8Array(readFileSync(message.importInline.file)),
      actor: { kind: "staff", staffId: staff.id, name: staff.name, email: staff.email, role: staff.role },
      ip: "127.0.0.1",
    });
    process.send?.({ imported: { ms: performance.now() - started, status: result.status, values: result.counts.received } });
  })().catch((error: unknown) => process.send?.({ failed: String(error) }));
});

process.on("SIGTERM", () => {
  server.close();
  void app.close().finally(() => process.exit(0));
});
