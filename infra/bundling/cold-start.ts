/**
 * What a function loads at cold start, read from esbuild's metafile of its split bundle: the entry
 * chunk and every chunk reachable from it by static imports. A chunk reached only through a dynamic
 * `import()` is loaded when that path runs, so it is lazy and does not count. Pure: the bundler and
 * its tests feed it metafiles.
 */

/** The parts of esbuild's `Metafile` read here (esbuild's own type satisfies it). */
export interface BundleMetafile {
  readonly inputs: Readonly<Record<string, { readonly bytes: number; readonly format?: 'cjs' | 'esm' }>>;
  readonly outputs: Readonly<
    Record<
      string,
      {
        readonly bytes: number;
        readonly entryPoint?: string;
        readonly inputs: Readonly<Record<string, { readonly bytesInOutput: number }>>;
        readonly imports: readonly {
          readonly path: string;
          readonly kind: string;
          readonly external?: boolean;
        }[];
      }
    >
  >;
}

export interface ColdStart {
  /** Output path of the entry chunk (`…/handler.mjs`). */
  readonly entry: string;
  /** The entry chunk and the chunks it imports statically, directly or through each other. */
  readonly chunks: readonly string[];
  /** Bytes of those chunks. */
  readonly bytes: number;
  /** Bytes of the other chunks: loaded by a dynamic `import()` when their path runs. */
  readonly lazyBytes: number;
  /** Packages left outside the bundle (the AWS SDK) that the cold-start chunks import statically. */
  readonly externalImports: readonly string[];
  /** Bytes each input (source file) contributes to the cold-start chunks, largest first. */
  readonly inputs: readonly { readonly path: string; readonly bytes: number }[];
}

const isCode = (output: string) => /\.[cm]?js$/.test(output);

/**
 * The cold-start closure of the chunk built from `entryPoint` (a source path as the metafile names
 * it, e.g. `functions/send-email/handler.ts`). Chunks loaded by dynamic `import()` are entry points
 * of their own in the metafile; only the one named counts as the function's.
 */
export function coldStartOf(metafile: BundleMetafile, entryPoint: string): ColdStart {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((path) => outputs[path]?.entryPoint === entryPoint);
  if (!entry) throw new Error(`No chunk of the bundle is built from ${entryPoint}`);
  const chunks = new Set<string>();
  const externalImports = new Set<string>();
  const pending = [entry];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (chunks.has(path)) continue;
    chunks.add(path);
    for (const imported of outputs[path]?.imports ?? []) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) externalImports.add(imported.path);
      else if (outputs[imported.path]) pending.push(imported.path);
    }
  }
  const bytesOf = (paths: Iterable<string>) =>
    [...paths].reduce((sum, path) => sum + (outputs[path]?.bytes ?? 0), 0);
  const inputs = new Map<string, number>();
  for (const chunk of chunks) {
    for (const [path, { bytesInOutput }] of Object.entries(outputs[chunk]?.inputs ?? {})) {
      inputs.set(path, (inputs.get(path) ?? 0) + bytesInOutput);
    }
  }
  return {
    entry,
    chunks: [...chunks],
    bytes: bytesOf(chunks),
    lazyBytes: bytesOf(Object.keys(outputs).filter((path) => isCode(path) && !chunks.has(path))),
    externalImports: [...externalImports].sort(),
    inputs: [...inputs]
      .map(([path, bytes]) => ({ path, bytes }))
      .sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path)),
  };
}

/** A function's cold-start code against its budget. */
export interface BudgetCheck {
  readonly name: string;
  readonly coldStart: ColdStart;
  readonly budgetKb: number;
  readonly withinBudget: boolean;
}

/** kB as the budgets count them: 1024 bytes. */
export const kilobytes = (bytes: number): number => bytes / 1024;

export function checkBudget(name: string, coldStart: ColdStart, budgetKb: number): BudgetCheck {
  return { name, coldStart, budgetKb, withinBudget: coldStart.bytes <= budgetKb * 1024 };
}

/** `ingest-web    cold  118 kB / 150 kB   lazy  1583 kB`, and `OVER BUDGET` past it. */
export function budgetLine(check: BudgetCheck, nameWidth = 18): string {
  const kb = (bytes: number, width: number) => kilobytes(bytes).toFixed(0).padStart(width);
  const verdict = check.withinBudget ? '' : '   OVER BUDGET';
  return `${check.name.padEnd(nameWidth)} cold ${kb(check.coldStart.bytes, 5)} kB / ${String(check.budgetKb).padStart(3)} kB   lazy ${kb(check.coldStart.lazyBytes, 5)} kB${verdict}`;
}

/** The names of the functions over their budget, in the order checked. */
export function overBudget(checks: readonly BudgetCheck[]): string[] {
  return checks.filter((check) => !check.withinBudget).map((check) => check.name);
}

/** A package bundled more than once: several installed versions, or both its CommonJS and ES builds. */
export interface DuplicatePackage {
  readonly name: string;
  /** Each copy: its folder, with `(cjs)`/`(esm)` when one folder gives both builds. */
  readonly copies: readonly string[];
  /** Input bytes of all copies together. */
  readonly bytes: number;
}

/** Where an input lies in `node_modules`: the package's folder, its name, the file inside it. */
function packageOf(input: string): { folder: string; name: string; file: string } | undefined {
  const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\/(.+)$/.exec(input);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { folder: match[1], name: match[2], file: match[3] };
}

/**
 * Packages the bundle holds more than one copy of. A folder holds two builds when files of the
 * same name are bundled both as CommonJS and as ES modules (`dist/cjs/x.js` beside `dist/esm/x.js`).
 */
export function duplicatePackages(metafile: BundleMetafile): DuplicatePackage[] {
  const byName = new Map<string, { copies: Set<string>; bytes: number }>();
  const formatsByFolderFile = new Map<string, Set<string>>();
  for (const [input, { bytes, format }] of Object.entries(metafile.inputs)) {
    const found = packageOf(input);
    if (!found) continue;
    const entry = byName.get(found.name) ?? { copies: new Set<string>(), bytes: 0 };
    entry.copies.add(found.folder);
    entry.bytes += bytes;
    byName.set(found.name, entry);
    const key = `${found.folder}\0${found.file.split('/').at(-1)}`;
    formatsByFolderFile.set(key, (formatsByFolderFile.get(key) ?? new Set()).add(format ?? 'esm'));
  }
  const dualFolders = new Set(
    [...formatsByFolderFile].filter(([, formats]) => formats.size > 1).map(([key]) => key.split('\0')[0]),
  );
  return [...byName]
    .map(([name, { copies, bytes }]) => ({
      name,
      copies: [...copies]
        .sort()
        .flatMap((folder) => (dualFolders.has(folder) ? [`${folder} (cjs)`, `${folder} (esm)`] : [folder])),
      bytes,
    }))
    .filter((duplicate) => duplicate.copies.length > 1)
    .sort((a, b) => a.name.localeCompare(b.name));
}
