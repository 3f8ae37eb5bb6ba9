/**
 * Splits a raw message into its tree of MIME parts, as `@zone-eu/mailsplit` (mailparser's
 * splitter) does, and stops as soon as a limit is crossed, before any part is decoded.
 *
 * The rules that decide which parts a message has are mailsplit's, so that the parts found are
 * the ones mailparser, Python and postal-mime find: a delimiter line may carry white space and
 * ends the parts of any open ancestor multipart; a closing delimiter puts the rest in the
 * epilogue; the line break before a delimiter belongs to it; a header block counts at least 64
 * bytes a line against its 1 MiB; an inline `message/rfc822` in 7bit/8bit is parsed as a
 * message, an attached one is a leaf. One linear pass over the bytes, yielding now and then.
 *
 * One departure from mailsplit: the line break before a delimiter always belongs to it, as
 * RFC 2046 5.1.1 says, so a part whose body is one empty line is empty; mailsplit kept that line
 * break (two bytes) when another part followed and dropped it before the closing delimiter.
 */

import type { TextDecoding } from './charsets.ts';
import {
  decodeWords,
  firstFieldValue,
  type HeaderLine,
  parseHeaderValue,
  splitHeaderLines,
} from './header-values.ts';

export interface MimeNode {
  readonly parent: MimeNode | undefined;
  /** The root is 0, a part of a top-level multipart 1. */
  readonly depth: number;
  readonly children: MimeNode[];
  headerLines: readonly HeaderLine[];
  /** Lower-cased; '' when the part has a Content-Type without a value. */
  contentType: string;
  charset?: string;
  /** Content-Transfer-Encoding, lower-cased, comments removed. */
  encoding: string;
  /** Content-Disposition's value as sent (encoded words decoded), lower-cased. */
  disposition: string;
  filename?: string;
  flowed: boolean;
  delSp: boolean;
  /** An inline message/rfc822 whose content is parsed as the child message. */
  messageNode: boolean;
  /**
   * The extension that names this part's type (a file name but no Content-Type) when only
   * libmime's full table knows it: `contentType` is provisional until `typeFromExtension`.
   */
  untypedExtension?: string;
  /** The body as sent (transfer-encoded); empty for a multipart. */
  body: Buffer;
}

export interface StructureLimits {
  readonly maxParts: number;
  readonly maxDepth: number;
}

export type StructureProblem = 'too-many-parts' | 'too-deep' | 'header-too-large' | 'no-header' | 'timed-out';

export type StructureVerdict =
  | { readonly ok: true; readonly root: MimeNode; readonly nodes: readonly MimeNode[] }
  | { readonly ok: false; readonly problem: StructureProblem };

/** What parsing a header block needs: charsets for encoded words, MIME types by file extension. */
export interface HeaderContext {
  readonly text: TextDecoding;
  /**
   * The content type of a file extension (libmime's table), for a part that names a file but no
   * type; undefined when the table that knows it is not loaded.
   */
  detectMimeType(extension: string): string | undefined;
}

const maxHeadSize = 1024 * 1024;
/** A header line counts at least this much: 1 MiB of header is at most 16k lines. */
const headerLineMinCost = 64;
/** SP and HTAB a delimiter line may carry before its line ending (RFC 2046 5.1.1 allows them). */
const delimiterTrailingSpace = 998;
/** Bytes split between two yields to the event loop. */
const yieldBytes = 1024 * 1024;
// A field name is printable US-ASCII except the colon (RFC 5322 section 2.2).
const fieldName = /^[!-9;-~]+$/;

class Splitting {
  readonly root: Part;
  readonly nodes: MimeNode[] = [];
  node: Part;
  inHead = true;
  inEpilogue = false;
  createdNodes = 0;
  delimiterOwner: Part | undefined;

  constructor(
    readonly raw: Buffer,
    readonly context: HeaderContext,
  ) {
    this.node = this.newNode(undefined);
    this.root = this.node;
  }

  newNode(parent: Part | undefined): Part {
    this.node = new Part(parent);
    this.inHead = true;
    this.inEpilogue = false;
    this.createdNodes++;
    return this.node;
  }
}

