/**
 * Checks an uploaded postal scan by its content: the ingest-postal function calls `inspectScan`
 * with the uploaded bytes and either files the scan (kind, page count, text layer) or shows the
 * mailroom the refusal. Server side: PDFs are opened with pdf.js (unpdf).
 */

import { crc32 } from 'node:zlib';
import type { getDocumentProxy } from 'unpdf';
import { maxScanPages, type ScanRefusalReason } from '../domain/postal-registration.ts';
import { type ScanKind, sniffScan } from '../domain/scan-type.ts';
import type { ScanVerdict } from '../domain/scan-verdict.ts';

/** Why a scan is refused by its content (the registration's reasons but `unregistered`). */
export type ScanRefusal = Exclude<ScanRefusalReason, 'unregistered'>;

/** What inspecting found: the verdict ingest-postal acts on (before any OCR). */
export type ScanInspection = ScanVerdict;

export interface ScanLimits {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Most pages (PDF pages, TIFF images) accepted; larger files are refused, not cut. */
  maxPages: number;
  /** The extracted text is cut to this many UTF-16 code units. */
  maxTextCharacters: number;
}

export const defaultScanLimits: ScanLimits = {
  maxBytes: 25 * 1024 * 1024,
  maxPages: maxScanPages,
  maxTextCharacters: 100_000,
};

/** Fewer letters than this in the text layer means a scan without OCR: a person must transcribe it. */
const minimumLettersOfText = 20;

/**
 * Accepts or refuses a postal scan by its bytes alone (a file name proves nothing).
 *
 * - Empty, larger than `maxBytes`, an executable or script (`executable`, with `detected`), an
 *   archive or anything else that is not PDF, JPEG, PNG or TIFF (`unsupported-type`): refused.
 * - PDF: refused as `pdf-encrypted` when it is encrypted in any way, even with an owner password
 *   only (which opens without a password but still carries the encryption): the archived copy must
 *   be readable by anyone later without a password. Refused as `pdf-corrupt` when pdf.js cannot
 *   open it or a page, or when `%%EOF` is missing from its last KiB (a cut-off upload). More pages
 *   than `maxPages`: `too-many-pages`, decided before any page is loaded. Otherwise the text layer
 *   of every page, normalised (see `normaliseScanText`), pages separated by a blank line, cut to
 *   `maxTextCharacters`; `needsTranscription` when it has fewer than 20 letters.
 * - JPEG, PNG, TIFF: the structure is checked (not decoded), `image-corrupt` when broken; one
 *   page, or one per TIFF image; no text (OCR is not done here), so `needsTranscription` is true.
 *
 * Throws only when pdf.js itself cannot be loaded (a broken deployment, not a bad scan).
 *
 * @example
 * const inspection = await inspectScan(bytes);
 * if (!inspection.ok) return refuse(inspection.reason);
 */
export async function inspectScan(
  bytes: Uint8Array,
  limits: Partial<ScanLimits> = {},
): Promise<ScanInspection> {
  const { maxBytes, maxPages, maxTextCharacters } = { ...defaultScanLimits, ...limits };
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > maxBytes) return { ok: false, reason: 'too-large' };
  const sniffed = sniffScan(bytes);
  if ('other' in sniffed) {
    const reason = sniffed.other === 'executable' ? 'executable' : 'unsupported-type';
    return sniffed.detected ? { ok: false, reason, detected: sniffed.detected } : { ok: false, reason };
  }
  switch (sniffed.kind) {
    case 'pdf':
      return inspectPdf(bytes, maxPages, maxTextCharacters);
    case 'jpeg':
      return image('jpeg', jpegIsWellFormed(bytes) ? 1 : 'corrupt');
    case 'png':
      return image('png', pngIsWellFormed(bytes) ? 1 : 'corrupt');
    case 'tiff':
      return image('tiff', tiffPages(bytes, maxPages));
  }
}

function image(kind: ScanKind, pages: number | 'corrupt' | 'too-many'): ScanInspection {
  if (pages === 'corrupt') return { ok: false, reason: 'image-corrupt' };
  if (pages === 'too-many') return { ok: false, reason: 'too-many-pages' };
  return { ok: true, kind, pages, text: '', needsTranscription: true };
}

// ---------------------------------------------------------------------------------------------
// PDF

const latin1 = new TextDecoder('latin1');

/** Whether `token` occurs in `bytes` from `start` on (PDF syntax is ASCII). */
function containsAscii(bytes: Uint8Array, token: string, start = 0): boolean {
  // Decoding a 25 MiB window as latin1 is cheap next to what pdf.js does with the same bytes.
  return latin1.decode(bytes.subarray(Math.max(0, start))).includes(token);
}

