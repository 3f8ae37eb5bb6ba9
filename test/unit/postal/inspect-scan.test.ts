import { crc32 } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { defaultScanLimits, inspectScan, normaliseScanText } from '../../../shared/postal/inspect-scan.ts';
import {
  corruptPdf,
  encryptedPdf,
  imageOnlyPdf,
  jpegImage,
  ownerPasswordPdf,
  pngImage,
  textPdf,
  tiffImage,
  windowsExecutable,
} from '../../support/scan-fixtures.ts';

const latin1 = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

/** The offsets of a little-endian TIFF's IFDs, in chain order (the fixture's chain has no loop). */
function ifdOffsets(tiff: Uint8Array): number[] {
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const offsets: number[] = [];
  for (let offset = view.getUint32(4, true); offset !== 0; ) {
    offsets.push(offset);
    offset = view.getUint32(offset + 2 + view.getUint16(offset, true) * 12, true);
  }
  return offsets;
}

/** Where the pointer to the IFD after the one at `offset` is. */
function nextPointer(tiff: Uint8Array, offset: number): number {
  return offset + 2 + new DataView(tiff.buffer).getUint16(offset, true) * 12;
}

/** The little-endian TIFF fixture rewritten big-endian (its fields are all SHORT or LONG). */
function bigEndian(tiff: Uint8Array): Uint8Array {
  const from = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const copy = Uint8Array.from(tiff);
  const to = new DataView(copy.buffer);
  copy.set([0x4d, 0x4d, 0x00, 0x2a]);
  to.setUint32(4, from.getUint32(4, true));
  for (const offset of ifdOffsets(tiff)) {
    const count = from.getUint16(offset, true);
    to.setUint16(offset, count);
    for (let entry = offset + 2; entry < offset + 2 + count * 12; entry += 12) {
      const type = from.getUint16(entry + 2, true);
      to.setUint16(entry, from.getUint16(entry, true));
      to.setUint16(entry + 2, type);
      to.setUint32(entry + 4, from.getUint32(entry + 4, true));
      if (type === 3) to.setUint32(entry + 8, from.getUint16(entry + 8, true) * 0x10000);
      else to.setUint32(entry + 8, from.getUint32(entry + 8, true));
    }
    to.setUint32(offset + 2 + count * 12, from.getUint32(offset + 2 + count * 12, true));
  }
  return copy;
}

