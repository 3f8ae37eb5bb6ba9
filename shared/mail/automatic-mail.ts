/**
 * Recognising mail that a program sent (auto-replies, bounces, list mail), which must never get
 * an acknowledgement (RFC 3834 loop protection), and reading what a delivery status notification
 * (RFC 3464) reports.
 */
import type { HeaderLines, StructuredHeader } from './header-values.ts';
import { firstMessageId, normalizeAddress, rawHeaderValues } from './mail-fields.ts';
import type { AutomaticKind } from './parsed-mail.ts';

export interface AutomaticSignals {
  /** The message's Content-Type, parsed. */
  readonly contentType: StructuredHeader | undefined;
  readonly headerLines: HeaderLines;
  /** The addresses of From, Sender and Return-Path as sent (`MAILER-DAEMON` may have no domain). */
  readonly senderAddresses: readonly string[];
}

const daemonLocalParts = new Set(['mailer-daemon', 'mailer_daemon', 'mailerdaemon', 'postmaster']);
const suppressTokens = new Set(['all', 'oof', 'autoreply']);

/**
 * Why the message is automatic, or undefined. When several signs are present the most specific
 * wins: a delivery status notification, then an explicit Auto-Submitted, the vendors' auto-reply
 * headers, a daemon sender, list headers, and last Precedence (which lists also set).
 */
export function automaticKind(signals: AutomaticSignals): AutomaticKind | undefined {
  const { headerLines } = signals;
  if (isDeliveryStatusReport(signals.contentType)) return 'delivery-status';
  const autoSubmitted = rawHeaderValues(headerLines, 'auto-submitted').map(firstToken);
  if (autoSubmitted.some((value) => value !== '' && value !== 'no')) return 'auto-submitted';
  if (isAutoReplyByVendorHeader(headerLines)) return 'auto-reply-header';
  if (signals.senderAddresses.some((address) => daemonLocalParts.has(localPart(address))))
    return 'mailer-daemon';
  // RFC 3834 section 2: never answer a message whose return path is null (a bounce).
  if (rawHeaderValues(headerLines, 'return-path').some((value) => /^<\s*>$/.test(value)))
    return 'mailer-daemon';
  if (headerLines.some((line) => line.key === 'list-id' || line.key === 'list-unsubscribe'))
    return 'mailing-list';
  const precedence = rawHeaderValues(headerLines, 'precedence').map(firstToken);
  if (precedence.some((value) => value === 'bulk' || value === 'list' || value === 'junk'))
    return 'precedence';
  return undefined;
}

export function isDeliveryStatusReport(contentType: StructuredHeader | undefined): boolean {
  if (contentType?.value.toLowerCase() !== 'multipart/report') return false;
  const reportType = (contentType.params['report-type'] ?? '').toLowerCase();
  return reportType === 'delivery-status' || reportType === 'global-delivery-status';
}

function isAutoReplyByVendorHeader(headerLines: HeaderLines): boolean {
  if (headerLines.some((line) => line.key === 'x-autoreply' || line.key === 'x-autorespond')) {
    const values = [
      ...rawHeaderValues(headerLines, 'x-autoreply'),
      ...rawHeaderValues(headerLines, 'x-autorespond'),
    ];
    if (values.some((value) => firstToken(value) !== 'no')) return true;
  }
  return rawHeaderValues(headerLines, 'x-auto-response-suppress').some((value) =>
    value
      .toLowerCase()
      .split(/[\s,;]+/)
      .some((token) => suppressTokens.has(token)),
  );
}

function firstToken(value: string): string {
  return (
    value
      .replace(/\([^)]*\)/g, ' ')
      .split(/[;\s]+/)
      .find((token) => token.length > 0)
      ?.toLowerCase() ?? ''
  );
}

function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return (at < 0 ? address : address.slice(0, at)).trim().toLowerCase();
}

export interface DeliveryStatus {
  readonly originalMessageId?: string;
  readonly recipient?: string;
  readonly action?: string;
}

/**
 * Reads the fields of a `message/delivery-status` body: a per-message block, then one block per
 * recipient. The first recipient block that names a Final-Recipient gives recipient and action;
 * an Original-Message-ID (not in RFC 3464, but sent by several servers) anywhere gives the id.
 */
export function readDeliveryStatus(body: string): DeliveryStatus {
  let originalMessageId: string | undefined;
  let recipient: string | undefined;
  let action: string | undefined;
  for (const block of body.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const fields = statusFields(block);
    originalMessageId ??= firstMessageId([
      ...(fields.get('original-message-id') ?? []),
      ...(fields.get('x-original-message-id') ?? []),
    ]);
    const finalRecipient = fields.get('final-recipient')?.[0] ?? fields.get('original-recipient')?.[0];
    if (recipient === undefined && finalRecipient !== undefined) {
      recipient = normalizeAddress(finalRecipient.slice(finalRecipient.indexOf(';') + 1));
      const actionValue = fields.get('action')?.[0];
      action = actionValue ? firstToken(actionValue) || undefined : undefined;
    }
  }
  return withoutUndefined({ originalMessageId, recipient, action });
}

/** The Message-ID of a returned message or of its returned headers (`text/rfc822-headers`). */
export function returnedMessageId(content: Buffer): string | undefined {
  const head = content.subarray(0, 64 * 1024).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const fields = statusFields(end < 0 ? head : head.slice(0, end));
  return firstMessageId(fields.get('message-id') ?? []);
}

// Header-style "Name: value" lines with folding, names lower-cased.
function statusFields(block: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const line of block
    .replace(/\r\n?/g, '\n')
    .replace(/\n(?=[ \t])/g, '')
    .split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const list = fields.get(name) ?? [];
    list.push(line.slice(colon + 1).trim());
    fields.set(name, list);
  }
  return fields;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