/** A node while it is being split: the parsed `MimeNode` plus what the splitter keeps for it. */
class Part implements MimeNode {
  readonly depth: number;
  readonly children: Part[] = [];
  headerLines: readonly HeaderLine[] = [];
  contentType = '';
  charset?: string;
  encoding = '';
  disposition = '';
  filename?: string;
  flowed = false;
  delSp = false;
  messageNode = false;
  untypedExtension?: string;
  multipart = false;
  boundary: Buffer | undefined;
  /** The nearest open node whose delimiters end this one. */
  boundaryOwner: Part | undefined;
  headerStart = -1;
  headerEnd = -1;
  headerCost = 0;
  headersParsed = false;
  bodyStart = -1;
  bodyEnd = -1;
  /** Set by the first delimiter after the body: later lines (an epilogue) are not content. */
  bodyClosed = false;

  constructor(readonly parent: Part | undefined) {
    this.depth = parent ? parent.depth + 1 : 0;
    this.boundaryOwner = parent;
  }

  get body(): Buffer {
    return this.bodyRange ?? Buffer.alloc(0);
  }

  bodyRange: Buffer | undefined;
}

/**
 * Splits `raw` into parts, or names the limit it crossed. Nodes count as mailparser's
 * `maxChildNodes` counts them (the root and the multipart containers too).
 */
export async function splitMessage(
  raw: Buffer,
  limits: StructureLimits,
  context: HeaderContext,
  deadlineAt: number,
): Promise<StructureVerdict> {
  const state = new Splitting(raw, context);
  let lineStart = 0;
  let nextYield = yieldBytes;
  while (true) {
    const newline = raw.indexOf(0x0a, lineStart);
    const final = newline < 0;
    const lineEnd = final ? raw.length : newline + 1;
    const problem = processLine(state, lineStart, lineEnd, final, limits);
    if (problem) return { ok: false, problem };
    if (final) break;
    lineStart = lineEnd;
    if (lineStart >= nextYield) {
      nextYield = lineStart + yieldBytes;
      await new Promise((resolve) => setImmediate(resolve));
      if (performance.now() > deadlineAt) return { ok: false, problem: 'timed-out' };
    }
  }
  for (const node of state.nodes as Part[]) {
    if (node.bodyStart >= 0) node.bodyRange = raw.subarray(node.bodyStart, node.bodyEnd);
  }
  return { ok: true, root: state.root, nodes: state.nodes };
}

function processLine(
  state: Splitting,
  start: number,
  end: number,
  final: boolean,
  limits: StructureLimits,
): StructureProblem | undefined {
  // mailsplit's maxChildNodes backstop counts every node created, emitted or not.
  if (state.createdNodes > limits.maxParts + 1) return 'too-many-parts';
  const { raw } = state;
  const delimiter = delimiterKind(state, start, end);
  if (delimiter) {
    const current = state.node;
    switch (delimiter) {
      case 'next-child':
        endBody(current, raw);
        state.newNode(current);
        return undefined;
      case 'preamble-end':
        endBody(current, raw);
        return undefined;
      case 'next-sibling':
        endBody(current, raw);
        state.newNode(state.delimiterOwner);
        return undefined;
      case 'owner-end': {
        endBody(current, raw);
        // A part cut off by the delimiter in its header still counts, with what header it had.
        if (current.headerStart >= 0 && !current.headersParsed) {
          const problem = emitNode(state, current, limits);
          if (problem) return problem;
        }
        if (state.delimiterOwner) {
          state.node = state.delimiterOwner;
          state.inEpilogue = true;
        }
        state.inHead = false;
        return undefined;
      }
    }
  }
  const node = state.node;
  if (state.inHead) {
    const length = end - start;
    if (node.headerStart < 0) node.headerStart = start;
    node.headerEnd = end;
    const endsBlock =
      (length === 1 && raw[start] === 0x0a) ||
      (length === 2 && raw[start] === 0x0d && raw[start + 1] === 0x0a);
    node.headerCost += endsBlock ? length : Math.max(length, headerLineMinCost);
    if (node.headerCost > maxHeadSize) return 'header-too-large';
    if (!final && !endsBlock) return undefined;
    const problem = emitNode(state, node, limits);
    if (problem) return problem;
    if (
      node.contentType === 'message/rfc822' &&
      node.disposition === 'inline' &&
      isUnencoded(node.encoding)
    ) {
      node.messageNode = true;
      const message = state.newNode(node);
      // The embedded message continues inside its container: the container's delimiters apply.
      if (node.parent) message.boundaryOwner = node.parent;
    } else {
      state.inHead = false;
    }
    return undefined;
  }
  if (!node.multipart && !node.bodyClosed) {
    if (node.bodyStart < 0) node.bodyStart = start;
    node.bodyEnd = end;
  }
  return undefined;
}

