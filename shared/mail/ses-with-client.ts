/** The SES mailer with its client: a chunk of its own (see ses-on-first-use.ts). Named imports, so esbuild keeps only what is used. */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from './ses-mailer';
import type { AwsClients } from '../store/clients';

export const createSesMailer = (region: string | undefined, clients: AwsClients, sender: string) => new SesMailer({ ses: new SESv2Client({ region }), clients, sender });
