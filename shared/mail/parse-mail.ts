/**
 * The inbound-mail MIME parser: raw RFC 5322 bytes in, a `ParsedMail` or a quarantine reason out.
 *
 * It never throws and never waits forever: limits are checked before anything is decoded (size,
 * then the split into parts, which counts parts and nesting), attachments are counted and
 * measured one by one, and the whole parse runs against a deadline. It decodes as mailparser
 * does (`mime-structure.ts` splits as mailsplit, `mime-content.ts` classifies as mailparser,
 * `header-values.ts` and `charsets.ts` decode as libmime); this module decides what of it to
 * keep and cleans every value a later header or file name could carry.
 *
 * What only rare mail needs is loaded when such mail comes: a charset the platform does not
 * decode as libmime (`legacy-decoders.ts`: a parse that meets one without it runs once more with
 * it), the type of a file extension outside the common ones (`mime-types.ts`: loaded after the
 * split, before the parts are decoded), an HTML body to convert to text (`html-text.ts`).
 */
import {
  automaticKind,
  type DeliveryStatus,
  readDeliveryStatus,
  returnedMessageId,
} from './automatic-mail.ts';
import { loadLegacyDecoders, TextDecoding } from './charsets.ts';
import { textFromHtml } from './html-text.ts';
import {
  cleanLine,
  cleanSubject,
  firstMessageId,
  isoDate,
  mailAddresses,
  rawHeaderValues,
  referenceIds,
} from './mail-fields.ts';
import {
  type AddressObject,
  assembleText,
  contentIdOf,
  decodedBody,
  isRelated,
  partRole,
  partText,
  type RootHeaders,
  readRootHeaders,
  type TextPart,
} from './mime-content.ts';
import { type MimeNode, splitMessage, typeFromExtension } from './mime-structure.ts';
import { loadMimeTypeTable, mimeTypeOf } from './mime-types.ts';
import {
  defaultMailLimits,
  type MailAttachment,
  type MailLimits,
  type ParsedMail,
  type ParseOutcome,
  type QuarantineReason,
} from './parsed-mail.ts';
import { safeContentType, safeFilename } from './safe-values.ts';

/**
 * The longest a parse may take. The splitter and the decoding of parts yield to the event loop
 * every megabyte and check the deadline, so a pathological message cannot block the process;
 * this bounds the total. A 25 MB message takes well under a second.
 */
export const parseTimeoutMs = 30_000;

/** Bytes of part bodies decoded between two yields to the event loop. */
const yieldBytes = 1024 * 1024;

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
  const deadlineAt = performance.now() + Math.min(timeoutMs, parseTimeoutMs);
  try {
    const effective = effectiveLimits(limits);
    const outcome = await parseBytes(raw, effective, deadlineAt, new TextDecoding());
    if (outcome !== 'needs-legacy-decoders') return outcome;
    await loadLegacyDecoders();
    const again = await parseBytes(raw, effective, deadlineAt, new TextDecoding());
    return again === 'needs-legacy-decoders'
      ? refuse('unparseable', 'The parser failed on this message.')
      : again;
  } catch {
    return refuse('unparseable', 'The parser failed on this message.');
  }
}

/** A parse that met a charset it cannot decode without the legacy decoders: its result is dropped. */
type Outcome = ParseOutcome | 'needs-legacy-decoders';

async function parseBytes(
  raw: unknown,
  limits: MailLimits,
  deadlineAt: number,
  text: TextDecoding,
): Promise<Outcome> {
  if (!(raw instanceof Uint8Array)) return refuse('unparseable', 'The input is not a byte buffer.');
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (bytes.length > limits.maxBytes) {
    return refuse('too-large', `The message is ${bytes.length} bytes, over the limit of ${limits.maxBytes}.`);
  }
  if (bytes.length === 0) return refuse('unparseable', 'The message is empty.');

  const structure = await splitMessage(bytes, limits, { text, detectMimeType: mimeTypeOf }, deadlineAt);
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
    }
  }

  if (text.missing) return 'needs-legacy-decoders';
  await settleTypesByExtension(structure.nodes);
  const content = await extractContent(structure.root, structure.nodes, limits, deadlineAt, text);
  if (content === 'needs-legacy-decoders' || text.missing) return 'needs-legacy-decoders';
  if (!content.ok) return content;
  const { html } = content.value;
  const bodyText = content.value.text || (html ? await textFromHtml(html) : '');
  if (performance.now() > deadlineAt) return timedOut();
  return buildMail(content.value, bodyText);
}

/**
 * Types the parts that mailparser types by their file name's extension: loads libmime's full
 * table first when a name's extension is not a common one.
 */
async function settleTypesByExtension(nodes: readonly MimeNode[]): Promise<void> {
  const needsTable = nodes.some(
    (node) =>
      node.untypedExtension !== undefined ||
      (safeContentType(node.contentType) === 'application/octet-stream' &&
        node.filename !== undefined &&
        mimeTypeOf(node.filename) === undefined),
  );
  if (!needsTable) return;
  await loadMimeTypeTable();
  for (const node of nodes) {
    if (node.untypedExtension !== undefined) {
      typeFromExtension(node, mimeTypeOf(node.untypedExtension) ?? 'application/octet-stream');
    }
  }
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
  readonly headers: RootHeaders;
  readonly text?: string;
  readonly html?: string;
  readonly attachments: readonly MailAttachment[];
  readonly deliveryStatusBodies: readonly string[];
  readonly returnedMessageIds: readonly string[];
}

