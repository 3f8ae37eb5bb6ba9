/**
 * The inbound-mail MIME parser: raw RFC 5322 bytes in, a `ParsedMail` or a quarantine reason out.
 *
 * It never throws and never waits forever: limits are checked before anything is decoded (size,
 * then a structure pass for part count and nesting), attachments are counted and measured while
 * they stream, and the whole parse runs against a deadline. mailparser does the decoding
 * (transfer encodings, charsets through iconv-lite, RFC 2047 and RFC 2231 words); this module
 * decides what of it to keep and cleans every value a later header or file name could carry.
 */
import {
  type AddressObject,
  type AttachmentStream,
  type HeaderLines,
  type Headers,
  MailParser,
  type MessageText,
} from 'mailparser';
import {
  automaticKind,
  type DeliveryStatus,
  readDeliveryStatus,
  returnedMessageId,
} from './automatic-mail.ts';
import { maxHtmlLengthToConvert, textFromHtml } from './html-text.ts';
import {
  cleanLine,
  cleanSubject,
  firstMessageId,
  isoDate,
  mailAddresses,
  rawHeaderValues,
  referenceIds,
  safeFilename,
} from './mail-fields.ts';
import { scanStructure } from './mime-structure.ts';
import {
  defaultMailLimits,
  type MailAttachment,
  type MailLimits,
  type ParsedMail,
  type ParseOutcome,
  type QuarantineReason,
} from './parsed-mail.ts';

/**
 * The longest a parse may take. mailparser yields to the event loop between chunks, so a
 * pathological message cannot block the process; this bounds the total. A 25 MB message takes
 * well under a second.
 */
export const parseTimeoutMs = 30_000;

/** The report parts of a delivery status notification: read for `deliveryStatus`, not attachments. */
const deliveryStatusTypes = new Set(['message/delivery-status', 'message/global-delivery-status']);
/** Parts that carry the returned message (or its headers) in a notification. */
const returnedMessageTypes = new Set([
  'message/rfc822',
  'message/global',
  'text/rfc822-headers',
  'message/global-headers',
]);

type Refusal = Extract<ParseOutcome, { ok: false }>;

/**
 * Parses a raw inbound message. Every input resolves: `{ ok: true, mail }`, or `{ ok: false,
 * reason, detail }` when the message must be quarantined (over a limit, unparseable, no sender).
 * `detail` is a short technical English sentence without personal data.
 */
export async function parseMail(
  raw: Buffer,
  limits?: Partial<MailLimits>,
  /** At most this long (a caller inside an HTTP request needs to answer in time). */
  timeoutMs = parseTimeoutMs,
): Promise<ParseOutcome> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), Math.min(timeoutMs, parseTimeoutMs));
  timer.unref();
  try {
    return await parseWithin(raw, effectiveLimits(limits), deadline.signal);
  } catch {
    return refuse('unparseable', 'The parser failed on this message.');
  } finally {
    clearTimeout(timer);
  }
}

async function parseWithin(raw: unknown, limits: MailLimits, deadline: AbortSignal): Promise<ParseOutcome> {
  if (!(raw instanceof Uint8Array)) return refuse('unparseable', 'The input is not a byte buffer.');
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (bytes.length > limits.maxBytes) {
    return refuse('too-large', `The message is ${bytes.length} bytes, over the limit of ${limits.maxBytes}.`);
  }
  if (bytes.length === 0) return refuse('unparseable', 'The message is empty.');

  const structure = await scanStructure(bytes, limits, deadline);
  if (!structure.ok) {
    switch (structure.problem) {
      case 'too-many-parts':
        return refuse('too-many-parts', `The message has more than ${limits.maxParts} MIME parts.`);
      case 'too-deep':
        return refuse('too-deep', `The MIME parts nest deeper than ${limits.maxDepth} levels.`);
      case 'header-too-large':
        return refuse('too-large', 'A MIME header block is larger than 1 MiB.');
      case 'no-header':
        return refuse('unparseable', 'The message does not start with a header section.');
      case 'timed-out':
        return timedOut();
      case 'split-failed':
        return refuse('unparseable', 'The MIME structure could not be split into parts.');
    }
  }

  const content = await extractContent(bytes, limits, deadline);
  if (!content.ok) return content;
  const { text, html } = content.value;
  return buildMail(content.value, text || (html ? await textFromHtml(html) : ''));
}

