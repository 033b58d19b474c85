// A local SMTP server for development and tests: accepts every message and keeps it in memory and,
// when given a folder, as one JSON file per message, so tests and developers can read what was sent.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export type SunkMail = { to: string[]; from: string; subject: string; text: string; receivedAt: string };

export type MailSink = { url: string; port: number; messages: SunkMail[]; stop: () => Promise<void> };

export async function startMailSink(options: { port?: number; dir?: string } = {}): Promise<MailSink> {
  const messages: SunkMail[] = [];
  if (options.dir) mkdirSync(options.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const mail = parseMessage(chunks.length ? Buffer.concat(chunks).toString("utf8") : "");
        mail.to = session.envelope.rcptTo.map((r) => r.address);
        mail.from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        messages.push(mail);
        if (options.dir) {
          const file = path.join(options.dir, `${Date.now()}-${messages.length}.json`);
          writeFileSync(file, JSON.stringify(mail, null, 2));
        }
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      const address = server.server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const input = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < input.length; i++) {
    if (input[i] === "=" && /^[0-9A-F]{2}$/i.test(input.slice(i + 1, i + 3))) {
      bytes.push(parseInt(input.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(input[i]!, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function decodeHeader(value: string): string {
  // Whitespace between two adjacent encoded words is folding, not text (RFC 2047 section 6.2).
  return value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQuotedPrintable(text.replace(/_/g, " ")),
    );
}

// Enough MIME for the single-part text messages the portal sends.
function parseMessage(raw: string): SunkMail {
  const split = raw.indexOf("\r\n\r\n") >= 0 ? raw.indexOf("\r\n\r\n") : raw.indexOf("\n\n");
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, " ");
  const body = raw.slice(split).trimStart();
  const header = (name: string) => head.match(new RegExp(`^${name}:\\s*(.*)$`, "im"))?.[1] ?? "";
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(body)
        : body;
  return { to: [], from: "", subject: decodeHeader(header("Subject")), text: text.trim(), receivedAt: new Date().toISOString() };
}
