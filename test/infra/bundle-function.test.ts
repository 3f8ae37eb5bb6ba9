import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../infra/app-factory.ts';
import {
  bundleFunction,
  entryModule,
  type FunctionBundle,
  functionBuildOptions,
} from '../../infra/bundling/bundle-function.ts';
import { duplicatePackages } from '../../infra/bundling/cold-start.ts';
import { type FunctionSpec, functions } from '../../infra/inventory.ts';
import { bundleForDeploy } from '../../scripts/bundle.ts';
import { parseMail } from '../../shared/mail/parse-mail.ts';

const specOf = (name: string): FunctionSpec => {
  const spec = functions.find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`${name} is not in the inventory`);
  return spec;
};

/** Inputs of the bundle that are (or are not) loaded at cold start. */
const inputsOf = (bundle: FunctionBundle, matching: RegExp) => {
  const cold = bundle.budget.coldStart.inputs
    .map((input) => input.path)
    .filter((path) => matching.test(path));
  const all = Object.keys(bundle.metafile.inputs).filter((path) => matching.test(path));
  return { cold, all };
};

// The real bundler on the functions whose rare paths are lazy: a few seconds of esbuild.
describe('bundleFunction', () => {
  let root: string;
  const bundles = new Map<string, FunctionBundle>();
  const bundle = (name: string) => bundles.get(name) as FunctionBundle;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'courtdesk-bundles-'));
    const names = ['send-email', 'staff-api', 'ingest-email', 'ingest-postal'];
    const built = await Promise.all(
      names.map((name) => bundleFunction(specOf(name), projectRoot, join(root, name))),
    );
    for (const result of built) bundles.set(result.name, result);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes handler.mjs with its chunks, source maps without sources, and the bundled files beside it', () => {
    const files = readdirSync(join(root, 'send-email'));
    expect(files).toContain(entryModule);
    expect(files).toContain('DejaVuSans.ttf');
    expect(files).toContain('DejaVuSans-Bold.ttf');
    expect(files.filter((file) => file.endsWith('.mjs')).length).toBeGreaterThan(1);
    const map = JSON.parse(readFileSync(join(root, 'send-email', `${entryModule}.map`), 'utf8'));
    expect(map.sourcesContent).toBeUndefined();
    const entry = readFileSync(join(root, 'send-email', entryModule), 'utf8');
    // The AWS SDK stays outside, and CommonJS code finds `require`.
    expect(entry).toMatch(/from"@aws-sdk\/client-sesv2"/);
    expect(entry.startsWith("import { createRequire } from 'node:module';")).toBe(true);
  });

  it('loads pdf-lib and fontkit only when send-email renders a letter', () => {
    const pdf = inputsOf(bundle('send-email'), /node_modules\/(pdf-lib|@pdf-lib\/fontkit)\//);
    expect(pdf.all.length).toBeGreaterThan(0);
    expect(pdf.cold).toEqual([]);
    expect(bundle('send-email').budget.coldStart.lazyBytes).toBeGreaterThan(1000 * 1024);
  });

  it("loads the mail parser and libphonenumber only on staff-api's quarantine and call paths", () => {
    const mail = inputsOf(
      bundle('staff-api'),
      /node_modules\/(mailparser|iconv-lite)\/|shared\/mail\/parse-mail/,
    );
    expect(mail.all.length).toBeGreaterThan(0);
    expect(mail.cold).toEqual([]);
    const phone = inputsOf(bundle('staff-api'), /node_modules\/libphonenumber-js\/metadata\.min/);
    expect(phone.all.length).toBeGreaterThan(0);
    expect(phone.cold).toEqual([]);
  });

  it('loads pdf.js only when ingest-postal inspects a PDF', () => {
    const pdfJs = inputsOf(bundle('ingest-postal'), /node_modules\/unpdf\//);
    expect(pdfJs.all.length).toBeGreaterThan(0);
    expect(pdfJs.cold).toEqual([]);
  });

  it('bundles each package once: libmime and entities from one copy each', () => {
    for (const name of bundles.keys()) expect(duplicatePackages(bundle(name).metafile), name).toEqual([]);
    const libmime = inputsOf(bundle('ingest-email'), /node_modules\/libmime\//);
    expect(libmime.all.length).toBeGreaterThan(0);
    expect(libmime.all.every((path) => path.includes('/dist/cjs/'))).toBe(true);
  });

  it('parses every fixture mail with the one-copy packages as from the sources', async () => {
    // Prepare: the mail parser alone, bundled as the functions are.
    const outdir = join(root, 'parse-mail');
    await build({
      ...functionBuildOptions(specOf('ingest-email'), projectRoot, outdir),
      entryPoints: { 'parse-mail': 'shared/mail/parse-mail.ts' },
    });
    const bundled = (await import(pathToFileURL(join(outdir, 'parse-mail.mjs')).href)) as {
      parseMail: typeof parseMail;
    };
    const fixtures = join(projectRoot, 'test', 'fixtures', 'mail');
    const mails = readdirSync(fixtures).filter((file) => file.endsWith('.eml'));
    expect(mails.length).toBeGreaterThan(10);
    for (const mail of mails) {
      const raw = readFileSync(join(fixtures, mail));
      // Act and assess
      expect(JSON.stringify(await bundled.parseMail(raw)), mail).toBe(JSON.stringify(await parseMail(raw)));
    }
  });

  it('empties the folder first, so no chunk of an earlier build is deployed', async () => {
    const outdir = join(root, 'again');
    await bundleFunction(specOf('list-topics'), projectRoot, outdir);
    const stale = join(outdir, 'chunk-STALE.mjs');
    writeFileSync(stale, '');
    await bundleFunction(specOf('list-topics'), projectRoot, outdir);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(join(outdir, entryModule))).toBe(true);
  });

  it('refuses to hand CDK a function over its budget, and hands one within it', async () => {
    // Arrange
    const spec = specOf('list-topics');
    // Act
    const within = await bundleForDeploy(spec, join(root, 'deploy-within'));
    const over = await bundleForDeploy({ ...spec, coldStartBudgetKb: 1 }, join(root, 'deploy-over'));
    // Assert
    expect(within).toBeUndefined();
    expect(over).toMatch(/^Over the cold-start budget: list-topics .*\/ +1 kB/);
  });
});