function effectiveLimits(overrides: Partial<MailLimits> | undefined): MailLimits {
  const pick = (key: keyof MailLimits): number => {
    const value = overrides?.[key];
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : defaultMailLimits[key];
  };
  return {
    maxBytes: pick('maxBytes'),
    maxParts: pick('maxParts'),
    maxDepth: pick('maxDepth'),
    maxAttachments: pick('maxAttachments'),
    maxAttachmentBytes: pick('maxAttachmentBytes'),
  };
}

function refuse(reason: QuarantineReason, detail: string): Refusal {
  return { ok: false, reason, detail };
}

function timedOut(): Refusal {
  return refuse('unparseable', 'Parsing did not finish in the time allowed.');
}

interface Content {
  readonly headers: Headers;
  readonly headerLines: HeaderLines;
  readonly text?: string;
  readonly html?: string;
  readonly attachments: readonly MailAttachment[];
  readonly deliveryStatusBodies: readonly string[];
  readonly returnedMessageIds: readonly string[];
}

/**
 * Streams the message through mailparser, collecting attachments one by one so that the count
 * and size limits stop the parse as soon as they are crossed.
 */
function extractContent(
  raw: Buffer,
  limits: MailLimits,
  deadline: AbortSignal,
): Promise<{ readonly ok: true; readonly value: Content } | Refusal> {
  return new Promise((resolve) => {
    const parser = new MailParser({
      keepDeliveryStatus: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      checksumAlgo: false,
      maxHtmlLengthToParse: maxHtmlLengthToConvert,
      // A backstop only, the structure pass has counted already; +1 because 0 means "default" to mailsplit.
      maxChildNodes: limits.maxParts + 1,
    });
    let settled = false;
    let headers: Headers = new Map();
    let messageText: MessageText | undefined;
    let attachmentCount = 0;
    const attachments: MailAttachment[] = [];
    const deliveryStatusBodies: string[] = [];
    const returnedMessageIds: string[] = [];

    const fail = (refusal: Refusal): void => {
      if (settled) return;
      settled = true;
      resolve(refusal);
      parser.destroy();
    };

    const collect = (attachment: AttachmentStream): void => {
      const contentType = (attachment.contentType || 'application/octet-stream').toLowerCase();
      const isStatusReport = deliveryStatusTypes.has(contentType);
      if (!isStatusReport && ++attachmentCount > limits.maxAttachments) {
        fail(
          refuse('too-many-attachments', `The message has more than ${limits.maxAttachments} attachments.`),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      attachment.content.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (size > limits.maxAttachmentBytes) {
          fail(
            refuse(
              'attachment-too-large',
              `An attachment is larger than ${limits.maxAttachmentBytes} bytes.`,
            ),
          );
          return;
        }
        chunks.push(chunk);
      });
      attachment.content.on('error', () =>
        fail(refuse('unparseable', 'An attachment could not be decoded.')),
      );
      attachment.content.on('end', () => {
        if (settled) return;
        const content = Buffer.concat(chunks, size);
        if (isStatusReport) {
          deliveryStatusBodies.push(content.toString('utf8'));
        } else {
          if (returnedMessageTypes.has(contentType)) {
            const id = returnedMessageId(content);
            if (id) returnedMessageIds.push(id);
          }
          attachments.push(toMailAttachment(attachment, contentType, content, attachments.length + 1));
        }
        attachment.release?.();
      });
    };

    parser.on('headers', (parsed) => {
      headers = parsed;
    });
    parser.on('data', (item) => {
      if (settled) return;
      if (item.type === 'text') {
        messageText = item;
      } else {
        collect(item);
      }
    });
    parser.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'EMAXLEN' && /child nodes/i.test(error.message)) {
        fail(refuse('too-many-parts', `The message has more than ${limits.maxParts} MIME parts.`));
      } else if (error.code === 'EMAXLEN') {
        fail(refuse('too-large', 'A MIME header block is larger than 1 MiB.'));
      } else {
        fail(refuse('unparseable', 'The MIME parser could not read the message.'));
      }
    });
    parser.on('end', () => {
      if (settled) return;
      settled = true;
      resolve({
        ok: true,
        value: {
          headers,
          headerLines: parser.headerLines || [],
          text: messageText?.text,
          html: messageText?.html,
          attachments,
          deliveryStatusBodies,
          returnedMessageIds,
        },
      });
    });
    deadline.addEventListener('abort', () => fail(timedOut()), { once: true });
    parser.end(raw);
  });
}

