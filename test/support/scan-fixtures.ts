/**
 * Postal scans made on the fly: real-shaped PDF, PNG, JPEG and TIFF files and a few
 * files that must be refused. Used by the unit tests of `inspectScan` and by end-to-end tests.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';

const a4 = { width: 595.28, height: 841.89 };
const margin = 56;
const fontSize = 12;
const lineHeight = 16;

let dejaVuSans: Uint8Array | undefined;

/** DejaVu Sans, read once: pdf-lib's standard fonts cannot encode Latvian letters. */
function dejaVuSansBytes(): Uint8Array {
  dejaVuSans ??= readFileSync(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  return dejaVuSans;
}

/** `paragraph` broken into lines no wider than `width`; a word wider than a line is split. */
function wrap(paragraph: string, font: PDFFont, width: number): string[] {
  const fits = (text: string) => font.widthOfTextAtSize(text, fontSize) <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A PDF with a text layer, one A4 page per string, in DejaVu Sans (so Latvian letters render and
 * extract). Long strings are wrapped; a `\n` starts a new paragraph. A string longer than a page
 * runs off its bottom rather than onto a new page, so the page count stays `pages.length`.
 */
export async function textPdf(pages: readonly string[]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.registerFontkit(fontkit);
  const font = await document.embedFont(dejaVuSansBytes(), { subset: true });
  for (const text of pages) {
    const page = document.addPage([a4.width, a4.height]);
    let y = a4.height - margin;
    for (const paragraph of text.split('\n')) {
      for (const line of wrap(paragraph, font, a4.width - 2 * margin)) {
        page.drawText(line, { x: margin, y, size: fontSize, font });
        y -= lineHeight;
      }
      y -= lineHeight;
    }
  }
  return document.save();
}

/** A PDF of `pages` A4 pages that each hold only a drawn image, as a scanner without OCR writes. */
export async function imageOnlyPdf(pages = 1): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const image = await document.embedPng(pngImage(64, 90));
  for (let index = 0; index < pages; index++) {
    const page = document.addPage([a4.width, a4.height]);
    page.drawImage(image, { x: 0, y: 0, width: a4.width, height: a4.height });
  }
  return document.save();
}

/** A classic PDF (header, objects, xref table, trailer) assembled from object bodies numbered 1… */
function assemblePdf(objects: readonly string[], trailer: string): Uint8Array {
  let text = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(text.length);
    text += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  // latin1, so that offsets counted in characters are offsets in bytes.
  return Uint8Array.from(Buffer.from(text, 'latin1'));
}

const onePage = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
];

/**
 * A one-page PDF whose trailer names a Standard security handler (V1, R2) with made-up /O and /U
 * entries, so no password (not even the empty user password) opens it.
 */
export function encryptedPdf(): Uint8Array {
  const bogus = '5A'.repeat(32);
  return assemblePdf(
    [...onePage, `<< /Filter /Standard /V 1 /R 2 /O <${bogus}> /U <${bogus}> /P -44 >>`],
    `/Root 1 0 R /Encrypt 4 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]`,
  );
}

/** RC4, which PDF security handler revision 2 uses (and OpenSSL 3 no longer offers by default). */
function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const state = Uint8Array.from({ length: 256 }, (_, index) => index);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + state[i]! + key[i % key.length]!) % 256;
    [state[i], state[j]] = [state[j]!, state[i]!];
  }
  const output = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) % 256;
    j = (j + state[i]!) % 256;
    [state[i], state[j]] = [state[j]!, state[i]!];
    output[n] = data[n]! ^ state[(state[i]! + state[j]!) % 256]!;
  }
  return output;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

/**
 * A one-page PDF encrypted with an owner password only (Standard handler, V1, R2, /O and /U
 * computed as the PDF specification's algorithms 3 and 4 say): every reader opens it without a
 * password, yet its trailer has /Encrypt.
 */
export function ownerPasswordPdf(): Uint8Array {
  // The password padding string of the PDF specification (7.6.4.3).
  const padding = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');
  const md5 = (...parts: Uint8Array[]) => createHash('md5').update(Buffer.concat(parts)).digest();
  const ownerPassword = Buffer.concat([Buffer.from('kancelejas-parole'), padding]).subarray(0, 32);
  const owner = rc4(md5(ownerPassword).subarray(0, 5), padding); // the user password is empty
  const permissions = -44;
  const permissionBytes = Buffer.alloc(4);
  permissionBytes.writeInt32LE(permissions);
  const id = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
  const user = rc4(md5(padding, owner, permissionBytes, id).subarray(0, 5), padding);
  return assemblePdf(
    [...onePage, `<< /Filter /Standard /V 1 /R 2 /O <${hex(owner)}> /U <${hex(user)}> /P ${permissions} >>`],
    `/Root 1 0 R /Encrypt 4 0 R /ID [<${hex(id)}> <${hex(id)}>]`,
  );
}

/** A file that starts like a PDF but breaks off inside its first object and ends in garbage. */
export function corruptPdf(): Uint8Array {
  const start = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n', 'latin1');
  const garbage = Uint8Array.from({ length: 64 }, (_, index) => (index * 73 + 11) % 256);
  return Uint8Array.from([...start, ...garbage]);
}

