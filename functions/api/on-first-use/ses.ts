/** The SES mailer with its client: a chunk of its own (see ./index.ts). Named imports, so esbuild keeps only what is used. */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../../../shared/mail/ses-mailer';
import type { AwsClients } from '../../../shared/store/clients';

export const createSesMailer = (region: string | undefined, clients: AwsClients, sender: string) => new SesMailer({ ses: new SESv2Client({ region }), clients, sender });