function toMailAttachment(
  attachment: AttachmentStream,
  contentType: string,
  content: Buffer,
  index: number,
): MailAttachment {
  const contentId = cleanLine(attachment.cid ?? '', 998) || undefined;
  const inline =
    contentId !== undefined && (attachment.contentDisposition === 'inline' || attachment.related === true);
  return {
    filename: safeFilename(attachment.filename, index, contentType),
    contentType,
    size: content.length,
    content,
    inline,
    ...(contentId !== undefined ? { contentId } : {}),
  };
}

function buildMail(content: Content, text: string): ParseOutcome {
  const { headers, headerLines } = content;
  const from = mailAddresses(addressHeader(headers, 'from'))[0];
  if (!from) return refuse('no-sender', 'The message has no From address that parses.');

  const senderAddresses = ['from', 'sender', 'return-path'].flatMap((key) =>
    rawAddresses(addressHeader(headers, key)),
  );
  const automatic = automaticKind({ headers, headerLines, senderAddresses });
  const replyTo = mailAddresses(addressHeader(headers, 'reply-to'))[0];
  const messageId = firstMessageId(rawHeaderValues(headerLines, 'message-id'));
  const inReplyTo = firstMessageId(rawHeaderValues(headerLines, 'in-reply-to'));
  const date = isoDate(rawHeaderValues(headerLines, 'date'));
  const subject = headers.get('subject');
  const html = content.html || undefined;

  const mail: ParsedMail = {
    ...(messageId ? { messageId } : {}),
    ...(inReplyTo ? { inReplyTo } : {}),
    references: referenceIds(rawHeaderValues(headerLines, 'references')),
    from,
    ...(replyTo ? { replyTo } : {}),
    to: mailAddresses(addressHeader(headers, 'to')),
    cc: mailAddresses(addressHeader(headers, 'cc')),
    subject: cleanSubject(typeof subject === 'string' ? subject : ''),
    ...(date ? { date } : {}),
    text,
    ...(html ? { html } : {}),
    attachments: content.attachments,
    ...(automatic ? { automatic } : {}),
    ...(automatic === 'delivery-status' ? { deliveryStatus: deliveryStatusOf(content) } : {}),
  };
  return { ok: true, mail };
}

function deliveryStatusOf(content: Content): DeliveryStatus {
  const fields = content.deliveryStatusBodies.map(readDeliveryStatus);
  const originalMessageId =
    fields.find((status) => status.originalMessageId)?.originalMessageId ?? content.returnedMessageIds[0];
  const reported = fields.find((status) => status.recipient);
  return {
    ...(originalMessageId ? { originalMessageId } : {}),
    ...(reported?.recipient ? { recipient: reported.recipient } : {}),
    ...(reported?.action ? { action: reported.action } : {}),
  };
}

// mailparser keeps the first From/Sender/Reply-To and lists repeated To/Cc.
function addressHeader(headers: Headers, key: string): AddressObject[] {
  const value = headers.get(key);
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter(
    (entry): entry is AddressObject =>
      typeof entry === 'object' && entry !== null && Array.isArray((entry as AddressObject).value),
  );
}

function rawAddresses(headers: readonly AddressObject[]): string[] {
  const result: string[] = [];
  const visit = (entries: AddressObject['value']): void => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      else if (entry.address) result.push(entry.address);
    }
  };
  for (const header of headers) visit(header.value);
  return result;
}
