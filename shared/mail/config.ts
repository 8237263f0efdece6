/**
 * The optional `mail` section of the configuration file: who sends the
 * product's e-mail and Sở Nội vụ's own addresses (the reminders' roll-up).
 * Without it nothing is sent by the local runtime's reminders.
 */
import * as z from 'zod';

/** An e-mail address as SES and our MIME builder accept it (ASCII, no spaces or angle brackets). */
export const emailAddress = z
  .string()
  .email()
  .refine((value) => /^[\x21-\x7e]+$/.test(value) && !/[<>"]/.test(value), 'expected a plain ASCII e-mail address');

export const mailConfigSchema = z
  .object({
    /** The From address (an SES identity in AWS). */
    sender: emailAddress,
    /** Sở Nội vụ's addresses: the roll-up of every reminder round goes there. */
    homeAffairs: z.array(emailAddress).default([]),
    /** The product's base URL for links in e-mails (locally the web UI's address). */
    appUrl: z.string().url().optional(),
  })
  .strict();

export type MailConfig = z.infer<typeof mailConfigSchema>;
