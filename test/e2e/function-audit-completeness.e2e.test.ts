/**
 * Functions: every function of the inventory, run on the real sandbox by its own
 * trigger — an HTTP request, a queue message, a mail over SMTP, an SES event, a schedule — leaves
 * a catalogued audit record of that run. The list is the inventory's, so a new function fails here
 * until it has a scenario (or a stated reason to write nothing, `unauditedFunctions`). The staff
 * API's routes are covered one by one in audit-completeness.e2e.test.ts; here its function is.
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { functions } from '../../infra/inventory.ts';
import {
  type AuditEventName,
  auditCatalogue,
  recordedDownstream,
  unauditedFunctions,
} from '../../shared/domain/audit-catalogue.ts';
import { ticketResource } from '../../shared/domain/audit-event.ts';
import { localDate } from '../../shared/domain/deadlines.ts';
import type { PostRegistrationResponse } from '../../shared/http/staff-contract.ts';
import { eventually } from '../support/eventually.ts';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';
import { textPdf, windowsExecutable } from '../support/scan-fixtures.ts';
import { answeredTicket, surveyLink } from '../support/survey-links.ts';
import { putUpload } from '../support/upload.ts';

type Row = Record<string, unknown> & {
  eventID: string;
  eventName: string;
  resources?: { ARN: string }[];
  errorCode?: string;
};

const suite = useSandbox('courtdesk-function-audit-', { quiet: true, buildWeb: false, schedules: false });

const names = async () =>
  new Set((await suite.client.auditRecords()).map((record) => String(record.eventID)));

const aboutTicket = (reference: string) => (record: Row) =>
  (record.resources ?? []).some((resource) => resource.ARN === ticketResource(reference).ARN);

async function submit(email: string): Promise<string> {
  const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      name: 'Jānis Bērziņš',
      email,
      topic: 'court-fees',
      subject: 'Valsts nodevas atmaksa',
      message: 'Lūdzu atmaksāt pārmaksāto valsts nodevu.',
      consent: true,
      language: 'lv',
    }),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { reference: string }).reference;
}

/** The mailroom registers a letter (without email: answered by post) and uploads its scan. */
async function postScan(bytes: Uint8Array): Promise<string> {
  const token = await staffToken(suite.sandbox, 'mailroom');
  const response = await fetch(`${suite.sandbox.urls.web}/api/staff/post`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Anna Kalniņa',
      address: { addressLine: 'Rīgas iela 5', place: 'Jelgava', postalCode: 'LV-3001' },
      receivedOn: localDate(new Date()),
      file: { filename: 'vestule.pdf', contentType: 'application/pdf', size: bytes.length },
    }),
  });
  expect(response.status).toBe(200);
  const { registration, upload } = (await response.json()) as PostRegistrationResponse;
  if (!upload) throw new Error('no upload');
  const put = await putUpload(upload.url, { headers: upload.headers, body: Buffer.from(bytes) });
  expect(put.status).toBe(200);
  return registration.id;
}

