/**
 * SES in AWS: SESv2 SendEmail with the raw MIME message (so text, HTML and
 * our headers go out exactly as built), from the configured sender, which
 * the stack verifies as an SES identity. Each message is then logged like
 * the local outbox's. The SES client is handed in (created once at module
 * scope by the handler).
 */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { AwsClients } from '../store/clients';
import { mailStrings } from '../web/strings-mail';
import { recordMail } from './mail-log';
import type { Mailer, OutgoingMail, SentMail } from './mailer';
import { mimeOfMail } from './mime';

/** The one method of the SES client we use (a test hands in a recorder). */
export type SesSender = Pick<SESv2Client, 'send'>;

export interface SesMailerOptions {
  ses: SesSender;
  clients: AwsClients;
  sender: string;
  fromName?: string;
  now?: () => Date;
}

/** SES refused or failed; `cause` is the SDK's error. */
export class MailSendError extends Error {
  override name = 'MailSendError';
}

/** Builds the SendEmail command for one message (separate so its shape can be checked offline). */
export function sesSendCommand(sender: string, to: readonly string[], raw: Buffer): SendEmailCommand {
  return new SendEmailCommand({
    FromEmailAddress: sender,
    Destination: { ToAddresses: [...to] },
    Content: { Raw: { Data: new Uint8Array(raw) } },
  });
}

export class SesMailer implements Mailer {
  private readonly now: () => Date;

  constructor(private readonly options: SesMailerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const sentAt = this.now();
    const message = mimeOfMail(mail, { address: this.options.sender, name: this.options.fromName ?? mailStrings.fromName }, sentAt);
    let sesId: string | undefined;
    try {
      const result = await this.options.ses.send(sesSendCommand(this.options.sender, mail.to, message.raw));
      sesId = result.MessageId;
    } catch (error) {
      throw new MailSendError(`SES refused ${mail.tag}: ${(error as Error).message}`, { cause: error });
    }
    // SES writes its own Message-ID header (`<id@…amazonses.com>`); its id is what bounces and logs refer to.
    const messageId = sesId ?? message.messageId;
    await recordMail(this.options.clients, {
      messageId,
      to: mail.to,
      subject: mail.subject,
      tag: mail.tag,
      transport: 'ses',
      sentAt,
      text: mail.text,
    });
    return { messageId };
  }
}
