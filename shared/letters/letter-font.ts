/**
 * The TrueType fonts of printed letters. The PDF standard fonts cannot encode the Latvian letters
 * (ā č ē ģ ī ķ ļ ņ š ū ž), so letters embed DejaVu Sans.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/**
 * The font files a deployment must ship: the Lambda bundling copies `regular` and `bold` from
 * `node_modules/<packageDirectory>/` beside the bundle, where {@link letterFonts} looks first.
 */
export const letterFontFiles = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  packageDirectory: 'dejavu-fonts-ttf/ttf',
} as const;

export interface LetterFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

let loading: Promise<LetterFonts> | undefined;

/** The two font files' bytes, read once per process (about 1 MB together). */
export async function letterFonts(): Promise<LetterFonts> {
  loading ??= loadFonts().catch((error: unknown) => {
    // A failed read is not cached: the next letter tries again.
    loading = undefined;
    throw error;
  });
  return loading;
}

async function loadFonts(): Promise<LetterFonts> {
  const [regular, bold] = await Promise.all([
    readFontFile(letterFontFiles.regular),
    readFontFile(letterFontFiles.bold),
  ]);
  return { regular, bold };
}

async function readFontFile(fileName: string): Promise<Uint8Array> {
  try {
    // Beside the running module: where the Lambda bundle has its copy.
    return await readFile(new URL(`./${fileName}`, import.meta.url));
  } catch (error) {
    if (!isMissingFile(error)) throw error;
  }
  // From the package (tests, local sandbox, unbundled code).
  const path = createRequire(import.meta.url).resolve(`${letterFontFiles.packageDirectory}/${fileName}`);
  return readFile(path);
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}