/**
 * Decodes the parts in message order, attachments one by one, so that the count and size
 * limits stop the parse as soon as they are crossed.
 */
async function extractContent(
  root: MimeNode,
  nodes: readonly MimeNode[],
  limits: MailLimits,
  deadlineAt: number,
  text: TextDecoding,
): Promise<{ readonly ok: true; readonly value: Content } | Refusal | 'needs-legacy-decoders'> {
  let attachmentCount = 0;
  const attachments: MailAttachment[] = [];
  const deliveryStatusBodies: string[] = [];
  const returnedMessageIds: string[] = [];
  const textParts = new Map<MimeNode, TextPart>();
  let decodedSinceYield = 0;
  // After each part: the deadline, and a turn of the event loop for others every megabyte.
  const pause = async (bytes: number): Promise<boolean> => {
    decodedSinceYield += bytes;
    if (decodedSinceYield >= yieldBytes) {
      decodedSinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return performance.now() <= deadlineAt;
  };
  for (const node of nodes) {
    if (performance.now() > deadlineAt) return timedOut();
    const role = partRole(node);
    if (!role) continue;
    if (role.isText) {
      textParts.set(node, { node, role, content: partText(text, node) });
      // This parse runs again with the legacy decoders: the rest of it would be wasted.
      if (text.missing) return 'needs-legacy-decoders';
      if (!(await pause(node.body.length))) return timedOut();
      continue;
    }
    // A type that is no `type/subtype` (`PDF`, `application/pdf/x`) counts as none: the file
    // name's extension types the part, as for `application/octet-stream`.
    let contentType = safeContentType(role.contentType);
    if (contentType === 'application/octet-stream' && node.filename) {
      contentType = safeContentType(mimeTypeOf(node.filename));
    }
    const isStatusReport = deliveryStatusTypes.has(contentType);
    if (!isStatusReport && ++attachmentCount > limits.maxAttachments) {
      return refuse(
        'too-many-attachments',
        `The message has more than ${limits.maxAttachments} attachments.`,
      );
    }
    const content = decodedBody(node);
    if (content.length > limits.maxAttachmentBytes) {
      return refuse(
        'attachment-too-large',
        `An attachment is larger than ${limits.maxAttachmentBytes} bytes.`,
      );
    }
    if (!(await pause(node.body.length))) return timedOut();
    if (isStatusReport) {
      deliveryStatusBodies.push(content.toString('utf8'));
      continue;
    }
    if (returnedMessageTypes.has(contentType)) {
      const id = returnedMessageId(content);
      if (id) returnedMessageIds.push(id);
    }
    attachments.push(toMailAttachment(node, contentType, content, attachments.length + 1));
  }
  const assembled = await assembleText(text, root, textParts, deadlineAt);
  if (assembled === 'timed-out' || performance.now() > deadlineAt) return timedOut();
  const { text: bodyText, html } = assembled;
  return {
    ok: true,
    value: {
      headers: readRootHeaders(text, root.headerLines),
      ...(bodyText !== undefined ? { text: bodyText } : {}),
      ...(html !== undefined ? { html } : {}),
      attachments,
      deliveryStatusBodies,
      returnedMessageIds,
    },
  };
}

function toMailAttachment(
  node: MimeNode,
  contentType: string,
  content: Buffer,
  index: number,
): MailAttachment {
  const contentId = cleanLine(contentIdOf(node.headerLines) ?? '', 998) || undefined;
  const inline = contentId !== undefined && (node.disposition === 'inline' || isRelated(node));
  return {
    filename: safeFilename(node.filename, index, contentType),
    contentType,
    size: content.length,
    content,
    inline,
    ...(contentId !== undefined ? { contentId } : {}),
  };
}

function buildMail(content: Content, text: string): ParseOutcome {
  const { headers } = content;
  const { headerLines } = headers;
  const from = mailAddresses(addressHeader(headers, 'from'))[0];
  if (!from) return refuse('no-sender', 'The message has no From address that parses.');

  const senderAddresses = ['from', 'sender', 'return-path'].flatMap((key) =>
    rawAddresses(addressHeader(headers, key)),
  );
  const automatic = automaticKind({ contentType: headers.contentType, headerLines, senderAddresses });
  const replyTo = mailAddresses(addressHeader(headers, 'reply-to'))[0];
  const messageId = firstMessageId(rawHeaderValues(headerLines, 'message-id'));
  const inReplyTo = firstMessageId(rawHeaderValues(headerLines, 'in-reply-to'));
  const date = isoDate(rawHeaderValues(headerLines, 'date'));
  const subject = headers.subject;
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

// The first From/Sender/Reply-To, every To/Cc/Return-Path.
function addressHeader(headers: RootHeaders, key: string): readonly AddressObject[] {
  return headers.addresses.get(key) ?? [];
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