describe('inspectScan of a PDF', () => {
  it('accepts a three-page text PDF and returns its Latvian text exactly, page by page', async () => {
    // Prepare
    const pages = [
      'Rīgas rajona tiesai. Iesniegums par lietas Nr. C-1234/2026 izskatīšanu.',
      'Burti āčēģīķļņšūž un ĀČĒĢĪĶĻŅŠŪŽ ir jāsaglabā precīzi.',
      'Ar cieņu, Anna Kalniņa, Ķekavas pagasts.',
    ];
    const scan = await textPdf(pages);

    // Act
    const inspection = await inspectScan(scan);

    // Assess
    expect(inspection).toMatchObject({ ok: true, kind: 'pdf', pages: 3, needsTranscription: false });
    if (!inspection.ok) return;
    expect(inspection.text).toContain('āčēģīķļņšūž');
    expect(inspection.text).toContain('ĀČĒĢĪĶĻŅŠŪŽ');
    const positions = pages.map((page) => inspection.text.indexOf(page));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(inspection.text).toBe(inspection.text.normalize('NFC'));
  });

  it('keeps paragraphs as blank lines and joins the lines of a wrapped paragraph', async () => {
    const paragraph = 'Lūdzu izsniegt sprieduma kopiju. '.repeat(6).trim();
    const inspection = await inspectScan(await textPdf([`${paragraph}\nOtrā rindkopa.`]));

    expect(inspection.ok).toBe(true);
    if (!inspection.ok) return;
    expect(inspection.text.replace(/\n/g, ' ')).toContain(paragraph);
    expect(inspection.text).not.toMatch(/ {2}|\n{3}|^\s|\s$/);
  });

  it('accepts an image-only PDF and says it needs transcription', async () => {
    const inspection = await inspectScan(await imageOnlyPdf(2));

    expect(inspection).toEqual({ ok: true, kind: 'pdf', pages: 2, text: '', needsTranscription: true });
  });

  it('says a PDF with a few letters only (a stamp, a page number) needs transcription', async () => {
    const inspection = await inspectScan(await textPdf(['1/2', 'Saņemts']));

    expect(inspection).toMatchObject({ ok: true, pages: 2, needsTranscription: true });
  });

  it('refuses a PDF that needs a password', async () => {
    expect(await inspectScan(encryptedPdf())).toEqual({ ok: false, reason: 'pdf-encrypted' });
  });

  it('refuses a PDF encrypted with an owner password only, which opens without one', async () => {
    expect(await inspectScan(ownerPasswordPdf())).toEqual({ ok: false, reason: 'pdf-encrypted' });
  });

  it('refuses a PDF with a security handler pdf.js does not know', async () => {
    // Same length as "Standard", so the cross-reference offsets stay right.
    const scan = latin1(Buffer.from(encryptedPdf()).toString('latin1').replace('/Standard', '/PubSecPK'));

    expect(await inspectScan(scan)).toEqual({ ok: false, reason: 'pdf-encrypted' });
  });

  it('refuses a truncated PDF', async () => {
    expect(await inspectScan(corruptPdf())).toEqual({ ok: false, reason: 'pdf-corrupt' });
  });

  it('refuses a PDF that is garbage between its header and %%EOF', async () => {
    const garbage = Array.from({ length: 500 }, (_, index) => String.fromCharCode((index * 37) % 256)).join(
      '',
    );
    const scan = latin1(`%PDF-1.7\n${garbage}\n%%EOF\n`);

    expect(await inspectScan(scan)).toEqual({ ok: false, reason: 'pdf-corrupt' });
  });

  it('refuses a PDF cut off in the middle', async () => {
    const whole = await textPdf(['Pirmā lapa', 'Otrā lapa']);

    expect(await inspectScan(whole.subarray(0, Math.floor(whole.length / 2)))).toEqual({
      ok: false,
      reason: 'pdf-corrupt',
    });
  });

  it('refuses a PDF whose end is missing, though pdf.js could rebuild it from its trailer', async () => {
    // Classic trailer: pdf.js rebuilds the cross-references from it when startxref is gone.
    const document = await PDFDocument.load(await textPdf(['Pirmā lapa', 'Otrā lapa']));
    const whole = await document.save({ useObjectStreams: false });
    const tail = Buffer.from(whole).lastIndexOf('startxref');
    expect(await inspectScan(whole)).toMatchObject({ ok: true, pages: 2 });

    expect(await inspectScan(whole.subarray(0, tail))).toEqual({ ok: false, reason: 'pdf-corrupt' });
  });

  it('refuses a PDF with more pages than the limit', async () => {
    const scan = await textPdf(['viens', 'divi', 'trīs']);

    expect(await inspectScan(scan, { ...defaultScanLimits, maxPages: 2 })).toEqual({
      ok: false,
      reason: 'too-many-pages',
    });
    expect(await inspectScan(scan, { maxPages: 3 })).toMatchObject({ ok: true, pages: 3 });
  });

  it('cuts text longer than maxTextCharacters', async () => {
    const long = 'Tiesas sēde tiek atlikta uz nenoteiktu laiku. '.repeat(20);
    const scan = await textPdf([long, long, long]);

    const whole = await inspectScan(scan);
    const cut = await inspectScan(scan, { maxTextCharacters: 100 });

    expect(whole.ok && cut.ok).toBe(true);
    if (!whole.ok || !cut.ok) return;
    expect(whole.text.length).toBeGreaterThan(2000);
    expect(cut.text.length).toBeLessThanOrEqual(100);
    expect(cut.text.length).toBeGreaterThan(90);
    expect(whole.text.startsWith(cut.text)).toBe(true);
    expect(cut.pages).toBe(3);
  });

  it('leaves the caller’s bytes intact (pdf.js may detach the buffer it is given)', async () => {
    const scan = await textPdf(['Iesniegums']);
    const before = Uint8Array.from(scan);

    await inspectScan(scan);

    expect(scan).toEqual(before);
  });
});

