/**
 * Text from bytes in a named charset, as libmime decodes it, without loading libmime's tables.
 *
 * The charsets mail is written in here (UTF-8, ISO-8859-x, Windows-125x, KOI8, UTF-16 with its
 * byte order named) are decoded by the platform's `TextDecoder` (ICU); a test checks every byte
 * of every single-byte charset against libmime. Anything else needs libmime's decoder, half a
 * megabyte of tables: it is imported the first time such a charset is met, and the parse that
 * met it runs once more with it (see `TextDecoding.missing`). That includes every East Asian
 * multi-byte charset: ICU's tables are not iconv-lite's (Korean UHC and Hong Kong Big5
 * characters, GBK and Shift_JIS vendor rows, invalid bytes) and ISO-2022-JP / EUC-JP mail that is
 * really UTF-8 or Shift_JIS is only read right by encoding-japanese; UTF-16 without a byte
 * order and the Mac and IBM code pages too.
 */
import charsetAliases from 'libmime/lib/charsets';

type LegacyCharsets = typeof import('./legacy-decoders.ts');

let legacy: LegacyCharsets | undefined;

/** Loads the legacy decoders (libmime with iconv-lite and encoding-japanese). */
export async function loadLegacyDecoders(): Promise<LegacyCharsets> {
  legacy ??= await import('./legacy-decoders.ts');
  return legacy;
}

/** The legacy decoders when a parse has loaded them already. */
export function loadedLegacyDecoders(): LegacyCharsets | undefined {
  return legacy;
}

const aliases = new Map(Object.entries(charsetAliases as Record<string, string>));

/** libmime's canonical name of a charset label (`latin1` → `windows-1252`, `win-1257` → `windows-1257`). */
export function normalizeCharset(charset: string | undefined): string {
  let name = (charset || 'UTF-8').toString().toLowerCase().trim();
  const canonical = aliases.get(name);
  if (canonical) return canonical;
  name = name
    .replace(/^utf[-_]?(\d+)/, 'utf-$1')
    .replace(/^(?:us[-_]?)ascii/, 'windows-1252')
    .replace(/^win(?:dows)?[-_]?(\d+)/, 'windows-$1')
    .replace(/^(?:latin|iso[-_]?8859)?[-_]?(\d+)/, 'iso-8859-$1')
    .replace(/^l[-_]?(\d+)/, 'iso-8859-$1');
  return aliases.get(name) || name.toUpperCase();
}

const utf8Compatible = /^(?:(?:us-)?ascii|utf-8|7bit)$/i;
// UTF-7 can carry markup past a filter that looks for "<" (+ADw-script+AD4- is <script>); base64
// and hex are transfer encodings. Such names are read as UTF-8, as libmime and mailparser do.
const refused = /^(?:(?:cs)?unicode11)?utf7(?:imap)?$|^base64$|^hex$/;

// Windows code pages leave some bytes undefined: iconv-lite gives U+FFFD for them, ICU the C1
// control of the same number. No defined byte of these code pages is a C1 control.
const undefinedAsC1 = /[\u0080-\u009f]/g;
// (ICU's Windows-874, -1253 and -1255 differ from iconv-lite's in more than that: left to libmime.)
const withUndefinedBytes = new Set([
  'windows-1250',
  'windows-1251',
  'windows-1254',
  'windows-1257',
  'windows-1258',
]);

/** Canonical names (as `normalizeCharset` gives them) that `TextDecoder` decodes as libmime does. */
const nativeLabels: ReadonlyMap<string, string> = new Map([
  ...[2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15].map((n): [string, string] => [`ISO-8859-${n}`, `iso-8859-${n}`]),
  ...[...withUndefinedBytes, 'windows-1256'].map((name): [string, string] => [name, name]),
  ['KOI8-R', 'koi8-r'],
  ['KOI8-U', 'koi8-u'],
  ['UTF-16LE', 'utf-16le'],
  ['UTF-16BE', 'utf-16be'],
]);

// Windows-1252 by its own table: Node 20's TextDecoder reads it as ISO-8859-1 (0x80 is not €).
const windows1252High = '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return text.replace(/[\u0080-\u009f]/g, (c) => windows1252High.charAt(c.charCodeAt(0) - 0x80));
}

const decoders = new Map<string, TextDecoder | null>();

// One decoder per label, created on first use; null when this platform's ICU lacks the charset.
function nativeDecoder(label: string): TextDecoder | null {
  let decoder = decoders.get(label);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      decoder = null;
    }
    decoders.set(label, decoder);
  }
  return decoder;
}

/**
 * Decodes text for one parse. A charset that needs the legacy decoders while they are not loaded
 * yet is read as UTF-8 and `missing` is set: the caller loads them and parses again.
 */
export class TextDecoding {
  missing = false;

  /** libmime's `decode`: unknown and refused charsets are read as UTF-8, invalid bytes as U+FFFD. */
  decode(bytes: Uint8Array, charset: string | undefined): string {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = normalizeCharset(charset);
    if (utf8Compatible.test(name)) return buffer.toString('utf8');
    if (refused.test(name.toLowerCase().replace(/:\d{4}$|[^0-9a-z]/g, ''))) return buffer.toString('utf8');
    if (name === 'windows-1252') return decodeWindows1252(buffer);
    const label = nativeLabels.get(name);
    const decoder = label ? nativeDecoder(label) : null;
    if (decoder) {
      // iconv-lite drops an odd last byte of UTF-16 where ICU gives U+FFFD for it.
      const whole = label?.startsWith('utf-16') ? buffer.subarray(0, buffer.length & ~1) : buffer;
      const text = decoder.decode(whole);
      return withUndefinedBytes.has(name) ? text.replace(undefinedAsC1, '\ufffd') : text;
    }
    if (legacy) return legacy.decodeCharset(buffer, name);
    this.missing = true;
    return buffer.toString('utf8');
  }
}
