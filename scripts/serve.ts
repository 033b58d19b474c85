// The portal's web server: Next.js behind scripts/lib/http-server.ts, which settles the
// forwarding headers (the client's address) before the app sees a request. The start script runs
// it (npm run demo, start:demo, dev); in production run it the same way behind your proxy:
//   PORT=3000 TRUSTED_PROXIES=10.0.0.0/8 node --import tsx scripts/serve.ts [--dev]
import next from "next";
import { parseTrustedProxies } from "../src/domain/http/client-address";
import { createPortalServer } from "./lib/http-server";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME || undefined;
const proxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);

const app = next({ dev, dir: process.cwd(), port, hostname, customServer: true });
await app.prepare();
const server = createPortalServer(app.getRequestHandler(), proxies, dev ? app.getUpgradeHandler() : undefined);
server.listen(port, hostname, () => console.log(`Mina sidor on http://${hostname ?? "localhost"}:${port}${dev ? " (development)" : ""}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
