/**
 * Text whose charset nobody declared: a part without a `charset` parameter (or one that says
 * `us-ascii` and carries 8-bit bytes all the same), a header with raw 8-bit bytes instead of
 * encoded words. Old Windows mailers in Latvia send exactly that, in Windows-1257; read as UTF-8
 * every Latvian letter became U+FFFD and the request went to triage unread.
 *
 * The rule: bytes that are valid UTF-8 are UTF-8 (a legacy code page almost never forms valid
 * UTF-8 by chance). Otherwise each Baltic code page a Latvian mailer may use — Windows-1257,
 * ISO-8859-13, ISO-8859-4 — decodes the bytes, and so does UTF-8 with replacement characters
 * (UTF-8 text with one broken byte must not become mojibake as a whole), and the reading that
 * scores best wins:
 *
 *   score = 2 × Latvian letters − other non-ASCII characters − 4 × (U+FFFD and C1 controls)
 *
 * counted over up to 64 KiB from the first 8-bit byte (a long body is read in one charset).
 *
 * The code pages put the Latvian letters at different bytes, so the right one reads the most of
 * them; where they agree (Windows-1257 and ISO-8859-13 differ only in a few punctuation bytes),
 * the byte that one of them leaves undefined or reads as a C1 control decides. A tie goes to the
 * earlier of Windows-1257, ISO-8859-13, ISO-8859-4, UTF-8: Windows-1257 is what such mail is
 * usually written in. Typographic punctuation (dashes, quotes, the euro sign…) counts as neutral.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoding } from './charsets.ts';

const candidates = ['windows-1257', 'ISO-8859-13', 'ISO-8859-4', 'utf-8'] as const;

/** The Baltic code pages and UTF-8 are decoded natively: this never needs the legacy decoders. */
const decoding = new TextDecoding();

const latvianLetters = new Set('āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ');
/** The punctuation a Windows mailer writes: neither for nor against a reading (as ASCII is). */
const neutral = new Set('\u00a0«»§°±×·–—‘’‚“”„…•€™');

/**
 * How Latvian a reading of the bytes looks (see the module's comment). A loop, not regular
 * expressions: a match list of a 25 MB body would hold millions of strings.
 */
export function latvianScore(text: string): number {
  let score = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    const character = text.charAt(i);
    if (latvianLetters.has(character)) score += 2;
    else if (code <= 0x9f || code === 0xfffd) score -= 4;
    else if (!neutral.has(character)) score -= 1;
  }
  return score;
}

/**
 * The charset the bytes are best read in: `utf-8` for ASCII and valid UTF-8, else the best
 * scoring of the Baltic code pages (or UTF-8 with replacement characters).
 */
export function guessCharset(bytes: Uint8Array): (typeof candidates)[number] {
  if (isAscii(bytes) || isUtf8(bytes)) return 'utf-8';
  const first = bytes.findIndex((byte) => byte >= 0x80);
  const sample = sampleFrom(bytes, first);
  let best: (typeof candidates)[number] = candidates[0];
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const charset of candidates) {
    const score = latvianScore(decoding.decode(sample, charset));
    if (score > bestScore) {
      best = charset;
      bestScore = score;
    }
  }
  return best;
}

/** Bytes scored: enough text to tell, so that a 25 MB body is not decoded four times over. */
const sampleBytes = 64 * 1024;

/**
 * The bytes from the first 8-bit one, at most `sampleBytes`, ending after an ASCII byte where one
 * is near, so that the sample does not cut a UTF-8 sequence in two.
 */
function sampleFrom(bytes: Uint8Array, first: number): Uint8Array {
  let end = Math.min(bytes.length, first + sampleBytes);
  if (end === bytes.length) return bytes.subarray(first);
  for (let back = end; back > end - 16; back--) {
    if ((bytes[back - 1] as number) < 0x80) {
      end = back;
      break;
    }
  }
  return bytes.subarray(first, end);
}

/** Text of undeclared charset, decoded in the charset `guessCharset` finds. */
export function decodeUndeclared(bytes: Uint8Array): string {
  const charset = guessCharset(bytes);
  if (charset === 'utf-8')
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return decoding.decode(bytes, charset);
}

/** A header value kept as a binary (latin1) string, its raw 8-bit bytes decoded as `decodeUndeclared`. */
export function decodeUndeclaredHeader(binary: string): string {
  if (!/[\u0080-\u00ff]/.test(binary)) return binary;
  return decodeUndeclared(Buffer.from(binary, 'latin1'));
}
