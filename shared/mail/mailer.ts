/**
 * Sending e-mail, behind one interface: SES in AWS, the local outbox of
 * `.eml` files otherwise. Callers never know which.
 */

/** One message to send. Text is required (every message has a plain-text part); HTML is optional. */
export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. `List-Unsubscribe`. */
  headers?: Record<string, string>;
  /** What the message is about, for logs and the outbox list (e.g. `reminder:2026-Q4:21:so-tu-phap`). */
  tag: string;
}

/** What sending returned. */
export interface SentMail {
  messageId: string;
}

/** Sends e-mail. Implementations: shared/mail/ses-mailer.ts, shared/mail/outbox-mailer.ts. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
}
