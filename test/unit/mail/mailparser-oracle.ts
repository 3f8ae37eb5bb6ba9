/**
 * mailparser as the test oracle of the parser: what it makes of a message, reduced to the fields
 * `ParsedMail` carries, so that a test can check the parser decodes exactly as mailparser does.
 */
import libmime from 'libmime';
import { type EmailAddress, type HeaderLines, simpleParser } from 'mailparser';
import addressparser from 'nodemailer/lib/addressparser';
import { textFromHtml } from '../../../shared/mail/html-text.ts';
import { cleanSubject, mailAddresses } from '../../../shared/mail/mail-fields.ts';
import { loadMimeTypeTable, mimeTypeOf } from '../../../shared/mail/mime-types.ts';
import type { ParsedMail } from '../../../shared/mail/parsed-mail.ts';
import { safeContentType, safeFilename } from '../../../shared/mail/safe-values.ts';

export interface DecodedView {
  readonly subject: string;
  readonly from: ParsedMail['to'];
  readonly to: ParsedMail['to'];
  readonly cc: ParsedMail['to'];
  readonly text: string;
  readonly html?: string;
  readonly attachments: readonly { filename: string; contentType: string; content: string }[];
}

const statusTypes = new Set(['message/delivery-status', 'message/global-delivery-status']);

/**
 * Address headers as mailparser reads them (libmime's words), but split by the addressparser the
 * parser uses: the newer nodemailer's, which joins a domain split by white space
 * (`a@lists .example`) where mailparser's older copy cuts it.
 */
function addresses(lines: HeaderLines, key: string, firstOnly: boolean): ParsedMail['to'] {
  const values = lines
    .filter((line) => line.key === key)
    .map((line) => Buffer.from(libmime.decodeHeader(line.line).value, 'binary').toString());
  const decode = (entries: EmailAddress[]): EmailAddress[] =>
    entries.map((entry) => {
      const name = (entry.name || '').trim();
      const decoded: EmailAddress = { ...entry, name: name ? libmime.decodeWords(name) : '' };
      if (entry.address && /[=]\?[^?]+\?[BbQq]\?[^?]*\?[=]/.test(entry.address)) {
        const word = libmime.decodeWords(entry.address);
        decoded.address = /^[^\s@]+@[^\s@]+$/.test(word) && !/[=]\?/.test(word) ? word : '';
      }
      if (entry.group) decoded.group = decode(entry.group);
      return decoded;
    });
  const chosen = firstOnly ? values.slice(0, 1) : values;
  return mailAddresses(
    chosen.map((value) => ({ value: decode(addressparser(value) as EmailAddress[]), html: '', text: '' })),
  );
}

/** mailparser's reading of a message, with the parser's options. */
export async function mailparserView(raw: Buffer): Promise<DecodedView> {
  const parsed = await simpleParser(raw, {
    keepDeliveryStatus: true,
    skipTextToHtml: true,
    skipImageLinks: true,
    checksumAlgo: false,
    maxHtmlLengthToParse: 2_000_000,
  } as Parameters<typeof simpleParser>[1]);
  await loadMimeTypeTable();
  const attachments = parsed.attachments.filter((attachment) => !statusTypes.has(attachment.contentType));
  return {
    subject: cleanSubject(parsed.subject),
    from: addresses(parsed.headerLines, 'from', true).slice(0, 1),
    to: addresses(parsed.headerLines, 'to', false),
    cc: addresses(parsed.headerLines, 'cc', false),
    text: parsed.text || (parsed.html ? await textFromHtml(parsed.html) : ''),
    ...(parsed.html ? { html: parsed.html } : {}),
    attachments: attachments.map((attachment, index) => {
      // The parser's one departure: a type that is no `type/subtype` counts as none, and the
      // file name's extension types the part (safe-values.ts).
      let contentType = safeContentType(attachment.contentType);
      if (contentType === 'application/octet-stream' && attachment.filename) {
        contentType = safeContentType(mimeTypeOf(attachment.filename));
      }
      return {
        filename: safeFilename(attachment.filename, index + 1, contentType),
        contentType,
        content: attachment.content.toString('base64'),
      };
    }),
  };
}

/** The same fields of the parser's result. */
export function parsedView(mail: ParsedMail): DecodedView {
  return {
    subject: mail.subject,
    from: mail.from ? [mail.from] : [],
    to: mail.to,
    cc: mail.cc,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    attachments: mail.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: attachment.content.toString('base64'),
    })),
  };
}
