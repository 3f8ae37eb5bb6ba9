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
 * The code pages put the Latvian letters at different bytes, so the right one reads the most of
 * them; where they agree (Windows-1257 and ISO-8859-13 differ only in a few punctuation bytes),
 * the byte that one of them leaves undefined or reads as a C1 control decides. A tie goes to the
 * earlier of Windows-1257, ISO-8859-13, ISO-8859-4, UTF-8: Windows-1257 is what such mail is
 * usually written in. Typographic punctuation (dashes, quotes, the euro sign…) counts as neutral.
 */
import { isUtf8 } from 'node:buffer';
import { TextDecoding } from './charsets.ts';

const candidates = ['windows-1257', 'ISO-8859-13', 'ISO-8859-4', 'utf-8'] as const;

/** The Baltic code pages and UTF-8 are decoded natively: this never needs the legacy decoders. */
const decoding = new TextDecoding();

const latvianLetters = /[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]/gu;
const broken = /[\u0080-\u009f\ufffd]/gu;
/** ASCII and the punctuation a Windows mailer writes: neither for nor against a reading. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: all of ASCII is neutral, controls too
const neutral = /[\u0000-\u007f\u00a0«»§°±×·–—‘’‚“”„…•€™]/gu;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** How Latvian a reading of the bytes looks (see the module's comment). */
export function latvianScore(text: string): number {
  const letters = count(text, latvianLetters);
  const bad = count(text, broken);
  const others = text.length - count(text, neutral) - letters - bad;
  return 2 * letters - others - 4 * bad;
}

/** Whether the bytes hold anything but 7-bit ASCII. */
export function hasEightBit(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

/**
 * The charset the bytes are best read in: `utf-8` for ASCII and valid UTF-8, else the best
 * scoring of the Baltic code pages (or UTF-8 with replacement characters).
 */
export function guessCharset(bytes: Uint8Array): (typeof candidates)[number] {
  if (!hasEightBit(bytes) || isUtf8(bytes)) return 'utf-8';
  let best: (typeof candidates)[number] = candidates[0];
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const charset of candidates) {
    const score = latvianScore(decoding.decode(bytes, charset));
    if (score > bestScore) {
      best = charset;
      bestScore = score;
    }
  }
  return best;
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
