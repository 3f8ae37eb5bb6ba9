/**
 * Header sections and their values, read as mailsplit and libmime read them (mailparser's
 * foundations): lines unfolded and keyed, structured values (`type; name=value`, RFC 2231
 * continuations) parsed, RFC 2047 encoded words decoded through `TextDecoding`. Every loop is
 * linear in the header's length, however hostile it is.
 */
import { normalizeCharset, type TextDecoding } from './charsets.ts';
import { decodeUndeclaredHeader } from './undeclared-charset.ts';

/** One header field as sent: the lower-cased name and the whole line, folding kept, bytes as latin1. */
export interface HeaderLine {
  readonly key: string;
  readonly line: string;
}

export type HeaderLines = readonly HeaderLine[];

/** A parsed `value; name=value` header (Content-Type, Content-Disposition). */
export interface StructuredHeader {
  value: string;
  params: Record<string, string>;
  /** Parameters assembled from RFC 2231 parts, already decoded (a set: a header may have 100k). */
  readonly decodedParams: Set<string>;
}

const isFoldingChar = (character: string): boolean => character === ' ' || character === '\t';

/**
 * Splits a header section (bytes read as latin1) into fields. A line that starts with white
 * space continues the one before; the name is what comes before the first colon; a first
 * line that is an mbox `From ` separator is not a field.
 */
export function splitHeaderLines(raw: string): HeaderLine[] {
  let end = raw.length;
  while (end > 0 && (raw.charCodeAt(end - 1) === 0x0a || raw.charCodeAt(end - 1) === 0x0d)) end--;
  if (end === 0) return [];
  const rawLines = raw.slice(0, end).split(/\r?\n/);
  const lines: { key: string; line: string }[] = [];
  let index = 1;
  let first = rawLines[0] ?? '';
  while (index < rawLines.length && isFoldingChar((rawLines[index] ?? '').charAt(0))) {
    first += `\r\n${rawLines[index++]}`;
  }
  if (!/^From /i.test(first) && !/^POST /i.test(first)) {
    lines.push({ key: headerKey(first.substr(0, first.indexOf(':'))), line: first });
  }
  // While the last field has no colon yet, its name may still come from a continuation line.
  let keyPending = false;
  for (; index < rawLines.length; index++) {
    const current = rawLines[index] ?? '';
    const entry = lines[lines.length - 1];
    if (isFoldingChar(current.charAt(0)) && entry) {
      if (keyPending) {
        const colon = current.indexOf(':');
        if (colon >= 0) {
          entry.key = headerKey(`${entry.line}\r\n${current.substr(0, colon)}`);
          keyPending = false;
        }
      }
      entry.line += `\r\n${current}`;
    } else {
      const colon = current.indexOf(':');
      lines.push({ key: headerKey(current.substr(0, colon)), line: current });
      keyPending = colon < 0;
    }
  }
  return lines;
}

function headerKey(name: string): string {
  return name.toLowerCase().trim();
}

/** The value of a field line: unfolded and trimmed, everything after the first colon. */
export function fieldValue(line: string): string {
  const unfolded = line.replace(/(?:\r?\n|\r)[ \t]*/g, ' ').trim();
  return (/^\s*([^:]+):(.*)$/.exec(unfolded)?.[2] ?? '').trim();
}

/** The value of the first field named `key` (mailsplit's `getFirst`), or ''. */
export function firstFieldValue(lines: HeaderLines, key: string): string {
  const header = lines.find((line) => line.key === key);
  // A raw line as UTF-8 when it is valid UTF-8, else in the Baltic code page it reads best in
  // (mailsplit left it as latin1): a file name written by an old Windows mailer reads right.
  return header ? fieldValue(decodeUndeclaredHeader(header.line)) : '';
}

function hexDigit(code: number | undefined): boolean {
  return (
    code !== undefined &&
    ((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46))
  );
}