describe('inspectScan of what is not a scan', () => {
  it('refuses a Windows executable named like a PDF, by its content', async () => {
    const upload = { name: 'invoice.pdf', bytes: windowsExecutable() };

    expect(await inspectScan(upload.bytes)).toEqual({
      ok: false,
      reason: 'executable',
      detected: 'Windows executable',
    });
  });

  it('refuses a shell script', async () => {
    expect(await inspectScan(latin1('#!/bin/sh\necho hi\n'))).toEqual({
      ok: false,
      reason: 'executable',
      detected: 'script',
    });
  });

  it('refuses a ZIP archive (a .docx too) as an unsupported type', async () => {
    const zip = latin1(`PK\x03\x04\x14\x00${'\0'.repeat(24)}word/document.xml`);

    expect(await inspectScan(zip)).toEqual({
      ok: false,
      reason: 'unsupported-type',
      detected: 'ZIP archive',
    });
  });

  it('refuses an unknown file without guessing a name for it', async () => {
    expect(await inspectScan(latin1('Labdien!'))).toEqual({ ok: false, reason: 'unsupported-type' });
  });

  it('refuses an empty file', async () => {
    expect(await inspectScan(new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
  });

  it('refuses a file over maxBytes before looking at it', async () => {
    const png = pngImage();

    expect(await inspectScan(png, { maxBytes: png.length - 1 })).toEqual({ ok: false, reason: 'too-large' });
    expect(await inspectScan(png, { maxBytes: png.length })).toMatchObject({ ok: true });
  });
});

describe('inspectScan of an image', () => {
  it('accepts a PNG as one page to transcribe', async () => {
    expect(await inspectScan(pngImage(40, 30))).toEqual({
      ok: true,
      kind: 'png',
      pages: 1,
      text: '',
      needsTranscription: true,
    });
  });

  it('refuses a PNG whose IHDR CRC is wrong', async () => {
    const png = pngImage();
    png[29] = (png[29] ?? 0) ^ 0xff; // the first byte of the IHDR CRC (8 signature + 8 + 13)

    expect(await inspectScan(png)).toEqual({ ok: false, reason: 'image-corrupt' });
  });

  it('refuses a PNG with a zero width, even with a matching CRC', async () => {
    const png = pngImage();
    const view = new DataView(png.buffer);
    view.setUint32(16, 0);
    view.setUint32(29, crc32(png.subarray(12, 29)));

    expect(await inspectScan(png)).toEqual({ ok: false, reason: 'image-corrupt' });
  });

  it('refuses a PNG cut off before IEND', async () => {
    const png = pngImage(20, 20);

    expect(await inspectScan(png.subarray(0, png.length - 12))).toEqual({
      ok: false,
      reason: 'image-corrupt',
    });
  });

  it('accepts a JPEG as one page to transcribe', async () => {
    expect(await inspectScan(jpegImage())).toEqual({
      ok: true,
      kind: 'jpeg',
      pages: 1,
      text: '',
      needsTranscription: true,
    });
  });

  it('accepts a JPEG padded after its end, as scanners write them', async () => {
    const padded = Uint8Array.from([...jpegImage(), ...new Array(100).fill(0)]);

    expect(await inspectScan(padded)).toMatchObject({ ok: true, kind: 'jpeg' });
  });

  it('refuses a JPEG whose header segments are broken', async () => {
    const jpeg = jpegImage();
    jpeg[5] = 0xff; // the low byte of the APP0 length: the segment now runs past the file

    expect(await inspectScan(jpeg)).toEqual({ ok: false, reason: 'image-corrupt' });
  });

  it('refuses a JPEG whose frame has no width', async () => {
    const jpeg = jpegImage();
    const frame = jpeg.findIndex((byte, index) => byte === 0xff && jpeg[index + 1] === 0xc0);
    jpeg[frame + 7] = 0;
    jpeg[frame + 8] = 0;

    expect(await inspectScan(jpeg)).toEqual({ ok: false, reason: 'image-corrupt' });
  });

  it('refuses a JPEG without a frame header (no dimensions)', async () => {
    const jpeg = jpegImage();
    const frame = jpeg.findIndex((byte, index) => byte === 0xff && jpeg[index + 1] === 0xc0);
    const withoutFrame = Uint8Array.from([...jpeg.subarray(0, frame), ...jpeg.subarray(frame + 2 + 11)]);

    expect(await inspectScan(withoutFrame)).toEqual({ ok: false, reason: 'image-corrupt' });
  });

  it('refuses a JPEG cut off before its first scan', async () => {
    expect(await inspectScan(jpegImage().subarray(0, 40))).toEqual({ ok: false, reason: 'image-corrupt' });
  });

  it('accepts a three-page TIFF as three pages', async () => {
    expect(await inspectScan(tiffImage(3))).toEqual({
      ok: true,
      kind: 'tiff',
      pages: 3,
      text: '',
      needsTranscription: true,
    });
  });

  it('reads a big-endian TIFF too', async () => {
    expect(await inspectScan(bigEndian(tiffImage(2)))).toMatchObject({ ok: true, kind: 'tiff', pages: 2 });
  });

  it('refuses a TIFF whose IFD chain loops', async () => {
    const tiff = tiffImage(2);
    const [first = 0, second = 0] = ifdOffsets(tiff);
    new DataView(tiff.buffer).setUint32(nextPointer(tiff, second), first, true);

    expect(await inspectScan(tiff)).toEqual({ ok: false, reason: 'image-corrupt' });
  });

  it('refuses a TIFF whose IFD points at itself', async () => {
    const tiff = tiffImage(1);
    const [first = 0] = ifdOffsets(tiff);
    new DataView(tiff.buffer).setUint32(nextPointer(tiff, first), first, true);

    expect(await inspectScan(tiff)).toEqual({ ok: false, reason: 'image-corrupt' });
  });

  it('refuses a TIFF whose next IFD lies beyond the file', async () => {
    const tiff = tiffImage(2);
    const [first = 0] = ifdOffsets(tiff);
    new DataView(tiff.buffer).setUint32(nextPointer(tiff, first), tiff.length + 100, true);

    expect(await inspectScan(tiff)).toEqual({ ok: false, reason: 'image-corrupt' });
  });

  it('refuses a TIFF cut off inside its image data', async () => {
    const tiff = tiffImage(1);

    expect(await inspectScan(tiff.subarray(0, tiff.length - 2))).toEqual({
      ok: false,
      reason: 'image-corrupt',
    });
  });

  it('refuses a TIFF with more pages than the limit', async () => {
    expect(await inspectScan(tiffImage(3), { maxPages: 2 })).toEqual({ ok: false, reason: 'too-many-pages' });
  });
});

describe('normaliseScanText', () => {
  it('collapses spaces, keeps one blank line between paragraphs and trims', () => {
    expect(normaliseScanText('  Labdien,\t\tcienījamā  tiesa! \n\n\n\n Otrā   rindkopa.  \n')).toBe(
      'Labdien, cienījamā tiesa!\n\nOtrā rindkopa.',
    );
  });

  it('composes decomposed letters and drops control characters other than line feeds', () => {
    expect(normaliseScanText('tiesa\u0304\u0000\u0007 sēde\r\nnākamā\u001b rinda')).toBe(
      'tiesā sēde\nnākamā rinda',
    );
  });
});
