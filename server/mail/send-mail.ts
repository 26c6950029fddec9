// Outgoing mail through SMTP_URL (nodemailer). Without it nothing is sent and the caller shows
// the link to the owner instead, so an install without mail still works end to end.
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";

export type Mail = { to: string; subject: string; text: string };

let transport: Transporter | undefined;

export function mailConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

// Sending is best effort: the owner already has the link, so a mail server that is down must
// not undo the invitation or reset. Returns whether the mail was accepted.
export async function sendMail(mail: Mail, log: (line: string) => void = console.error): Promise<boolean> {
  const url = env().SMTP_URL;
  if (!url) return false;
  transport ??= nodemailer.createTransport(url);
  try {
    await transport.sendMail({ from: env().MAIL_FROM, ...mail });
    return true;
  } catch (error) {
    log(`mail to ${mail.to} failed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