function uint32BigEndian(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function pngChunk(type: string, data: Uint8Array): number[] {
  const typeAndData = Uint8Array.from([...Buffer.from(type, 'latin1'), ...data]);
  return [...uint32BigEndian(data.length), ...typeAndData, ...uint32BigEndian(crc32(typeAndData))];
}

/** A valid 8-bit greyscale PNG of `width` × `height` pixels (a diagonal gradient). */
export function pngImage(width = 1, height = 1): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 0, 0, 0, 0], 8); // bit depth 8, greyscale, deflate, adaptive filter, no interlace
  const rows = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0; // filter type None
    for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = (x + y) * 4 + 64;
  }
  return Uint8Array.from([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...pngChunk('IHDR', header),
    ...pngChunk('IDAT', deflateSync(rows)),
    ...pngChunk('IEND', new Uint8Array()),
  ]);
}

/**
 * A valid baseline JPEG: one 8 × 8 block of mid grey, with one-code Huffman tables (the DC
 * difference 0 and the end of block each coded as a single 0 bit).
 */
export function jpegImage(): Uint8Array {
  const segment = (marker: number, payload: readonly number[]) => [
    0xff,
    marker,
    ((payload.length + 2) >> 8) & 0xff,
    (payload.length + 2) & 0xff,
    ...payload,
  ];
  const oneCodeTable = (tableClass: number) => [tableClass << 4, 1, ...new Array<number>(15).fill(0), 0x00];
  return Uint8Array.from([
    0xff,
    0xd8,
    ...segment(0xe0, [...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
    ...segment(0xc4, oneCodeTable(0)),
    ...segment(0xc4, oneCodeTable(1)),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    0b0011_1111, // DC "0", end of block "0", padded with ones
    0xff,
    0xd9,
  ]);
}

/** A valid little-endian TIFF of `pages` pages (IFDs), each an uncompressed 1 × 1 grey strip. */
export function tiffImage(pages = 1): Uint8Array {
  const entries = 9;
  const ifdSize = 2 + entries * 12 + 4;
  const pageSize = ifdSize + 2; // the pixel, padded to keep the next IFD on a word boundary
  const bytes = new Uint8Array(8 + pages * pageSize);
  const view = new DataView(bytes.buffer);
  bytes.set([0x49, 0x49, 0x2a, 0x00]);
  view.setUint32(4, 8, true);
  for (let page = 0; page < pages; page++) {
    const ifd = 8 + page * pageSize;
    const pixel = ifd + ifdSize;
    const short = 3;
    const long = 4;
    const tags: [tag: number, type: number, value: number][] = [
      [256, short, 1], // ImageWidth
      [257, short, 1], // ImageLength
      [258, short, 8], // BitsPerSample
      [259, short, 1], // Compression: none
      [262, short, 1], // PhotometricInterpretation: black is zero
      [273, long, pixel], // StripOffsets
      [277, short, 1], // SamplesPerPixel
      [278, short, 1], // RowsPerStrip
      [279, long, 1], // StripByteCounts
    ];
    view.setUint16(ifd, entries, true);
    tags.forEach(([tag, type, value], index) => {
      const entry = ifd + 2 + index * 12;
      view.setUint16(entry, tag, true);
      view.setUint16(entry + 2, type, true);
      view.setUint32(entry + 4, 1, true);
      if (type === short) view.setUint16(entry + 8, value, true);
      else view.setUint32(entry + 8, value, true);
    });
    view.setUint32(ifd + 2 + entries * 12, page === pages - 1 ? 0 : ifd + pageSize, true);
    bytes[pixel] = 0x80;
  }
  return bytes;
}

/** The start of a Windows PE executable: a DOS header pointing at a `PE\0\0` header. */
export function windowsExecutable(): Uint8Array {
  const bytes = new Uint8Array(256);
  bytes.set([0x4d, 0x5a, 0x90, 0x00, 0x03]);
  new DataView(bytes.buffer).setUint32(0x3c, 0x80, true);
  bytes.set([0x50, 0x45, 0x00, 0x00, 0x4c, 0x01], 0x80); // "PE\0\0", machine i386
  return bytes;
}

/**
 * A scan of a printed page: `text` laid out by `textPdf`, then rasterised at `dpi` in grey by
 * Poppler's `pdftoppm` (as a scanner would deliver it: pixels, no text layer). Needs poppler-utils.
 */
export async function scannedTextPng(text: string, dpi = 200): Promise<Uint8Array> {
  const folder = await mkdtemp(join(tmpdir(), 'courtdesk-scan-'));
  try {
    await writeFile(join(folder, 'page.pdf'), await textPdf([text]));
    await promisify(execFile)(
      'pdftoppm',
      ['-r', String(dpi), '-gray', '-png', '-singlefile', 'page.pdf', 'page'],
      {
        cwd: folder,
      },
    );
    return new Uint8Array(await readFile(join(folder, 'page.png')));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** An image-only PDF whose page is the scan of `text` (see `scannedTextPng`). */
export async function scannedTextPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(await scannedTextPng(text));
  const page = doc.addPage([595.28, 841.89]);
  page.drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  return doc.save();
}
