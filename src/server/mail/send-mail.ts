import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/server/env";

let transport: Transporter | undefined;
let transportUrl: string | undefined;

export type Mail = { to: string; subject: string; text: string };

export async function sendMail(mail: Mail): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!transport || transportUrl !== SMTP_URL) {
    transport = nodemailer.createTransport(SMTP_URL);
    transportUrl = SMTP_URL;
  }
  await transport.sendMail({ from: MAIL_FROM, ...mail });
}
