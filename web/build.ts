/**
 * Builds the public web form into `dist/web/`: `web/src/form.ts` bundled to `app.js` and the files
 * of `web/public/` copied beside it. In HTML files, `{{key}}` placeholders are filled from the text
 * catalogue in Latvian (`{{en:key}}` in English), so the page reads well before the script runs
 * and without it; the local gateway serves this folder and CDK deploys it.
 *
 * Run with `npm run build:web`, or import `buildWeb` (the browser tests do).
 */
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { isTextKey, text } from './src/texts.ts';

const webDirectory = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = resolve(webDirectory, '..');

export interface WebBuildResult {
  /** Absolute path of the folder written. */
  readonly outDir: string;
  /** Size of `app.js` in bytes. */
  readonly appBytes: number;
  /** Files written, relative to `outDir`. */
  readonly files: readonly string[];
}

/** Builds the web form into `outDir` (relative paths are taken from the repository root). */
export async function buildWeb(outDir = 'dist/web'): Promise<WebBuildResult> {
  const target = resolve(repositoryRoot, outDir);
  await mkdir(target, { recursive: true });

  await build({
    entryPoints: [join(webDirectory, 'src', 'form.ts')],
    outfile: join(target, 'app.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });

  const files = ['app.js', 'app.js.map'];
  const publicDirectory = join(webDirectory, 'public');
  for (const name of await readdir(publicDirectory)) {
    const source = join(publicDirectory, name);
    if (!(await stat(source)).isFile()) continue;
    if (extname(name) === '.html') {
      await writeFile(join(target, name), fillTexts(await readFile(source, 'utf8'), name));
    } else {
      await copyFile(source, join(target, name));
    }
    files.push(name);
  }

  const { size } = await stat(join(target, 'app.js'));
  return { outDir: target, appBytes: size, files };
}

/**
 * Replaces `{{key}}` and `{{en:key}}` with the catalogue's text, escaped for HTML. Fails on a key
 * the catalogue lacks, in a placeholder or in a `data-text` attribute, so a typo breaks the build.
 */
export function fillTexts(html: string, fileName: string): string {
  for (const [, key = ''] of html.matchAll(/\bdata-text="([^"]*)"/g)) {
    if (!isTextKey(key)) throw new Error(`${fileName}: no text "${key}" in web/src/texts.ts`);
  }
  return html.replace(
    /\{\{(?:(lv|en):)?([\w.]+)\}\}/g,
    (_whole, language: 'lv' | 'en' | undefined, key: string) => {
      if (!isTextKey(key)) throw new Error(`${fileName}: no text "${key}" in web/src/texts.ts`);
      return escapeHtml(text(language ?? 'lv', key));
    },
  );
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const result = await buildWeb(process.argv[2]);
  console.log(
    `web: ${result.files.join(', ')} → ${result.outDir} (app.js ${(result.appBytes / 1024).toFixed(1)} kB)`,
  );
}