/**
 * unpdf, whose pdf.js (1.5 MB) is loaded by the first PDF: images are checked without it, so the
 * function's cold start skips it.
 */
const loadPdfJs = () => import('unpdf');

async function inspectPdf(
  bytes: Uint8Array,
  maxPages: number,
  maxTextCharacters: number,
): Promise<ScanInspection> {
  // Outside the try: a pdf.js that cannot load is our fault, and must not refuse every PDF.
  const { getDocumentProxy, getResolvedPDFJS } = await loadPdfJs();
  await getResolvedPDFJS();
  if (!containsAscii(bytes, '%%EOF', bytes.length - 1024)) return refusal('pdf-corrupt');
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>> | undefined;
  try {
    // A copy: pdf.js may take over (detach) the buffer it is given, and the caller still stores it.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false });
    const { info } = await pdf.getMetadata();
    // pdf.js opens an owner-password-only PDF with the empty user password; it still reports the
    // trailer's /Encrypt through EncryptFilterName.
    if ((info as { EncryptFilterName?: unknown }).EncryptFilterName) return refusal('pdf-encrypted');
    if (pdf.numPages > maxPages) return refusal('too-many-pages');
    const pages: string[] = [];
    let length = 0;
    // One page at a time, and no further once the text is long enough to be cut.
    for (let number = 1; number <= pdf.numPages && length <= maxTextCharacters; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const text = normaliseScanText(
        content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''),
      );
      page.cleanup();
      if (text) {
        pages.push(text);
        length += text.length + 2;
      }
    }
    const text = cut(pages.join('\n\n'), maxTextCharacters);
    const letters = text.match(/\p{L}/gu)?.length ?? 0;
    return {
      ok: true,
      kind: 'pdf',
      pages: pdf.numPages,
      text,
      needsTranscription: letters < minimumLettersOfText,
    };
  } catch (error) {
    if (error instanceof Error && error.name === 'PasswordException') return refusal('pdf-encrypted');
    // pdf.js rejects some security handlers (public key, unknown filters) as malformed; they are
    // still encrypted, which is the more useful thing to tell the mailroom.
    if (containsAscii(bytes, '/Encrypt')) return refusal('pdf-encrypted');
    return refusal('pdf-corrupt');
  } finally {
    await pdf?.destroy();
  }
}

function refusal(reason: ScanRefusal): ScanInspection {
  return { ok: false, reason };
}

/**
 * The text of a page as stored: NFC, control characters other than line feeds removed, every run
 * of spaces and tabs one space, lines trimmed, at most one blank line in a row (a paragraph break),
 * and no white space at either end.
 */
export function normaliseScanText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?|\u2028/g, '\n')
    .replace(/\u2029/g, '\n\n')
    .replace(/[^\S\n]/g, ' ')
    .replace(/(?!\n)\p{Cc}/gu, '')
    .replace(/ {2,}/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** `text` cut to `max` UTF-16 code units, never through a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end).trimEnd();
}

// ---------------------------------------------------------------------------------------------
// Images: the structure is checked, the pixels are not decoded.

/** Start of frame markers (C0–CF without DHT C4, JPG C8 and DAC CC): they carry the dimensions. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/**
 * Whether the header segments of a JPEG, up to its first scan, are intact and include a frame
 * header with a non-zero width and height. What follows the scan is not read: scanners pad the
 * end, and the entropy-coded data can only be checked by decoding.
 */
function jpegIsWellFormed(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let frameSeen = false;
  let position = 2;
  while (position < bytes.length) {
    if (bytes[position] !== 0xff) return false;
    while (bytes[position] === 0xff) position++; // fill bytes
    const marker = bytes[position++];
    if (marker === undefined || marker === 0x00 || marker === 0xd8 || marker === 0xd9) return false;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // markers without a length
    if (position + 2 > bytes.length) return false;
    const length = view.getUint16(position);
    if (length < 2 || position + length > bytes.length) return false;
    if (marker === 0xda) return frameSeen;
    if (isStartOfFrame(marker)) {
      const components = bytes[position + 7] ?? 0;
      const height = length >= 8 ? view.getUint16(position + 3) : 0;
      const width = length >= 8 ? view.getUint16(position + 5) : 0;
      // A height of 0 (given later by a DNL marker) is legal but no scanner writes it.
      if (width === 0 || height === 0 || components < 1 || components > 4) return false;
      if (length !== 8 + 3 * components) return false;
      frameSeen = true;
    }
    position += length;
  }
  return false; // no scan: cut off in the header
}

const pngColourTypeBitDepths: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/**
 * Whether a PNG's chunks are intact: IHDR first (13 bytes, non-zero dimensions, a valid colour
 * type and bit depth), every chunk inside the file with a correct CRC, image data, and IEND. Bytes
 * after IEND are ignored.
 */
