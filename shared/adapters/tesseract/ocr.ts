/**
 * Latvian OCR of scans without a text layer: Tesseract with its Latvian model
 * (Debian's `tesseract-ocr-lav`), PDF pages rasterised by Poppler's `pdftoppm` first. Used where
 * both programs are installed (the sandbox, CI); where they are not — the zip-packaged Lambda —
 * `tesseractOcr` answers undefined and such scans keep their needs-transcription flag.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ScanKind } from '../../domain/scan-type.ts';
import { normaliseScanText } from '../../postal/inspect-scan.ts';

const run = promisify(execFile);

export interface Ocr {
  /** The text read off the scan's pages (at most the first `maxPages`), normalised; '' when none. */
  read(bytes: Uint8Array, kind: ScanKind): Promise<string>;
}

export interface OcrOptions {
  readonly tesseract?: string;
  readonly pdftoppm?: string;
  /** Tesseract's languages, Latvian first (`lav+eng`: letters in English come too). */
  readonly languages?: string;
  /** Pages read at most: OCR takes about a second a page. */
  readonly maxPages?: number;
  /** Per program run. */
  readonly timeoutMs?: number;
}

/** OCR with Tesseract, or undefined when Tesseract or its Latvian model (or pdftoppm) is missing. */
export async function tesseractOcr(options: OcrOptions = {}): Promise<Ocr | undefined> {
  const tesseract = options.tesseract ?? 'tesseract';
  const pdftoppm = options.pdftoppm ?? 'pdftoppm';
  const languages = options.languages ?? 'lav+eng';
  const maxPages = options.maxPages ?? 20;
  const timeout = options.timeoutMs ?? 60_000;
  try {
    const { stdout, stderr } = await run(tesseract, ['--list-langs'], { timeout });
    const installed = new Set(`${stdout}\n${stderr}`.split(/\s+/));
    if (!languages.split('+').every((language) => installed.has(language))) return undefined;
    await run(pdftoppm, ['-v'], { timeout });
  } catch {
    return undefined;
  }
  const recognise = async (image: string) =>
    (await run(tesseract, [image, 'stdout', '-l', languages], { timeout, maxBuffer: 16 * 1024 * 1024 }))
      .stdout;

  return {
    async read(bytes, kind) {
      const folder = await mkdtemp(join(tmpdir(), 'courtdesk-ocr-'));
      try {
        const input = join(folder, `scan.${kind}`);
        await writeFile(input, bytes);
        if (kind !== 'pdf') {
          // Tesseract reads every page of a multi-page TIFF itself.
          return normaliseScanText(await recognise(input));
        }
        // 300 dpi grey: what Tesseract reads best; pages beyond the limit are not rendered.
        await run(
          pdftoppm,
          ['-r', '300', '-gray', '-png', '-f', '1', '-l', String(maxPages), input, join(folder, 'page')],
          {
            timeout,
          },
        );
        const pages = (await readdir(folder))
          .filter((name) => /^page-\d+\.png$/.test(name))
          .sort(byPageNumber);
        const texts: string[] = [];
        for (const page of pages) texts.push(await recognise(join(folder, page)));
        return normaliseScanText(texts.join('\n\n'));
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
}

function byPageNumber(a: string, b: string): number {
  return Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]);
}