/** The ticket a registration became, once ingest-postal accepted its scan. */
async function postalTicket(id: string): Promise<string> {
  const token = await staffToken(suite.sandbox, 'mailroom');
  return eventually(async () => {
    const response = await fetch(`${suite.sandbox.urls.web}/api/staff/post/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return ((await response.json()) as PostRegistrationResponse).registration.reference;
  });
}

const smtp = () =>
  nodemailer.createTransport({
    host: '127.0.0.1',
    port: suite.sandbox.smtp.port,
    secure: false,
    ignoreTLS: true,
  });

/**
 * One or more runs of the function, each with what its record must be: a catalogued event named
 * in `events`, written by the function (or by the one its input goes to, `recordedDownstream`),
 * matching `is`.
 */
interface Run {
  readonly what: string;
  act(): Promise<(record: Row) => boolean>;
  readonly events: readonly AuditEventName[];
}

const scenarios: Record<string, readonly Run[]> = {
  'ingest-web': [
    {
      what: 'an accepted request',
      events: ['CreateTicket'],
      act: async () => aboutTicket(await submit(`web.${randomUUID().slice(0, 8)}@example.lv`)),
    },
    {
      what: 'a refused request (400)',
      events: ['SubmitRequest'],
      act: async () => {
        const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({ name: '', email: 'nav-adrese', consent: false }),
        });
        expect(response.status).toBe(400);
        return (record) => typeof record.errorCode === 'string';
      },
    },
  ],
  'survey-api': [
    {
      what: 'a survey response (the link opened first records nothing)',
      events: ['RecordSurveyResponse'],
      act: async () => {
        const reference = await answeredTicket(suite.sandbox, suite.client);
        const { token } = await surveyLink(suite.sandbox, reference);
        const response = await fetch(`${suite.sandbox.urls.web}/api/survey`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ t: token, satisfaction: 5, answered: 'yes' }),
        });
        expect(response.status).toBe(200);
        return aboutTicket(reference);
      },
    },
  ],
  'process-intake': [
    {
      what: 'a request becoming a ticket',
      events: ['CreateTicket'],
      act: async () => aboutTicket(await submit(`intake.${randomUUID().slice(0, 8)}@example.lv`)),
    },
  ],
  'send-email': [
    {
      what: 'an acknowledgement sent',
      events: ['SendEmail'],
      act: async () => aboutTicket(await submit(`ack.${randomUUID().slice(0, 8)}@example.lv`)),
    },
    {
      what: 'an acknowledgement printed as a letter (a client without email)',
      events: ['PrepareLetter'],
      act: async () =>
        aboutTicket(await postalTicket(await postScan(await textPdf(['Labdien! Lūdzu atbildēt pa pastu.'])))),
    },
  ],
  'ingest-email': [
    {
      what: 'an accepted mail',
      events: ['CreateTicket'],
      act: async () => {
        const from = `mail.${randomUUID().slice(0, 8)}@example.lv`;
        await smtp().sendMail({
          from,
          to: `info@${suite.sandbox.smtp.inboundDomain}`,
          subject: 'Jautājums par lietu',
          text: 'Labdien! Kad tiks izskatīta mana lieta?',
        });
        const [ticket] = await eventually(async () => {
          const tickets = await suite.client.ticketsOf(from);
          return tickets.length ? tickets : undefined;
        });
        return aboutTicket(String(ticket?.reference));
      },
    },
    {
      what: 'a mail held in quarantine (no sender)',
      events: ['QuarantineMail'],
      act: async () => {
        const subject = `Bez sūtītāja ${randomUUID()}`;
        await smtp().sendMail({
          envelope: { from: 'bounce@example.lv', to: `info@${suite.sandbox.smtp.inboundDomain}` },
          raw: `To: info@${suite.sandbox.smtp.inboundDomain}\r\nSubject: ${subject}\r\n\r\nTeksts bez From.\r\n`,
        });
        return () => true;
      },
    },
  ],
  'ingest-postal': [
    {
      what: 'an accepted scan',
      events: ['CreateTicket'],
      act: async () =>
        aboutTicket(await postalTicket(await postScan(await textPdf(['Labdien! Lūdzu izziņu par lietu.'])))),
    },
    {
      what: 'a refused scan (a renamed executable)',
      events: ['RefusePostalScan'],
      act: async () => {
        const id = await postScan(windowsExecutable());
        return (record) =>
          (record.requestParameters as { registrationId?: string } | null)?.registrationId === id;
      },
    },
  ],
  'mail-events': [
    {
      what: 'a bounce of our acknowledgement',
      events: ['RecordBounce'],
      act: async () =>
        aboutTicket(await submit(`bounce+${randomUUID().slice(0, 8)}@simulator.amazonses.com`)),
    },
  ],
  'deadline-sweeper': [
    {
      what: 'a scheduled sweep',
      events: ['SweepDeadlines'],
      act: async () => {
        await suite.sandbox.runScheduled('deadline-sweeper');
        return () => true;
      },
    },
  ],
  'retention-sweeper': [
    {
      what: 'a scheduled retention run (audited with counts, also when the day is done)',
      events: ['ApplyRetention'],
      act: async () => {
        await suite.sandbox.runScheduled('retention-sweeper');
        return () => true;
      },
    },
  ],
  'audit-watch': [
    {
      what: 'a scheduled access review',
      events: ['ReviewAccessPatterns'],
      act: async () => {
        await suite.sandbox.runScheduled('audit-watch');
        return () => true;
      },
    },
  ],
  'audit-sealer': [
    {
      what: 'a scheduled seal',
      events: ['SealAuditTrail'],
      act: async () => {
        await suite.sandbox.runScheduled('audit-sealer');
        return () => true;
      },
    },
  ],
  'staff-api': [
    {
      what: 'a staff call',
      events: ['GetMe'],
      act: async () => {
        const token = await staffToken(suite.sandbox, 'agent.court-fees');
        const response = await fetch(`${suite.sandbox.urls.web}/api/staff/me`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(response.status).toBe(200);
        return (record) => (record.userIdentity as { userName?: string })?.userName === 'agent.court-fees';
      },
    },
  ],
};

describe('every function writes its audit record when it runs', () => {
  it.each(functions.map((spec) => [spec.name] as const))('%s', async (name) => {
    if (name in unauditedFunctions) {
      expect(scenarios[name], `${name} is exempt from auditing, yet has a scenario`).toBeUndefined();
      return;
    }
    const runs = scenarios[name];
    expect(runs, `no scenario runs ${name}: add one, or exempt it with its reason`).toBeDefined();
    for (const run of runs ?? []) {
      const writer = run.events.every((event) =>
        (auditCatalogue[event].by as readonly string[]).includes(name),
      )
        ? name
        : recordedDownstream[name]?.by;
      expect(writer, `${name}: ${run.what} — the events are not its own, nor its downstream's`).toBeDefined();
      for (const event of run.events) expect(auditCatalogue[event].by as readonly string[]).toContain(writer);

      const before = await names();
      const matches = await run.act();
      const found = await eventually(
        async () => {
          const added = ((await suite.client.auditRecords()) as Row[]).filter(
            (record) =>
              !before.has(record.eventID) && run.events.includes(record.eventName as AuditEventName),
          );
          return added.find(matches);
        },
        20_000,
        `${name}: ${run.what}`,
      );
      expect(found, `${name}: ${run.what}`).toBeDefined();
    }
  });
});
