import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { E2E_DATA_DIR } from "../../playwright.config";

// scripts/start.ts --data <E2E_DATA_DIR> keeps every outgoing mail as JSON in <E2E_DATA_DIR>/mail/.
const MAIL_DIR = path.resolve(E2E_DATA_DIR, "mail");

export type Mail = { to: string[]; subject: string; text: string; receivedAt?: string; file: string };

async function mailsTo(address: string, since: number): Promise<Mail[]> {
  let files: string[];
  try {
    files = await readdir(MAIL_DIR);
  } catch {
    return [];
  }
  const wanted = address.toLowerCase();
  const mails: { at: number; seq: number; mail: Mail }[] = [];
  for (const file of files.filter((f) => f.endsWith(".json"))) {
    // File names are `${Date.now()}-${sequence}.json`.
    const [at, seq] = file.replace(/\.json$/, "").split("-").map(Number);
    if (!Number.isFinite(at) || at! < since) continue;
    const mail = JSON.parse(await readFile(`${MAIL_DIR}/${file}`, "utf8")) as Omit<Mail, "file">;
    if (mail.to.some((to) => to.toLowerCase() === wanted)) mails.push({ at: at!, seq: seq ?? 0, mail: { ...mail, file } });
  }
  return mails.sort((a, b) => a.at - b.at || a.seq - b.seq).map((m) => m.mail);
}

/**
 * The newest mail to an address sent at or after `since` (ms epoch; default: any), polling the
 * sink folder for up to `timeoutMs`.
 */
export async function latestMailTo(address: string, options: { since?: number; timeoutMs?: number } = {}): Promise<Mail> {
  // Links for forgotten passwords go out from the worker, which looks every few seconds.
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const mails = await mailsTo(address, options.since ?? 0);
    if (mails.length) return mails[mails.length - 1]!;
    if (Date.now() > deadline) throw new Error(`No mail to ${address} in ${MAIL_DIR} within ${options.timeoutMs ?? 20_000} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** All mails to an address since a moment (no waiting), e.g. to check that none was sent. */
export async function mailsToSince(address: string, since: number): Promise<Mail[]> {
  return mailsTo(address, since);
}

/** The reset link's path (/aterstall-losenord/<token>) from a reset mail. */
export function resetPathFrom(mail: Mail): string {
  const match = mail.text.match(/https?:\/\/\S+?(\/aterstall-losenord\/[A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`No reset link in mail ${mail.file}:\n${mail.text}`);
  return match[1]!;
}
