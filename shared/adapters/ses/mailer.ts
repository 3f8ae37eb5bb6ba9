/** Mailer on SES v2, as Simple content so that custom headers (threading) are kept. */
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, OutgoingEmail } from '../../ports/index.ts';

export class SesMailer implements Mailer {
  readonly #client: SESv2Client;
  readonly #configurationSet: string | undefined;

  constructor(options: { client: SESv2Client; configurationSet?: string }) {
    this.#client = options.client;
    this.#configurationSet = options.configurationSet;
  }

  async send(email: OutgoingEmail): Promise<string> {
    const result = await this.#client.send(
      new SendEmailCommand({
        FromEmailAddress: email.from,
        Destination: { ToAddresses: [email.to] },
        ConfigurationSetName: this.#configurationSet,
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: email.text, Charset: 'UTF-8' },
              ...(email.html ? { Html: { Data: email.html, Charset: 'UTF-8' } } : {}),
            },
            ...(email.headers?.length
              ? { Headers: email.headers.map((h) => ({ Name: h.name, Value: h.value })) }
              : {}),
          },
        },
      }),
    );
    if (!result.MessageId) throw new Error('SES returned no message id');
    return result.MessageId;
  }
}
