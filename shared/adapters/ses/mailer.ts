/**
 * Mailer on SES v2, as Simple content: SES builds the MIME (text and HTML as alternatives) and
 * keeps custom headers such as In-Reply-To and References. Every value that becomes a header goes
 * through `safeMailHeaders` first, so no control character reaches one.
 */
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { safeMailHeaders } from '../../mail/outbound-headers.ts';
import type { Mailer, OutgoingEmail } from '../../ports/index.ts';

export class SesMailer implements Mailer {
  readonly #client: SESv2Client;
  readonly #configurationSet: string | undefined;

  constructor(options: { client: SESv2Client; configurationSet?: string }) {
    this.#client = options.client;
    this.#configurationSet = options.configurationSet;
  }

  async send(email: OutgoingEmail): Promise<string> {
    const { from, to, subject, headers } = safeMailHeaders(email);
    const result = await this.#client.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [to] },
        ConfigurationSetName: this.#configurationSet,
        Content: {
          Simple: {
            Subject: { Data: subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: email.text, Charset: 'UTF-8' },
              ...(email.html ? { Html: { Data: email.html, Charset: 'UTF-8' } } : {}),
            },
            ...(headers.length ? { Headers: headers.map((h) => ({ Name: h.name, Value: h.value })) } : {}),
          },
        },
      }),
    );
    if (!result.MessageId) throw new Error('SES returned no message id');
    return result.MessageId;
  }
}
