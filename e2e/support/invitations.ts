import { expect, type Page } from "@playwright/test";
import { latestMailTo, type Mail } from "./mail";

/**
 * Invites `email` in "Bjud in användare" on the open /behorighet page, with a level ("Läs", …) or
 * the form's default, and returns the invitation mail.
 */
export async function inviteUser(page: Page, email: string, level?: string): Promise<Mail> {
  const invite = page.getByRole("region", { name: "Bjud in användare", exact: true });
  await invite.getByLabel("E-postadress").fill(email);
  if (level) await invite.getByLabel(level, { exact: true }).check();
  const since = Date.now();
  await invite.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(invite.getByRole("status")).toHaveText(`En inbjudan har skickats till ${email}.`);
  return latestMailTo(email, { since });
}

/** The path of the invitation link in a mail (/inbjudan/<token>). */
export function invitationPathFrom(mail: Mail): string {
  const match = mail.text.match(/https?:\/\/\S+?(\/inbjudan\/[A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`No invitation link in mail ${mail.file}:\n${mail.text}`);
  return match[1]!;
}
