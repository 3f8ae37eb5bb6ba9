/**
 * Mailer on SES v2, as Simple content: SES builds the MIME (text and HTML as alternatives) and
 * keeps custom headers such as In-Reply-To and References. Every value that becomes a header goes
 * through `safeMailHeaders` first, so no control character reaches one. Message tags (the ticket
 * reference) go with the mail, so that SES's bounce and complaint events name its ticket. Files go
 * as SES attachments (SES writes their MIME parts and encodes their names).
 */
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { messageTagPattern } from '../../domain/delivery-problem.ts';
import { safeMailHeaders } from '../../mail/outbound-headers.ts';
import type { Mailer, OutgoingEmail } from '../../ports/mailer.ts';

/** A message tag SES would refuse (it allows `[A-Za-z0-9_-]`, 1 to 256 characters). */
export class UnsafeEmailTag extends Error {
  constructor(name: string) {
    super(`Message tag ${JSON.stringify(name.slice(0, 64))} has a name or value SES does not accept`);
    this.name = 'UnsafeEmailTag';
  }
}

/** The tags as SES takes them, each checked first: a bad one fails here, clearly, not in SES. */
export function emailTags(tags: OutgoingEmail['tags']): { Name: string; Value: string }[] {
  return (tags ?? []).map(({ name, value }) => {
    if (!messageTagPattern.test(name) || !messageTagPattern.test(value)) throw new UnsafeEmailTag(name);
    return { Name: name, Value: value };
  });
}

export class SesMailer implements Mailer {
  readonly #client: SESv2Client;
  readonly #configurationSet: string | undefined;

  constructor(options: { client: SESv2Client; configurationSet?: string }) {
    this.#client = options.client;
    this.#configurationSet = options.configurationSet;
  }

  async send(email: OutgoingEmail): Promise<string> {
    const { from, to, subject, headers } = safeMailHeaders(email);
    const tags = emailTags(email.tags);
    const result = await this.#client.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [to] },
        ConfigurationSetName: this.#configurationSet,
        // SES repeats them in the configuration set's events (bounces, complaints) about this mail.
        ...(tags.length ? { EmailTags: tags } : {}),
        Content: {
          Simple: {
            Subject: { Data: subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: email.text, Charset: 'UTF-8' },
              ...(email.html ? { Html: { Data: email.html, Charset: 'UTF-8' } } : {}),
            },
            ...(headers.length ? { Headers: headers.map((h) => ({ Name: h.name, Value: h.value })) } : {}),
            // SES builds multipart/mixed around the text and HTML, base64 for each file.
            ...(email.attachments?.length
              ? {
                  Attachments: email.attachments.map((file) => ({
                    RawContent: file.content,
                    FileName: file.filename,
                    ContentType: file.contentType,
                    ContentDisposition: 'ATTACHMENT' as const,
                    ContentTransferEncoding: 'BASE64' as const,
                  })),
                }
              : {}),
          },
        },
      }),
    );
    if (!result.MessageId) throw new Error('SES returned no message id');
    return result.MessageId;
  }
}
