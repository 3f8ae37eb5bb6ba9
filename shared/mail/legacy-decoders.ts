/**
 * The rarely needed, heavy part of mail decoding, imported on demand (its own bundle chunk):
 * libmime's charset decoder (iconv-lite's tables, encoding-japanese) for the charsets the
 * platform does not decode as libmime does.
 */
import { decode } from 'libmime/lib/charset';

/** Set when this module is evaluated, so a test can tell whether a parse needed it. */
export const legacyDecodersLoaded = true;

export function decodeCharset(bytes: Buffer, charset: string): string {
  return decode(bytes, charset);
}
