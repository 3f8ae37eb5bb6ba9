/**
 * `npm start` as a person uses it: Ctrl-C in a terminal signals the whole process group. Requests
 * in flight must still be answered, the queues drained (every acknowledgement sent) and no Java
 * process left behind.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../infra/local/sandbox.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'courtdesk-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start', () => {
  it('prints its URLs, and on Ctrl-C finishes requests in flight, drains the queues and stops Java', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
      cwd: repositoryRoot,
      // Its own process group, like a shell job, so that the test can signal the group as Ctrl-C does.
      detached: true,
      env: {
        ...process.env,
        COURTDESK_PORT: '0',
        COURTDESK_MAILBOX_PORT: '0',
        COURTDESK_DYNAMODB_PORT: '0',
        COURTDESK_SQS_PORT: '0',
        COURTDESK_SMTP_PORT: '0',
        COURTDESK_DATA_DIR: dataDir,
        POWERTOOLS_LOG_LEVEL: 'ERROR',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const deadline = Date.now() + 90_000;
    while (!output.includes('Press Ctrl-C to stop.')) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`npm start did not come up:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const web = /Web form \(lv\/en\): +(http:\/\/localhost:\d+)\//.exec(output)?.[1];
    expect(web).toBeDefined();
    expect(output).toMatch(/Mailbox \(sent mail\): +http:\/\/localhost:\d+\//);
    const javaPid = Number(readFileSync(join(dataDir, 'dynamodb', 'java.pid'), 'utf8'));

    const addresses = Array.from({ length: 5 }, (_, i) => `ctrl-c-${i}@example.lv`);
    // Requests truly in flight when Ctrl-C arrives: headers read by the server (it answered 100
    // Continue) and half the body sent.
    const inFlight = addresses.map((email) => {
      const body = JSON.stringify({
        name: 'Ctrl C',
        email,
        topic: 'general',
        subject: 'Stop',
        message: 'Sent while the sandbox stops',
        consent: true,
        language: 'en',
      });
      const half = Math.floor(body.length / 2);
      const request = httpRequest(`${web}/api/requests`, {
        method: 'POST',
        // 100-continue: the server answers once it has read the headers, so the request is known to
        // be in flight (not an idle connection) before the signal.
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          expect: '100-continue',
        },
      });
      const status = new Promise<number>((resolve, reject) => {
        request.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
      });
      const connected = new Promise<void>((resolve) =>
        request.once('continue', () => {
          request.write(body.slice(0, half));
          resolve();
        }),
      );
      request.flushHeaders();
      return { request, rest: body.slice(half), status, connected };
    });
    await Promise.all(inFlight.map((entry) => entry.connected));
    process.kill(-(child.pid as number), 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const entry of inFlight) entry.request.end(entry.rest);
    void exited.then(() => console.log('CHILD OUTPUT', output.split('Press Ctrl-C to stop.')[1]));

    expect(await Promise.all(inFlight.map((entry) => entry.status))).toEqual([202, 202, 202, 202, 202]);
    expect(await exited).toBe(0);
    expect(output).toContain('courtdesk: stopped');
    expect(existsSync(`/proc/${javaPid}`)).toBe(false);
    // Every acknowledgement went out before the stop (the mailbox is kept in the data folder).
    const mailbox = JSON.parse(readFileSync(join(dataDir, 'mailbox.json'), 'utf8')) as {
      destination: { to: string[] };
    }[];
    for (const email of addresses) {
      expect(mailbox.filter((mail) => mail.destination.to.includes(email))).toHaveLength(1);
    }
  });
});
