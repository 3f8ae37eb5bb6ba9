/**
 * What `npm start` checks before it starts anything (issue 20): Java 17 or later for DynamoDB
 * Local, the ports free, the data folder writable, and — for postal scans only, so a warning —
 * Tesseract with its Latvian model and Poppler's pdftoppm. Each problem is one sentence naming
 * what is missing and how to install it on Debian/Ubuntu, macOS and Windows, or the variable that
 * moves a port: never a stack trace from a child process that could not be spawned.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface PreflightOptions {
  /** The ports the sandbox will listen on, each with the variable that moves it; 0 = any free port. */
  readonly ports: readonly { readonly port: number; readonly variable: string }[];
  readonly dataDir: string;
  /** The Java command (DynamoDB Local runs `java` from the PATH). */
  readonly java?: string;
  readonly tesseract?: string;
  readonly pdftoppm?: string;
  /** Node's version (`process.versions.node`). */
  readonly nodeVersion?: string;
}

export interface PreflightResult {
  /** What stops the start: one sentence each. */
  readonly problems: readonly string[];
  /** What works without: one sentence each. */
  readonly warnings: readonly string[];
}

/** The oldest Java that DynamoDB Local runs on. */
export const minimumJava = 17;
export const minimumNode = 20;

const installJava =
  'install it — Debian/Ubuntu: sudo apt install openjdk-17-jre-headless; macOS: brew install openjdk@17; Windows: winget install Microsoft.OpenJDK.17 — and open a new terminal';
const installOcr =
  'Debian/Ubuntu: sudo apt install tesseract-ocr tesseract-ocr-lav poppler-utils; macOS: brew install tesseract tesseract-lang poppler; Windows: winget install UB-Mannheim.TesseractOCR (with the Latvian model) and Poppler for Windows';

export async function preflight(options: PreflightOptions): Promise<PreflightResult> {
  const problems: string[] = [];
  const warnings: string[] = [];
  const node = nodeProblem(options.nodeVersion ?? process.versions.node);
  if (node) problems.push(node);
  const java = javaProblem(options.java ?? 'java');
  if (java) problems.push(java);
  const folder = dataFolderProblem(options.dataDir);
  if (folder) problems.push(folder);
  // The sandbox's own DynamoDB Local left by a killed run holds its port until the start kills it.
  const ownStaleJava = staleDynamoRunning(join(options.dataDir, 'dynamodb', 'java.pid'));
  for (const { port, variable } of options.ports) {
    if (port === 0 || (ownStaleJava && variable === 'COURTDESK_DYNAMODB_PORT')) continue;
    const taken = await portTaken(port);
    if (taken)
      problems.push(
        `Port ${port} is ${taken}: stop what uses it, or set ${variable} to another port (e.g. ${variable}=${port + 10000} npm start).`,
      );
  }
  const ocr = ocrWarning(options.tesseract ?? 'tesseract', options.pdftoppm ?? 'pdftoppm');
  if (ocr) warnings.push(ocr);
  return { problems, warnings };
}

function nodeProblem(version: string): string | undefined {
  const major = Number(version.split('.')[0]);
  if (major >= minimumNode) return undefined;
  return `Node.js ${minimumNode} or later is needed, this is ${version}: install it from https://nodejs.org or with your package manager (Debian/Ubuntu: NodeSource; macOS: brew install node@20; Windows: winget install OpenJS.NodeJS.LTS).`;
}

/** The major version `java -version` prints (`"17.0.15"` → 17, `"1.8.0_392"` → 8), if any. */
export function javaMajor(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

function javaProblem(java: string): string | undefined {
  const result = spawnSync(java, ['-version'], { encoding: 'utf8', timeout: 15_000 });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? `Java ${minimumJava} or later is needed for DynamoDB Local and was not found: ${installJava}.`
      : `Java could not be run (${code ?? result.error.name}): check that ${java} works, or ${installJava}.`;
  }
  const major = javaMajor(`${result.stderr}\n${result.stdout}`);
  if (major === undefined)
    return `Java's version could not be read from "${java} -version": Java ${minimumJava} or later is needed for DynamoDB Local; ${installJava}.`;
  if (major < minimumJava)
    return `Java ${minimumJava} or later is needed for DynamoDB Local, this is Java ${major}: ${installJava} (or put a newer java first on the PATH).`;
  return undefined;
}

function dataFolderProblem(dataDir: string): string | undefined {
  try {
    mkdirSync(dataDir, { recursive: true });
    const probe = join(dataDir, `.write-check-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return `The data folder ${dataDir} cannot be written (${code}): set COURTDESK_DATA_DIR to a folder you can write.`;
  }
}

function staleDynamoRunning(pidFile: string): boolean {
  if (!existsSync(pidFile)) return false;
  try {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('DynamoDBLocal.jar');
  } catch {
    return false;
  }
}

/** Why the port cannot be listened on at 127.0.0.1 (as the sandbox does), or undefined. */
function portTaken(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'EADDRINUSE'
          ? 'already in use'
          : error.code === 'EACCES'
            ? 'not allowed to this user (ports below 1024 need privileges)'
            : `not available (${error.code ?? error.message})`,
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(undefined)));
  });
}

function ocrWarning(tesseract: string, pdftoppm: string): string | undefined {
  const languages = spawnSync(tesseract, ['--list-langs'], { encoding: 'utf8', timeout: 15_000 });
  const installed = languages.error ? [] : `${languages.stdout}\n${languages.stderr}`.split(/\s+/);
  const poppler = spawnSync(pdftoppm, ['-v'], { encoding: 'utf8', timeout: 15_000 });
  if (installed.includes('lav') && !poppler.error) return undefined;
  const missing = languages.error
    ? 'Tesseract'
    : !installed.includes('lav')
      ? "Tesseract's Latvian model"
      : "Poppler's pdftoppm";
  return `${missing} was not found: postal scans are registered without their text read (OCR) — to read them, ${installOcr}.`;
}