function isUnencoded(encoding: string): boolean {
  return !encoding || encoding === '7bit' || encoding === '8bit' || encoding === 'binary';
}

// The line break before a delimiter belongs to the delimiter, not to the part's content.
function endBody(node: Part, raw: Buffer): void {
  if (node.bodyClosed) return;
  node.bodyClosed = true;
  if (!node.parent || node.bodyStart < 0) return;
  if (node.bodyEnd > node.bodyStart && raw[node.bodyEnd - 1] === 0x0a) {
    node.bodyEnd--;
    if (node.bodyEnd > node.bodyStart && raw[node.bodyEnd - 1] === 0x0d) node.bodyEnd--;
  }
}

function emitNode(state: Splitting, node: Part, limits: StructureLimits): StructureProblem | undefined {
  parseNodeHeaders(node, state.raw, state.context);
  state.nodes.push(node);
  node.parent?.children.push(node);
  if (!node.parent && !node.headerLines.some((line) => fieldName.test(line.key))) return 'no-header';
  if (state.nodes.length > limits.maxParts) return 'too-many-parts';
  if (node.depth > limits.maxDepth) return 'too-deep';
  return undefined;
}

type DelimiterKind = 'next-child' | 'preamble-end' | 'next-sibling' | 'owner-end';

function delimiterKind(state: Splitting, start: number, end: number): DelimiterKind | undefined {
  const { raw } = state;
  let offset = start;
  if (end - start >= 1 && (raw[start] === 0x0d || raw[start] === 0x0a)) {
    offset++;
    if (end - start >= 2 && raw[start] === 0x0d && raw[start + 1] === 0x0a) offset++;
  }
  if (end - start < 4 || raw[offset] !== 0x2d || raw[offset + 1] !== 0x2d) return undefined;
  const node = state.node;
  if (!state.inEpilogue && node.boundary) {
    const own = compareBoundary(raw, offset, end, node.boundary);
    if (own) return own === 'next' ? 'next-child' : 'preamble-end';
  }
  for (let owner = node.boundaryOwner; owner; owner = owner.boundaryOwner) {
    if (!owner.boundary) continue;
    const match = compareBoundary(raw, offset, end, owner.boundary);
    if (match) {
      state.delimiterOwner = owner;
      return match === 'next' ? 'next-sibling' : 'owner-end';
    }
  }
  return undefined;
}

function compareBoundary(
  raw: Buffer,
  offset: number,
  end: number,
  boundary: Buffer,
): 'next' | 'end' | undefined {
  const length = end - offset;
  if (length < boundary.length + 3 || length > boundary.length + 4 + delimiterTrailingSpace + 2)
    return undefined;
  if (raw.compare(boundary, 0, boundary.length, offset + 2, offset + 2 + boundary.length) !== 0)
    return undefined;
  let i = offset + 2 + boundary.length;
  let kind: 'next' | 'end' = 'next';
  if (raw[i] === 0x2d) {
    if (raw[i + 1] !== 0x2d) return undefined;
    kind = 'end';
    i += 2;
  }
  while (i < end && (raw[i] === 0x20 || raw[i] === 0x09)) i++;
  // Only the closing delimiter may end the input without a line break.
  if (i === end) return kind === 'end' ? 'end' : undefined;
  // A run of CRs before the LF is a line end twice converted to CRLF.
  while (i < end && raw[i] === 0x0d) i++;
  if (i < end && raw[i] === 0x0a) i++;
  return i === end ? kind : undefined;
}

