/**
 * The optional `digest` section of the configuration file: who receives the
 * weekly digest. This is the only place recipients are set.
 *
 * - `roles`: every user of these roles that has an e-mail and is not
 *   disabled, read from the user directory at each run (the local user
 *   store; Cognito's role groups in AWS: `directory-recipients.ts`).
 * - `emails`: addresses that always receive it (leaders, mailing lists).
 *
 * A recipient who unsubscribed (the link in every message) is skipped by
 * every later send; the choice is kept in the table, not here.
 */
import * as z from 'zod';
import { ROLES } from '../auth/roles';
import { emailAddress } from '../mail/config';

export const digestConfigSchema = z
  .object({
    recipients: z
      .object({
        roles: z.array(z.enum(ROLES)).default([]),
        emails: z.array(emailAddress).default([]),
      })
      .strict()
      .default({ roles: [], emails: [] }),
  })
  .strict();

export type DigestConfig = z.infer<typeof digestConfigSchema>;

/** A user as far as recipients care (local users carry an optional e-mail). */
export interface RecipientUser {
  role: string;
  email?: string | null | undefined;
}

/** The recipients: role members with an e-mail, then the listed addresses; lower case, each once, in order. */
export function resolveRecipients(config: DigestConfig | undefined, users: readonly RecipientUser[] = []): string[] {
  if (!config) return [];
  const roles = new Set<string>(config.recipients.roles);
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (address: string) => {
    const email = address.trim().toLowerCase();
    if (email && !seen.has(email)) {
      seen.add(email);
      out.push(email);
    }
  };
  for (const user of users) if (roles.has(user.role) && user.email) add(user.email);
  for (const email of config.recipients.emails) add(email);
  return out;
}
