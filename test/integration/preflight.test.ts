/**
 * What `npm start` checks before it starts anything: each missing prerequisite is one sentence that
 * says how to install it, a port taken names the variable that moves it, and `npm start` itself ends
 * with those lines and exit code 1 — no stack trace — on a machine without Java.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { javaMajor, preflight } from '../../infra/local/preflight.ts';
import { repositoryRoot } from '../../infra/local/sandbox.ts';

let folder: string;
let taken: Server;
let takenPort: number;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'courtdesk-preflight-'));
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  takenPort = (taken.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => taken.close(resolve));
  rmSync(folder, { recursive: true, force: true });
});

/** A stand-in `java` that prints the version line `java -version` prints (to stderr). */
function fakeJava(version: string): string {
  const path = join(folder, `java-${version}`);
  writeFileSync(path, `#!/bin/sh\necho 'openjdk version "${version}" 2025-04-15' >&2\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('the start checks', () => {
  it('reads the major version of old and new Java version lines', () => {
    expect(javaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajor('java version "1.8.0_392"')).toBe(8);
    expect(javaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajor('no version here')).toBeUndefined();
  });

  it('passes on a machine with Java 17, a free port and a writable folder', async () => {
    const result = await preflight({
      dataDir: join(folder, 'data'),
      ports: [{ port: 0, variable: 'COURTDESK_PORT' }],
      java: fakeJava('17.0.15'),
    });
    expect(result.problems).toEqual([]);
  });

  it('names a missing Java with how to install it on each system', async () => {
    const { problems } = await preflight({
      dataDir: join(folder, 'data'),
      ports: [],
      java: join(folder, 'no-java'),
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Java 17 or later is needed for DynamoDB Local and was not found/);
    expect(problems[0]).toContain('sudo apt install openjdk-17-jre-headless');
    expect(problems[0]).toContain('brew install openjdk@17');
    expect(problems[0]).toContain('winget install');
  });

  it('refuses Java older than 17, and an old Node.js', async () => {
    const { problems } = await preflight({
      dataDir: join(folder, 'data'),
      ports: [],
      java: fakeJava('1.8.0_392'),
      nodeVersion: '18.19.0',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^Node\.js 20 or later is needed, this is 18\.19\.0/),
      expect.stringMatching(/^Java 17 or later is needed for DynamoDB Local, this is Java 8/),
    ]);
  });

  it('names the variable that moves a port already taken', async () => {
    const { problems } = await preflight({
      dataDir: join(folder, 'data'),
      ports: [{ port: takenPort, variable: 'COURTDESK_SMTP_PORT' }],
      java: fakeJava('21'),
    });
    expect(problems).toEqual([
      `Port ${takenPort} is already in use: stop what uses it, or set COURTDESK_SMTP_PORT to another port (e.g. COURTDESK_SMTP_PORT=${takenPort + 10000} npm start).`,
    ]);
  });

  it('refuses a data folder that cannot be written', async () => {
    const file = join(folder, 'a-file');
    writeFileSync(file, '');
    const { problems } = await preflight({ dataDir: join(file, 'data'), ports: [], java: fakeJava('17') });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^The data folder .* cannot be written \(ENOTDIR\): set COURTDESK_DATA_DIR/);
  });

  it('warns, without refusing, when OCR for postal scans is missing', async () => {
    const result = await preflight({
      dataDir: join(folder, 'data'),
      ports: [],
      java: fakeJava('17'),
      tesseract: join(folder, 'no-tesseract'),
    });
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^Tesseract was not found: postal scans are registered without/),
    ]);
  });

  it('makes npm start on a machine without Java end in one line each and exit code 1, no stack', () => {
    // A PATH with node only: no java.
    const bin = join(folder, 'bin');
    spawnSync('mkdir', ['-p', bin]);
    symlinkSync(process.execPath, join(bin, 'node'));
    const result = spawnSync(
      process.execPath,
      [join(repositoryRoot, 'node_modules/tsx/dist/cli.mjs'), 'infra/local/start.ts'],
      {
        cwd: repositoryRoot,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          PATH: bin,
          HOME: folder,
          COURTDESK_DATA_DIR: join(folder, 'start-data'),
          COURTDESK_PORT: '0',
          COURTDESK_MAILBOX_PORT: '0',
          COURTDESK_DYNAMODB_PORT: '0',
          COURTDESK_SQS_PORT: '0',
          COURTDESK_SMTP_PORT: '0',
        },
      },
    );
    expect(result.status).toBe(1);
    const lines = result.stderr
      .split('\n')
      .filter((line) => line.startsWith('courtdesk: ') && !line.includes('note:'));
    expect(lines).toEqual([
      expect.stringMatching(/^courtdesk: Java 17 or later is needed for DynamoDB Local and was not found/),
    ]);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/ENOENT|\n\s+at /);
  });
});
