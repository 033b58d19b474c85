// Integration tests that send mail: each test starts with an empty inbox (a local SMTP sink the
// app's SMTP_URL points to, scripts/lib/mail-sink.ts), and usually with an empty database too.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startMailSink, type MailSink, type SunkMail } from "../../scripts/lib/mail-sink";
import { resetDatabase } from "./db";

export type Inbox = {
  /** What was sent during the current test. */
  readonly messages: SunkMail[];
  /** Stops the mail server, as if it were down, until `restart`. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
};

/** Registers the hooks of a mail sink for the whole file, emptied before every test. */
export function localInbox(): Inbox {
  let sink: MailSink | undefined;
  beforeAll(async () => {
    // Before anything reads the environment: env() is read once and cached.
    sink = await startMailSink();
    process.env.SMTP_URL = sink.url;
  });
  afterAll(async () => sink?.stop());
  beforeEach(() => {
    sink!.messages.length = 0;
  });
  return {
    get messages() {
      return sink!.messages;
    },
    async stop() {
      await sink!.stop();
    },
    async restart() {
      sink = await startMailSink({ port: sink!.port });
    },
  };
}

/** The inbox's hooks, and an empty database before every test. */
export function freshDatabaseAndInbox(): Inbox {
  const inbox = localInbox();
  beforeEach(async () => {
    await resetDatabase();
  });
  return inbox;
}