/** One RFC 2047 encoded word's payload (`Q` or `B`) decoded from its charset. */
export function decodeWord(text: TextDecoding, charset: string, encoding: string, payload: string): string {
  const star = charset.indexOf('*');
  const name = star >= 0 ? charset.substring(0, star) : charset;
  let bytes: Buffer;
  if (encoding.toUpperCase() === 'Q') {
    const input = Buffer.from(payload.replace(/=\s+([0-9a-fA-F])/g, '=$1').replace(/[_\s]/g, ' '));
    const output: number[] = [];
    for (let i = 0; i < input.length; i++) {
      const code = input[i] as number;
      if (i <= input.length - 2 && code === 0x3d && hexDigit(input[i + 1]) && hexDigit(input[i + 2])) {
        output.push(Number.parseInt(String.fromCharCode(input[i + 1] as number, input[i + 2] as number), 16));
        i += 2;
        continue;
      }
      output.push(code);
    }
    bytes = Buffer.from(output);
  } else if (encoding.toUpperCase() === 'B') {
    bytes = decodeBase64Word(payload);
  } else {
    bytes = Buffer.from(payload);
  }
  return text.decode(bytes, name);
}

// Joined words are several padded segments in one, each decoded on its own (libbase64's rule).
function decodeBase64Word(payload: string): Buffer {
  const input = payload.replace(/[\u0100-\uffff]+/g, '');
  const firstPad = input.indexOf('=');
  if (firstPad < 0 || !/[a-zA-Z0-9+/\-_]/.test(input.slice(firstPad))) return Buffer.from(input, 'base64');
  return Buffer.concat(
    input
      .split('=')
      .filter((segment) => segment.length > 0)
      .map((segment) => Buffer.from(segment, 'base64')),
  );
}

const sameCharset = (left: string, right: string): boolean =>
  normalizeCharset(left) === normalizeCharset(right);

/**
 * Decodes the RFC 2047 encoded words of a header value. Adjacent words of one charset and
 * encoding are joined before decoding, so a character split across two words comes out whole;
 * white space between encoded words is dropped.
 */
export function decodeWords(text: TextDecoding, value: string): string {
  const join = '__\u0000JOIN\u0000__';
  return (
    value
      .replace(
        /(=\?([^?]+)\?[Bb]\?[^?]*\?=)\s*(?==\?([^?]+)\?[Bb]\?[^?]*\?=)/g,
        (match, left: string, leftCharset: string, rightCharset: string) =>
          sameCharset(leftCharset, rightCharset) ? left + join : match,
      )
      .replace(
        /(=\?([^?]+)\?[Qq]\?[^?]*\?=)\s*(?==\?([^?]+)\?[Qq]\?[^?]*\?=)/g,
        (match, left: string, leftCharset: string, rightCharset: string) =>
          sameCharset(leftCharset, rightCharset) ? left + join : match,
      )
      // biome-ignore lint/suspicious/noControlCharactersInRegex: libmime's join marker, NUL included
      .replace(/(\?=)?__\u0000JOIN\u0000__(=\?([^?]+)\?[QqBb]\?)?/g, '')
      .replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?[^?]+\?[QqBb]\?[^?]*\?=)/g, '$1')
      .replace(
        /=\?([\w_\-*]+)\?([QqBb])\?([^?]*)\?=/g,
        (_match, charset: string, encoding: string, payload: string) =>
          decodeWord(text, charset, encoding, payload),
      )
  );
}

const isWhiteSpace = (character: string): boolean =>
  character === ' ' ||
  character === '\t' ||
  character === '\r' ||
  character === '\n' ||
  character === '\f' ||
  character === '\v';

// Where the comment opening at `start` closes (comments nest, a backslash escapes), or -1.
function commentEnd(value: string, start: number): number {
  let depth = 0;
  for (let i = start; i < value.length; i++) {
    const character = value.charAt(i);
    if (character === '\\') i++;
    else if (character === '(') depth++;
    else if (character === ')' && --depth === 0) return i;
  }
  return -1;
}

