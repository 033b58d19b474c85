import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { E2E_DATA_DIR } from "../../playwright.config";

// scripts/start.ts keeps every webhook the demo third party receives as JSON in <E2E_DATA_DIR>/webhooks/
// (scripts/lib/webhook-sink.ts).
const DIR = path.resolve(E2E_DATA_DIR, "webhooks");

export type ReceivedWebhook = { raw: string; signature: string | null; eventId: string | null; eventType: string | null; body: { id: string; type: string; data: { consentRequest: { id: string; state: string } } } };

async function all(): Promise<ReceivedWebhook[]> {
  let files: string[];
  try {
    files = (await readdir(DIR)).filter((f) => f.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(DIR, f), "utf8")) as ReceivedWebhook));
}

/** The webhooks received about one consent request, waiting until one of type `type` is among them. */
export async function webhooksFor(requestId: string, type: string, timeoutMs = 20_000): Promise<ReceivedWebhook[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hooks = (await all()).filter((h) => h.body?.data?.consentRequest?.id === requestId);
    if (hooks.some((h) => h.eventType === type)) return hooks;
    if (Date.now() > deadline) throw new Error(`No ${type} webhook for ${requestId} in ${DIR} within ${timeoutMs} ms (got ${hooks.map((h) => h.eventType).join(", ")})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
