/**
 * Content-Transfer-Encoding and format=flowed decoding of a whole part body, with the same
 * leniency as libbase64, libqp and libmime (what mailparser used): stray characters in base64
 * are skipped, a broken `=` escape in quoted-printable is kept as it is. Each is one linear pass.
 */

/** Base64 with anything but the alphabet skipped; a body padded line by line decodes segment by segment. */
export function decodeBase64(body: Buffer): Buffer {
  let text = body.toString('latin1');
  const firstPad = text.indexOf('=');
  // Buffer.from stops at the first padding character, so each padded segment is decoded on its own.
  if (firstPad >= 0 && /[a-zA-Z0-9+/]/.test(text.slice(firstPad))) return decodeSegments(text);
  if (/[^a-zA-Z0-9+/=]/.test(text)) text = text.replace(/[^a-zA-Z0-9+/=]+/g, '');
  return Buffer.from(text, 'base64');
}

const sextets = new Int8Array(128).fill(-1);
for (const [index, symbol] of [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
].entries()) {
  sextets[symbol.charCodeAt(0)] = index;
}

/**
 * Base64 whose `=` padding ends a segment that the next continues (what `Buffer.from` gives for
 * each segment, joined), anything but the alphabet skipped, in one pass: a call per segment
 * would take seconds for millions of them.
 */
function decodeSegments(text: string): Buffer {
  const output = Buffer.alloc(Math.floor((text.length * 3) / 4));
  let length = 0;
  let bits = 0;
  let pending = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3d) {
      // The bits left over at a segment's end are no byte.
      bits = 0;
      pending = 0;
      continue;
    }
    const sextet = code < 128 ? (sextets[code] as number) : -1;
    if (sextet < 0) continue;
    bits = ((bits << 6) | sextet) & 0xffffff;
    pending += 6;
    if (pending >= 8) {
      pending -= 8;
      output[length++] = (bits >> pending) & 0xff;
    }
  }
  return Buffer.from(output.subarray(0, length));
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/** Quoted-printable (RFC 2045 6.7): soft line breaks removed, `=XX` decoded, anything else byte for byte. */
export function decodeQuotedPrintable(body: Buffer): Buffer {
  const input = body
    .toString('latin1')
    // Trailing white space of a line is not content. The leading group keeps this linear.
    .replace(/(^|[^ \t])[ \t]+(?=[\n\r\u2028\u2029]|$)/g, '$1')
    .replace(/[=](?:\r?\n|$)/g, '');
  const output = Buffer.alloc(input.length);
  let length = 0;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code === 0x3d && i < input.length - 2) {
      const high = hexValue(input.charCodeAt(i + 1));
      const low = hexValue(input.charCodeAt(i + 2));
      if (high >= 0 && low >= 0) {
        output[length++] = high * 16 + low;
        i += 2;
        continue;
      }
    }
    output[length++] = code;
  }
  return output.subarray(0, length);
}

/**
 * Undoes format=flowed soft line breaks (RFC 3676) in a body read byte for byte (latin1): lines
 * of the same quote depth that end in a space are joined, space-stuffing removed, `delsp=yes`
 * drops the space the sender added to fold. A signature separator `-- ` is never joined.
 */
export function decodeFlowed(input: string, delSp: boolean): string {
  const lines = input.split(/\r?\n/);
  const result: string[] = [];
  // The paragraph as pieces joined once at its end: appending to one string and testing it
  // with a regex per line would be quadratic on a long soft-wrapped body.
  let parts: string[] = [];
  let partsLength = 0;
  let depth = 0;
  let prefix = '';
  const pushPart = (part: string): void => {
    if (part) {
      parts.push(part);
      partsLength += part.length;
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    let lineDepth = 0;
    while (line.charCodeAt(lineDepth) === 0x3e) lineDepth++;
    const prefixLength = lineDepth && line.charCodeAt(lineDepth) === 0x20 ? lineDepth + 1 : lineDepth;
    const content = line.slice(prefixLength);
    const last = parts.length ? (parts[parts.length - 1] ?? '') : '';
    const softBreak =
      lineDepth === depth && last.endsWith(' ') && !(partsLength === 3 && parts.join('') === '-- ');
    if (softBreak) {
      if (delSp) {
        parts.pop();
        partsLength -= last.length;
        pushPart(last.slice(0, -1));
        pushPart(content);
      } else {
        pushPart(lineDepth ? content : content.replace(/^ /, ''));
      }
    } else {
      if (i > 0) result.push(prefix + parts.join(''));
      parts = [];
      partsLength = 0;
      depth = lineDepth;
      prefix = line.slice(0, prefixLength);
      pushPart(content);
    }
  }
  if (partsLength || prefix) result.push(prefix + parts.join(''));
  return result.join('\n').replace(/^ /gm, '');
}
