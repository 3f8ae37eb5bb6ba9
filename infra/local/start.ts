/**
 * `npm start`: runs the whole system locally and prints where to find it. Ctrl-C stops it
 * cleanly: requests in flight finish, the queues drain, the emulators stop.
 */
import { join, resolve } from 'node:path';
import { preflight } from './preflight.ts';
import { repositoryRoot, startSandbox } from './sandbox.ts';

/** Says what stops the start in one line each, and ends: no stack trace for a missing tool. */
function refuse(lines: readonly string[]): never {
  for (const line of lines) process.stderr.write(`courtdesk: ${line}\n`);
  process.exit(1);
}

function port(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535)
    refuse([`${name} must be a port number from 0 to 65535, not "${value}".`]);
  return number;
}

const ports = {
  web: port('COURTDESK_PORT', 3000),
  mailbox: port('COURTDESK_MAILBOX_PORT', 8005),
  dynamodb: port('COURTDESK_DYNAMODB_PORT', 8000),
  sqs: port('COURTDESK_SQS_PORT', 4566),
  smtp: port('COURTDESK_SMTP_PORT', 2525),
};
const dataDir = resolve(process.env.COURTDESK_DATA_DIR || join(repositoryRoot, '.courtdesk-data'));
const checked = await preflight({
  dataDir,
  ports: [
    { port: ports.web, variable: 'COURTDESK_PORT' },
    { port: ports.mailbox, variable: 'COURTDESK_MAILBOX_PORT' },
    { port: ports.dynamodb, variable: 'COURTDESK_DYNAMODB_PORT' },
    { port: ports.sqs, variable: 'COURTDESK_SQS_PORT' },
    { port: ports.smtp, variable: 'COURTDESK_SMTP_PORT' },
  ],
});
for (const warning of checked.warnings) process.stderr.write(`courtdesk: note: ${warning}\n`);
if (checked.problems.length > 0) refuse(checked.problems);

const sandbox = await startSandbox({
  dataDir,
  ports,
  // Locally, a failed message is retried after 10 s rather than the queue's 3 minutes.
  retryDelaySeconds: Number(process.env.COURTDESK_RETRY_DELAY_SECONDS ?? 10),
}).catch((error: unknown) =>
  // What the checks could not foresee (a port taken between the check and the start…): its message.
  refuse([`could not start: ${error instanceof Error ? error.message : String(error)}`]),
);

process.stdout.write(
  [
    '',
    'courtdesk is running locally',
    `  Web form (lv/en):      ${sandbox.urls.web}/`,
    `  API:                   ${sandbox.urls.web}/api/topics, POST ${sandbox.urls.web}/api/requests`,
    `  Help pages:            ${sandbox.urls.web}/palidziba/  (English: ${sandbox.urls.web}/en/help/)`,
    `  Client survey:         ${sandbox.urls.web}/aptauja/?t=…  (the link comes in the invitation mail after an answer)`,
    `  Admin page (staff):    ${sandbox.urls.web}/admin/  (figures and feedback: supervisor.court-fees; data subjects: dpo)`,
    `  Staff sign-in (dev):   ${sandbox.urls.web}/local/sign-in  (try agent.court-fees; all users: ${sandbox.urls.web}/local/users)`,
    `  Staff API:             ${sandbox.urls.web}/api/staff/me  (token: POST ${sandbox.urls.web}/local/token {"username":"agent.court-fees"})`,
    `  Inbound mail (SMTP):   ${sandbox.smtp.host}:${sandbox.smtp.port}  (any address @${sandbox.smtp.inboundDomain}, e.g. info@${sandbox.smtp.inboundDomain})`,
    `  Mailbox (sent mail):   ${sandbox.urls.mailbox}/  (JSON: ${sandbox.urls.mailbox}/store)`,
    `  DynamoDB Local:        ${sandbox.urls.dynamodb}`,
    `  SQS (fauxqs):          ${sandbox.urls.sqs.replace(/sqs\.[^.]+\.localhost/, '127.0.0.1')}`,
    `  Data kept in:          ${sandbox.dataDir}`,
    `  Deadline sweeper:      10 s after start, then every ${process.env.COURTDESK_SWEEP_INTERVAL_SECONDS ?? 3600} s (digests in the mailbox)`,
    `  Retention sweeper:     with the deadline sweeper's timer (schedule and periods: docs/retention.md)`,
    `  Service figures:       kept from the tickets' stream (check: npm run figures:rebuild)`,
    `  Audit sealer:          every 20 s, ${sandbox.audit.sealMinutes}-minute segments sealed ${sandbox.audit.graceSeconds} s after they end (check: npm run audit:verify -- --from <time> --to <time>)`,
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n'),
);

let stopping = false;
// SIGHUP too: closing the terminal must stop the sandbox as cleanly as Ctrl-C.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\ncourtdesk: stopping (finishing work in flight, draining queues)…\n');
    sandbox
      .stop()
      .then(() => {
        process.stdout.write('courtdesk: stopped\n');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error('courtdesk: stop failed', error);
        process.exit(1);
      });
  });
}
