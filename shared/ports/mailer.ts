/** Outbound mail (SES in the cloud): what send-email and the deadline sweeper send. */
export interface OutgoingEmail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** The same message as HTML, sent as an alternative to the text. */
  readonly html?: string;
  /** Further header fields, each name once (threading, Auto-Submitted). */
  readonly headers?: readonly { name: string; value: string }[];
  /**
   * Message tags (SES `EmailTags`): SES repeats them in the events it publishes about the mail, so
   * that a bounce names its ticket (`reference`). Names and values: `[A-Za-z0-9_-]`, up to 256.
   */
  readonly tags?: readonly { name: string; value: string }[];
  /**
   * Files sent as MIME attachments (`Content-Disposition: attachment`). Their names reach headers:
   * a name or type with a control character is refused (`UnsafeHeaderField`), never altered.
   */
  readonly attachments?: readonly EmailAttachment[];
}

export interface EmailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface Mailer {
  /**
   * Sends and returns the provider's message id. Every value that becomes a header is made safe
   * first (`shared/mail/outbound-headers.ts`): the subject and custom values folded, and an unsafe
   * header name or address refused with `UnsafeHeaderField`.
   */
  send(email: OutgoingEmail): Promise<string>;
}