function pngIsWellFormed(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const largest = 2 ** 31 - 1;
  let position = 8;
  let imageData = false;
  while (position + 12 <= bytes.length) {
    const length = view.getUint32(position);
    if (length > largest || position + 12 + length > bytes.length) return false;
    const typeAndData = bytes.subarray(position + 4, position + 8 + length);
    if (crc32(typeAndData) !== view.getUint32(position + 8 + length)) return false;
    const type = latin1.decode(typeAndData.subarray(0, 4));
    if (position === 8) {
      if (type !== 'IHDR' || length !== 13) return false;
      const width = view.getUint32(position + 8);
      const height = view.getUint32(position + 12);
      const [bitDepth = 0, colourType = 0, compression, filter, interlace = 2] = bytes.subarray(
        position + 16,
        position + 21,
      );
      if (width === 0 || height === 0 || width > largest || height > largest) return false;
      if (!pngColourTypeBitDepths[colourType]?.includes(bitDepth)) return false;
      if (compression !== 0 || filter !== 0 || interlace > 1) return false;
    } else if (type === 'IHDR') {
      return false;
    }
    if (type === 'IDAT') imageData = true;
    if (type === 'IEND') return imageData;
    position += 12 + length;
  }
  return false; // cut off before IEND
}

const tiffTypeSizes: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  13: 4,
};

const tiffTag = {
  newSubfileType: 254,
  imageWidth: 256,
  imageLength: 257,
  stripOffsets: 273,
  stripByteCounts: 279,
  tileOffsets: 324,
  tileByteCounts: 325,
} as const;

const tiffTagsRead = new Set<number>(Object.values(tiffTag));

/**
 * The pages of a TIFF: the images in its IFD chain, less reduced-resolution copies (thumbnails).
 * `corrupt` when an IFD or a value lies outside the file, the chain loops, or an image lacks its
 * dimensions or its data is outside the file; `too-many` as soon as a page beyond `maxPages` is
 * found (so a huge chain is not walked to its end). BigTIFF is not sniffed as TIFF at all.
 */
function tiffPages(bytes: Uint8Array, maxPages: number): number | 'corrupt' | 'too-many' {
  // The header is 8 bytes: byte order, 42, the first IFD's offset.
  if (bytes.length < 8) return 'corrupt';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const visited = new Set<number>();
  let pages = 0;
  let offset = view.getUint32(4, little);
  while (offset !== 0) {
    if (visited.has(offset) || offset < 8 || offset + 2 > bytes.length) return 'corrupt';
    visited.add(offset);
    const count = view.getUint16(offset, little);
    if (count === 0 || offset + 2 + count * 12 + 4 > bytes.length) return 'corrupt';
    const fields = new Map<number, number[]>();
    for (let index = 0; index < count; index++) {
      const entry = offset + 2 + index * 12;
      const tag = view.getUint16(entry, little);
      const type = view.getUint16(entry + 2, little);
      const values = view.getUint32(entry + 4, little);
      const size = tiffTypeSizes[type];
      if (size === undefined) continue; // readers skip unknown field types
      const inline = size * values <= 4;
      const at = inline ? entry + 8 : view.getUint32(entry + 8, little);
      if (at + size * values > bytes.length) return 'corrupt';
      if (tiffTagsRead.has(tag)) {
        if (type !== 3 && type !== 4) return 'corrupt';
        fields.set(
          tag,
          Array.from({ length: values }, (_, value) =>
            type === 3 ? view.getUint16(at + value * 2, little) : view.getUint32(at + value * 4, little),
          ),
        );
      }
    }
    if (!tiffImageIsWellFormed(fields, bytes.length)) return 'corrupt';
    const reducedResolution = ((fields.get(tiffTag.newSubfileType)?.[0] ?? 0) & 1) === 1;
    if (!reducedResolution && ++pages > maxPages) return 'too-many';
    offset = view.getUint32(offset + 2 + count * 12, little);
  }
  return pages === 0 ? 'corrupt' : pages;
}

/** Whether an image has non-zero dimensions and all its strips or tiles inside a file of `length`. */
function tiffImageIsWellFormed(fields: Map<number, number[]>, length: number): boolean {
  const width = fields.get(tiffTag.imageWidth)?.[0] ?? 0;
  const height = fields.get(tiffTag.imageLength)?.[0] ?? 0;
  if (width === 0 || height === 0) return false;
  const offsets = fields.get(tiffTag.stripOffsets) ?? fields.get(tiffTag.tileOffsets);
  const counts = fields.get(tiffTag.stripByteCounts) ?? fields.get(tiffTag.tileByteCounts);
  if (!offsets || offsets.length === 0) return false;
  return offsets.every((start, index) => start + (counts?.[index] ?? 0) <= length);
}