function setParam(params: Record<string, string>, key: string, value: string): void {
  // A plain assignment to "__proto__" would replace the prototype instead of adding a key.
  Object.defineProperty(params, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Parses `value; name=value; name="quoted value"` (libmime's `parseHeaderValue`): names
 * lower-cased, the first of a repeated parameter kept, comments dropped with `stripComments`
 * (except where a `(` continues a token, as in `filename=Invoice(1).pdf`), and RFC 2231
 * parameters (`name*=charset'lang'%XX`, `name*0*=`, `name*1=`) assembled and decoded.
 */
export function parseHeaderValue(
  text: TextDecoding,
  input: string,
  options: { readonly stripComments?: boolean } = {},
): StructuredHeader {
  let stripComments = options.stripComments === true;
  const response: StructuredHeader = { value: '', params: Object.create(null), decodedParams: new Set() };
  let key: string | false = false;
  let value = '';
  let valueEnd = 0;
  let inKey = false;
  let quote = false;
  let quoteClosed = false;
  let escaped = false;
  let tokenOpen = false;
  const commit = (): void => {
    const collected = value.substring(0, valueEnd);
    value = '';
    valueEnd = 0;
    if (inKey) {
      const name = collected.toLowerCase();
      if (name && !Object.hasOwn(response.params, name)) setParam(response.params, name, '');
    } else if (key === false) {
      response.value = collected;
    } else if (!Object.hasOwn(response.params, key)) {
      setParam(response.params, key, collected);
    }
  };
  for (let i = 0; i < input.length; i++) {
    const character = input.charAt(i);
    if (stripComments && character === '(' && !quote && !escaped && !tokenOpen) {
      let end = commentEnd(input, i);
      // An unclosed comment runs to the end, unless a parameter follows: then it is content.
      if (end < 0 && input.indexOf(';', i) < 0) end = input.length - 1;
      if (end >= 0) {
        i = end;
        continue;
      }
      // Searching for a ")" again for every "(" of a long unclosed run would be quadratic.
      stripComments = false;
    }
    if (inKey) {
      if (character === '=') {
        key = value.substring(0, valueEnd).toLowerCase();
        value = '';
        valueEnd = 0;
        inKey = false;
        tokenOpen = true;
      } else if (character === ';') {
        commit();
      } else if (isWhiteSpace(character)) {
        if (value.length) value += character;
      } else {
        value += character;
        valueEnd = value.length;
      }
      continue;
    }
    if (quoteClosed && character !== ';') {
      // Whatever follows a closed quoted string up to the ";" is junk, not value.
      escaped = false;
      continue;
    }
    if (escaped) {
      value += character;
      valueEnd = value.length;
      tokenOpen = key !== false && !quote;
    } else if (character === '\\') {
      escaped = true;
      continue;
    } else if (character === '"') {
      quoteClosed = quote;
      quote = !quote;
      tokenOpen = false;
    } else if (!quote && character === ';') {
      commit();
      inKey = true;
      tokenOpen = false;
      quoteClosed = false;
    } else if (!quote && isWhiteSpace(character)) {
      if (value.length) value += character;
      tokenOpen = false;
    } else {
      value += character;
      valueEnd = value.length;
      tokenOpen = key !== false && !quote;
    }
    escaped = false;
  }
  commit();
  assembleContinuations(text, response);
  return response;
}

// RFC 2231 section 3 and 4: `name*0*=utf-8''a%C4`, `name*1=b`. An assembled value wins over a
// plain parameter of the same name (RFC 6266 section 4.3).
function assembleContinuations(text: TextDecoding, response: StructuredHeader): void {
  const continuations = new Map<
    string,
    { charset: string | false; values: { nr: number; value: string }[] }
  >();
  for (const key of Object.keys(response.params)) {
    const match = key.match(/\*((\d+)\*?)?$/);
    if (!match) continue;
    const actualKey = key.substring(0, match.index).toLowerCase();
    const nr = Number(match[2]) || 0;
    let value = response.params[key] ?? '';
    delete response.params[key];
    let continuation = continuations.get(actualKey);
    if (!continuation) {
      continuation = { charset: false, values: [] };
      continuations.set(actualKey, continuation);
    }
    const charsetAndValue = nr === 0 && match[0].endsWith('*') ? value.match(/^([^']*)'[^']*'(.*)$/) : null;
    if (charsetAndValue) {
      continuation.charset = charsetAndValue[1] || 'utf-8';
      value = charsetAndValue[2] ?? '';
    }
    continuation.values.push({ nr, value });
  }
  for (const [key, continuation] of continuations) {
    const value = continuation.values
      .sort((a, b) => a.nr - b.nr)
      .map((part) => part.value)
      .join('');
    response.decodedParams.add(key);
    if (!continuation.charset) {
      setParam(response.params, key, decodeWords(text, value));
      continue;
    }
    // Percent escapes read as quoted-printable in the parameter's charset; the charset is passed
    // apart, so one holding "?" cannot inject an encoded word of its own.
    const quoted = value
      .replace(/[=_\s]/g, (special) => {
        if (special === ' ') return '_';
        const code = special.charCodeAt(0).toString(16);
        return `%${code.length < 2 ? '0' : ''}${code}`;
      })
      .replace(/%/g, '=');
    setParam(response.params, key, decodeWord(text, continuation.charset, 'Q', quoted));
  }
}
