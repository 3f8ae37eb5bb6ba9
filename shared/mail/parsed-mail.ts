/**
 * What the MIME parser makes of a raw inbound message, and why a message is quarantined instead.
 * The parser (`parse-mail.ts`) never throws: every input ends as a `ParsedMail` or a refusal.
 */

export interface MailAddress {
  readonly name: string;
  /** Lower-cased, trimmed. */
  readonly address: string;
}

export interface MailAttachment {
  /** The file name as sent (decoded), or a generated one (`attachment-1.bin`). */
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly content: Buffer;
  /** Shown inside the HTML body (`Content-Disposition: inline` with a Content-ID). */
  readonly inline: boolean;
  readonly contentId?: string;
}

/** Why a message is automatic: such mail never gets an acknowledgement (RFC 3834 loop protection). */
export type AutomaticKind =
  | 'auto-submitted'
  | 'precedence'
  | 'mailer-daemon'
  | 'delivery-status'
  | 'auto-reply-header'
  | 'mailing-list';

export interface ParsedMail {
  /** The Message-ID header without angle brackets, if any. */
  readonly messageId?: string;
  readonly inReplyTo?: string;
  /** Message ids from References (without angle brackets), oldest first. */
  readonly references: readonly string[];
  /** The first From address; undefined when the message has none that parses. */
  readonly from?: MailAddress;
  readonly replyTo?: MailAddress;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  /** Decoded (RFC 2047), control characters removed, at most 1,000 characters. */
  readonly subject: string;
  /** The Date header as an ISO instant, if it parses. */
  readonly date?: string;
  /** The text body (decoded to Unicode whatever the charset); from the HTML when there is no text part. */
  readonly text: string;
  /** The HTML body as sent (untrusted: for sanitised display only). */
  readonly html?: string;
  readonly attachments: readonly MailAttachment[];
  /** Set when the message is automatic (auto-reply, bounce, list mail): no acknowledgement. */
  readonly automatic?: AutomaticKind;
  /** For a delivery status notification: the original message id and recipient it reports on. */
  readonly deliveryStatus?: {
    readonly originalMessageId?: string;
    readonly recipient?: string;
    readonly action?: string;
  };
}

export interface MailLimits {
  readonly maxBytes: number;
  readonly maxParts: number;
  readonly maxDepth: number;
  readonly maxAttachments: number;
  readonly maxAttachmentBytes: number;
}

export const defaultMailLimits: MailLimits = {
  maxBytes: 25 * 1024 * 1024,
  maxParts: 100,
  maxDepth: 10,
  maxAttachments: 20,
  maxAttachmentBytes: 15 * 1024 * 1024,
};

export type QuarantineReason =
  | 'too-large'
  | 'too-many-parts'
  | 'too-deep'
  | 'too-many-attachments'
  | 'attachment-too-large'
  | 'unparseable'
  | 'no-sender';

export type ParseOutcome =
  | { readonly ok: true; readonly mail: ParsedMail }
  | { readonly ok: false; readonly reason: QuarantineReason; readonly detail: string };
