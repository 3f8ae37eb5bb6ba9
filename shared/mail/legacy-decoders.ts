/**
 * The rarely needed, heavy part of mail decoding, imported on demand (its own bundle chunk):
 * libmime's charset decoder (iconv-lite's tables, encoding-japanese) for the charsets the
 * platform does not decode as libmime does, and libmime's table of MIME types by file extension.
 */
import { decode } from 'libmime/lib/charset';
import { extensions } from 'libmime/lib/mimetypes';

/** Set when this module is evaluated, so a test can tell whether a parse needed it. */
export const legacyDecodersLoaded = true;

export function decodeCharset(bytes: Buffer, charset: string): string {
  return decode(bytes, charset);
}

const byExtension = extensions as Readonly<Record<string, string | readonly string[]>>;

/** libmime's `detectMimeType`: the content type of a file name's extension, or `application/octet-stream`. */
export function detectMimeType(filename: string): string {
  const extension = filename.toLowerCase().replace(/\s/g, '').replace(/^\./g, '').split('.').pop() || '';
  if (!Object.hasOwn(byExtension, extension)) return 'application/octet-stream';
  const types = byExtension[extension] as string | readonly string[];
  if (typeof types === 'string') return types;
  return types.find((type) => type.split('/')[1] === extension) ?? types[0] ?? 'application/octet-stream';
}
