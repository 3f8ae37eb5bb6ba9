/**
 * What the forensic tests (erasure on request, retention moved forward in time) share: their own
 * sandbox with everything it logs captured from before it starts (the logs are scanned too), the
 * scan of it, the service-quality figures that must stay unchanged, and `npm run audit:verify`
 * over the test's period, run as a person runs it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, expect } from 'vitest';
import { repositoryRoot } from '../../infra/local/sandbox.ts';
import { type Finding, scanSandbox } from './forensic.ts';
import { needles, staffCaller } from './forensic-subject.ts';
import { type SandboxSuite, useSandbox } from './sandbox-client.ts';

export interface ForensicRun {
  readonly suite: SandboxSuite;
  /** Everything the sandbox's functions wrote to stdout and stderr so far. */
  logs(): string;
  /** Writes to the real stdout (the captured one is shown only with `SANDBOX_LOGS=1`). */
  report(text: string): void;
  /** Every occurrence of the subject's data in the running sandbox and the logs. */
  scan(): Promise<Finding[]>;
  /** Today's figures as the staff API's analytics answers them to an admin. */
  figures(): Promise<unknown>;
  /** `npm run audit:verify` over `from`–`to` once the period is sealed: its exit code. */
  auditVerify(from: Date, to: Date): Promise<number>;
}

/**
 * Starts capturing the output now and a sandbox (`<prefix>XXXXXX`) before the file's tests:
 * call it at the top of a test file. The sandbox logs at INFO, as the functions do in the cloud.
 */
export function useForensicSandbox(prefix: string): ForensicRun {
  const captured: string[] = [];
  const writes = {
    out: process.stdout.write.bind(process.stdout),
    err: process.stderr.write.bind(process.stderr),
  };
  process.env.POWERTOOLS_LOG_LEVEL ??= 'INFO';
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    captured.push(String(chunk));
    return process.env.SANDBOX_LOGS === '1' ? writes.out(chunk, ...rest) : true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    captured.push(String(chunk));
    return writes.err(chunk, ...rest);
  }) as typeof process.stderr.write;
  afterAll(() => {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
  });

  const suite = useSandbox(prefix, { quiet: false, retryDelaySeconds: 1, buildWeb: false, schedules: false });
  const logs = () => captured.join('');
  const report = (text: string) => {
    writes.out(text);
  };

  return {
    suite,
    logs,
    report,
    scan: () => scanSandbox(suite.sandbox, needles, { logs: logs() }),
    async figures() {
      const today = new Date().toISOString().slice(0, 10);
      const { status, body } = await staffCaller(suite.sandbox)(
        'admin',
        'GET',
        `/api/staff/analytics?from=${today}&to=${today}`,
      );
      expect(status).toBe(200);
      return body;
    },
    auditVerify: (from, to) => auditVerify(suite, from, to, report),
  };
}

async function auditVerify(
  suite: SandboxSuite,
  from: Date,
  to: Date,
  report: (text: string) => void,
): Promise<number> {
  const minute = (date: Date) => date.toISOString().slice(0, 16);
  // The sealer seals a minute once its grace has passed: wait for it, then run it now. `to` is
  // exclusive, so the minute of `to` itself need not be sealed.
  await new Promise((resolve) => setTimeout(resolve, (suite.sandbox.audit.graceSeconds + 61) * 1000));
  await suite.sandbox.runScheduled('audit-sealer');
  // A fast run can end within the minute it started: the verifier needs `--from` before `--to`.
  const end = new Date(Math.max(to.getTime(), from.getTime() + 60_000));
  const environment = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AWS_|AUDIT_|MAIL_BUCKET|TICKETS_TABLE)/.test(name)),
  );
  return promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/audit-verify.ts', '--from', minute(from), '--to', minute(end)],
    { cwd: repositoryRoot, env: { ...environment, COURTDESK_DATA_DIR: suite.dataDir } },
  ).then(
    () => 0,
    (error: { code: number; stdout: string; stderr: string }) => {
      report(`audit:verify: ${error.stdout}${error.stderr}\n`);
      return error.code;
    },
  );
}
