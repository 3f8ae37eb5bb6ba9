/**
 * Latvian OCR with Debian's Tesseract and its Latvian model, on scans made from
 * Latvian text (rendered, then rasterised like a scanner's output). Measures how much of the text
 * comes back: the character error rate against the original, printed for the closing note. Where
 * Tesseract is not installed the tests are skipped — except in CI, which installs it (.ci/run).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Ocr, tesseractOcr } from '../../shared/adapters/tesseract/ocr.ts';
import { scannedTextPdf, scannedTextPng, tiffImage } from '../support/scan-fixtures.ts';

const letter =
  'Labdien! Lūdzu atmaksāt pārmaksāto valsts nodevu lietā Nr. C-1234. Ģimenes tiesību jautājums: ' +
  'ķēķis, ļoti, ņemt, šķūnis, žūžot. Ar cieņu, Jānis Bērziņš, Rīgā';

let ocr: Ocr | undefined;
beforeAll(async () => {
  ocr = await tesseractOcr();
  if (!ocr && process.env.CI === 'true')
    throw new Error(
      'CI: Tesseract with the Latvian model (tesseract-ocr-lav) and pdftoppm must be installed',
    );
});

/** Levenshtein distance over characters, whitespace collapsed: the OCR's character errors. */
function characterErrorRate(expected: string, actual: string): number {
  const a = [...expected.replace(/\s+/g, ' ').trim()];
  const b = [...actual.replace(/\s+/g, ' ').trim()];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1)
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return (previous[b.length] ?? 0) / a.length;
}

describe('Latvian OCR', () => {
  it('reads a scanned PNG of Latvian text, diacritics included', async (context) => {
    if (!ocr) return context.skip();
    const text = await ocr.read(await scannedTextPng(letter), 'png');
    const rate = characterErrorRate(letter, text);
    console.log(`OCR character error rate, PNG 200 dpi: ${(rate * 100).toFixed(2)} %`);
    expect(rate).toBeLessThan(0.03);
    for (const word of ['pārmaksāto', 'Ģimenes', 'ķēķis', 'šķūnis', 'Bērziņš', 'Rīgā'])
      expect(text).toContain(word);
  });

  it('reads an image-only PDF page by page', async (context) => {
    if (!ocr) return context.skip();
    const text = await ocr.read(await scannedTextPdf(letter), 'pdf');
    const rate = characterErrorRate(letter, text);
    console.log(
      `OCR character error rate, image-only PDF (rasterised again at 300 dpi): ${(rate * 100).toFixed(2)} %`,
    );
    expect(rate).toBeLessThan(0.03);
  });

  it('still reads a coarse 100 dpi scan mostly right', async (context) => {
    if (!ocr) return context.skip();
    const text = await ocr.read(await scannedTextPng(letter, 100), 'png');
    const rate = characterErrorRate(letter, text);
    console.log(`OCR character error rate, PNG 100 dpi: ${(rate * 100).toFixed(2)} %`);
    expect(rate).toBeLessThan(0.15);
  });

  it('reads nothing from a blank page', async (context) => {
    if (!ocr) return context.skip();
    expect(await ocr.read(tiffImage(2), 'tiff')).toBe('');
  });

  it('is unavailable, not broken, when the programs are missing', async () => {
    expect(await tesseractOcr({ tesseract: '/nonexistent/tesseract' })).toBeUndefined();
    expect(await tesseractOcr({ languages: 'lav+xyz' })).toBeUndefined();
  });
});
