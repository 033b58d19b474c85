// Integration tests that send mail: each test starts with an empty database and an empty inbox
// (a local SMTP sink the app's SMTP_URL points to, scripts/lib/mail-sink.ts).
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startMailSink, type MailSink, type SunkMail } from "../../scripts/lib/mail-sink";
import { resetDatabase } from "./db";

/** Registers the hooks; `inbox.messages` is what was sent during the current test. */
export function freshDatabaseAndInbox(): { readonly messages: SunkMail[] } {
  let sink: MailSink | undefined;
  beforeAll(async () => {
    sink = await startMailSink();
    process.env.SMTP_URL = sink.url;
  });
  afterAll(async () => sink?.stop());
  beforeEach(async () => {
    await resetDatabase();
    sink!.messages.length = 0;
  });
  return {
    get messages() {
      return sink!.messages;
    },
  };
}