/** mailsplit's `MimeNode.parseHeaders`: type, charset, encoding, disposition, file name, boundary. */
function parseNodeHeaders(node: Part, raw: Buffer, context: HeaderContext): void {
  if (node.headersParsed) return;
  node.headersParsed = true;
  const { text } = context;
  const block = node.headerStart < 0 ? '' : raw.toString('latin1', node.headerStart, node.headerEnd);
  const lines = splitHeaderLines(block);
  node.headerLines = lines;
  // Comments are dropped so that `boundary=b (comment)` names the boundary `b`.
  const disposition = parseHeaderValue(text, firstFieldValue(lines, 'content-disposition'), {
    stripComments: true,
  });
  let typeValue: string | undefined;
  if (lines.some((line) => line.key === 'content-type')) {
    typeValue = firstFieldValue(lines, 'content-type');
  } else {
    const named = disposition.params.filename;
    const extension = named ? extensionOf(named) : '';
    if (extension) {
      typeValue = context.detectMimeType(extension);
      // Every extension typed as a message or multipart is known without the full table, so a
      // provisional type splits the message as the final one would.
      if (typeValue === undefined) {
        node.untypedExtension = extension;
        typeValue = 'application/octet-stream';
      }
    }
    typeValue ||= /^attachment$/i.test(disposition.value) ? 'application/octet-stream' : 'text/plain';
  }
  const contentType = parseHeaderValue(text, typeValue, { stripComments: true });
  // A quoted encoding stays quoted (and unknown), as Python and postal-mime read it.
  node.encoding = stripLineComments(firstFieldValue(lines, 'content-transfer-encoding')).toLowerCase().trim();
  node.contentType = contentType.value.toLowerCase().trim();
  node.charset = contentType.params.charset || undefined;
  node.disposition = disposition.value.toLowerCase().trim();
  if (node.disposition) node.disposition = decodeWords(text, node.disposition);
  const filename = disposition.params.filename || contentType.params.name || undefined;
  if (filename) {
    const decoded = disposition.params.filename
      ? disposition.decodedParams.has('filename')
      : contentType.decodedParams.has('name');
    node.filename = decoded ? filename : decodeWords(text, filename);
  }
  // format=flowed is for text/plain only (RFC 3676): a browser never unfolds HTML.
  if (node.contentType === 'text/plain' && contentType.params.format?.toLowerCase().trim() === 'flowed') {
    node.flowed = true;
    node.delSp = contentType.params.delsp?.toLowerCase().trim() === 'yes';
  }
  const slash = node.contentType.indexOf('/');
  node.multipart =
    slash > 0 && node.contentType.slice(0, slash) === 'multipart' && slash < node.contentType.length - 1;
  // A boundary is ASCII without trailing white space (RFC 2046 5.1.1); any other counts as none.
  const boundary = (contentType.params.boundary ?? '').trimEnd();
  node.boundary =
    boundary && Buffer.byteLength(boundary) === boundary.length ? Buffer.from(boundary) : undefined;
}

/** Settles the provisional type of a part typed by its file extension (see `untypedExtension`). */
export function typeFromExtension(node: MimeNode, type: string): void {
  node.contentType = type.toLowerCase().trim();
  node.untypedExtension = undefined;
}

// path.parse(name).ext without the dot: the last ".x" of the base name, not a leading dot.
function extensionOf(filename: string): string {
  const base = filename.replace(/[/]+$/, '').split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1) : '';
}

// Removes everything from the first "(" to the last ")" of each line, in linear time.
function stripLineComments(value: string): string {
  if (!value.includes('(')) return value;
  return value
    .split(/([\n\r\u2028\u2029])/)
    .map((part) => {
      const open = part.indexOf('(');
      if (open < 0) return part;
      const close = part.lastIndexOf(')');
      return close > open ? part.slice(0, open) + part.slice(close + 1) : part;
    })
    .join('');
}
