/**
 * Builds the web pages into `dist/web/`: the public form (`web/src/form.ts` bundled to `app.js`,
 * the files of `web/public/` beside it) and the staff admin page (`web/src/admin/main.ts` bundled
 * to `admin/app.js`, the files of `web/public/admin/` beside it), the client survey
 * (`web/src/survey.ts` to `aptauja/app.js`, the files of `web/public/aptauja/` beside it), and the
 * help pages' search script (`web/src/help.ts` to `help.js`; the pages themselves are rendered from
 * the knowledge base by the publish-help function). In HTML files, `{{key}}`
 * placeholders are filled from the page's text catalogue in Latvian (`{{en:key}}` in English), so
 * the page reads well before the script runs and without it; the local gateway serves this folder
 * and CDK deploys it.
 *
 * Run with `npm run build:web`, or import `buildWeb` (the browser tests do).
 */
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import * as adminTexts from './src/admin/texts.ts';
import * as surveyTexts from './src/survey-texts.ts';
import * as formTexts from './src/texts.ts';

const webDirectory = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = resolve(webDirectory, '..');

export interface WebBuildResult {
  /** Absolute path of the folder written. */
  readonly outDir: string;
  /** Size of `app.js` (the public form) in bytes. */
  readonly appBytes: number;
  /** Size of `admin/app.js` (the staff admin page) in bytes. */
  readonly adminAppBytes: number;
  /** Files written, relative to `outDir`. */
  readonly files: readonly string[];
}

/** A page's text catalogue, as `fillTexts` reads it. */
export interface TextCatalogue {
  /** Where the catalogue lives, for error messages. */
  readonly source: string;
  isTextKey(key: string): boolean;
  text(language: 'lv' | 'en', key: string): string;
}

const formCatalogue: TextCatalogue = {
  source: 'web/src/texts.ts',
  isTextKey: formTexts.isTextKey,
  text: (language, key) => (formTexts.isTextKey(key) ? formTexts.text(language, key) : key),
};

const adminCatalogue: TextCatalogue = {
  source: 'web/src/admin/texts.ts',
  isTextKey: adminTexts.isTextKey,
  text: (language, key) => (adminTexts.isTextKey(key) ? adminTexts.text(language, key) : key),
};

const surveyCatalogue: TextCatalogue = {
  source: 'web/src/survey-texts.ts',
  isTextKey: surveyTexts.isTextKey,
  text: (language, key) => (surveyTexts.isTextKey(key) ? surveyTexts.text(language, key) : key),
};

/** Builds the web pages into `outDir` (relative paths are taken from the repository root). */
export async function buildWeb(outDir = 'dist/web'): Promise<WebBuildResult> {
  const target = resolve(repositoryRoot, outDir);
  const files = [
    ...(await buildPage(
      join(webDirectory, 'src', 'form.ts'),
      join(webDirectory, 'public'),
      target,
      formCatalogue,
    )),
    ...(
      await buildPage(
        join(webDirectory, 'src', 'admin', 'main.ts'),
        join(webDirectory, 'public', 'admin'),
        join(target, 'admin'),
        adminCatalogue,
      )
    ).map((name) => `admin/${name}`),
    // The client survey (`/aptauja/`), with its own texts.
    ...(
      await buildPage(
        join(webDirectory, 'src', 'survey.ts'),
        join(webDirectory, 'public', 'aptauja'),
        join(target, 'aptauja'),
        surveyCatalogue,
      )
    ).map((name) => `aptauja/${name}`),
    ...(await bundleScript(join(webDirectory, 'src', 'help.ts'), join(target, 'help.js'))),
    ...(
      await bundleScript(
        join(webDirectory, 'src', 'admin', 'figures', 'chart-library.ts'),
        join(target, 'admin', 'charts.js'),
      )
    ).map((name) => `admin/${name}`),
    ...(await copyChartStyles(join(target, 'admin'))),
  ];
  const { size } = await stat(join(target, 'app.js'));
  const { size: adminSize } = await stat(join(target, 'admin', 'app.js'));
  return { outDir: target, appBytes: size, adminAppBytes: adminSize, files };
}

/**
 * Bundles `entryPoint` to `app.js` in `target` and copies the files (not the folders) of
 * `publicDirectory` beside it, filling the HTML files' texts. Answers the names written.
 */
async function buildPage(
  entryPoint: string,
  publicDirectory: string,
  target: string,
  catalogue: TextCatalogue,
): Promise<string[]> {
  await mkdir(target, { recursive: true });
  const files = await bundleScript(entryPoint, join(target, 'app.js'));
  for (const name of await readdir(publicDirectory)) {
    const source = join(publicDirectory, name);
    if (!(await stat(source)).isFile()) continue;
    if (extname(name) === '.html') {
      await writeFile(join(target, name), fillTexts(await readFile(source, 'utf8'), name, catalogue));
    } else {
      await copyFile(source, join(target, name));
    }
    files.push(name);
  }
  return files;
}

/** uPlot's stylesheet beside its chunk (a file: the pages' CSP allows no inline style). */
async function copyChartStyles(target: string): Promise<string[]> {
  await copyFile(
    join(repositoryRoot, 'node_modules', 'uplot', 'dist', 'uPlot.min.css'),
    join(target, 'uplot.css'),
  );
  return ['admin/uplot.css'];
}

/** Bundles a page's script to `outfile` (and its source map); answers the names written. */
async function bundleScript(entryPoint: string, outfile: string): Promise<string[]> {
  await build({
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  const name = basename(outfile);
  return [name, `${name}.map`];
}

/**
 * Replaces `{{key}}` and `{{en:key}}` with the catalogue's text (the public form's unless told),
 * escaped for HTML. Fails on a key the catalogue lacks, in a placeholder or in a `data-text`
 * attribute, so a typo breaks the build.
 */
export function fillTexts(html: string, fileName: string, catalogue: TextCatalogue = formCatalogue): string {
  for (const [, key = ''] of html.matchAll(/\bdata-text="([^"]*)"/g)) {
    if (!catalogue.isTextKey(key)) throw new Error(`${fileName}: no text "${key}" in ${catalogue.source}`);
  }
  return html.replace(
    /\{\{(?:(lv|en):)?([\w.]+)\}\}/g,
    (_whole, language: 'lv' | 'en' | undefined, key: string) => {
      if (!catalogue.isTextKey(key)) throw new Error(`${fileName}: no text "${key}" in ${catalogue.source}`);
      return escapeHtml(catalogue.text(language ?? 'lv', key));
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
    `web: ${result.files.join(', ')} → ${result.outDir} (app.js ${(result.appBytes / 1024).toFixed(1)} kB, admin/app.js ${(result.adminAppBytes / 1024).toFixed(1)} kB)`,
  );
}
