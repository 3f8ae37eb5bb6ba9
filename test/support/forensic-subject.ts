/**
 * One data subject brought through every channel of a running sandbox, for the forensic test: a
 * web form asking for a callback, a mail with an attachment and its follow-up, a registered letter
 * with its scan, a logged call, a staff reply with a file, a survey comment and an assistant
 * question naming the subject's email. Each channel carries a phrase of its own, so the scanner
 * tells which text was left behind.
 */
import { createHash, randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { expect } from 'vitest';
import type { Sandbox } from '../../infra/local/sandbox.ts';
import { localDate } from '../../shared/domain/deadlines.ts';
import { eventually } from './eventually.ts';
import type { Needle } from './forensic.ts';
import { type SandboxClient, staffToken } from './sandbox-client.ts';
import { textPdf } from './scan-fixtures.ts';
import { surveyLink } from './survey-links.ts';
import { putUpload } from './upload.ts';

export const subject = {
  name: 'Zelmārs Forenzikis',
  email: 'zelmars.forenzikis@example.lv',
  phone: '+371 2614 7395',
  addressLine: 'Pūpolu iela 77-9',
  place: 'Ķekava',
  postalCode: '2123',
} as const;

/** The texts each channel carries: unlikely words, so any occurrence is this subject's. */
export const phrases = {
  webForm: 'sarkanais dirižablis virs Ķekavas',
  mail: 'zaļais ezis zem tilta',
  mailAttachment: 'dzintara kabatas pulkstenis',
  followUp: 'trīs violeti lietussargi',
  letter: 'vecmāmiņas adīta šalle no Cēsīm',
  call: 'pazudušais velosipēds pie ezera',
  reply: 'apstiprinām jūsu kvīti ar zīmogu',
  replyFile: 'lēmums par ziloņa atgriešanu',
  survey: 'paldies par ātro oranžo atbildi',
  question: 'kur palika mans sudraba kompass',
} as const;

/** The needles the scanner looks for: every piece of the subject's data and every text. */
export const needles: readonly Needle[] = [
  { label: 'email', value: subject.email, kind: 'text' },
  { label: 'name', value: subject.name, kind: 'text' },
  { label: 'surname', value: 'Forenzikis', kind: 'text' },
  { label: 'phone', value: subject.phone, kind: 'phone' },
  { label: 'address', value: subject.addressLine, kind: 'text' },
  ...Object.entries(phrases).map(([label, value]) => ({
    label: `text:${label}`,
    value,
    kind: 'text' as const,
  })),
];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 40);

/**
 * The subject's identifiers hashed without a key (as client and subject keys were before keyed
 * pseudonyms): anyone with a list of addresses reverses these by hashing the list, so they count
 * as personal data wherever they are found.
 */
export const dictionaryNeedles: readonly Needle[] = [
  { label: 'email sha-256 (unkeyed client key)', value: sha256(subject.email), kind: 'text' },
  {
    label: 'email sha-256 (unkeyed subject key)',
    value: sha256(`subject-email\n${subject.email}`),
    kind: 'text',
  },
  {
    label: 'phone sha-256 (unkeyed subject key)',
    value: sha256('subject-phone\n+37126147395'),
    kind: 'text',
  },
];

export interface SubjectTickets {
  readonly web: string;
  readonly email: string;
  readonly postal: string;
  readonly phone: string;
  readonly questionId: string;
}

type Caller = <T = Record<string, unknown>>(
  user: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; body: T }>;

/** A staff API caller for the sandbox's seeded users (tokens fetched once each). */
export function staffCaller(sandbox: Sandbox): Caller {
  const tokens = new Map<string, string>();
  return async (user, method, path, body, headers = {}) => {
    if (!tokens.has(user)) tokens.set(user, await staffToken(sandbox, user));
    const response = await fetch(`${sandbox.urls.web}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(user)}`,
        'accept-language': 'lv',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as never };
  };
}

/** Brings the subject through every channel and waits until every queue and stream is done. */
export async function createSubject(sandbox: Sandbox, client: SandboxClient): Promise<SubjectTickets> {
  const call = staffCaller(sandbox);
  const web = await webFormWithCallback(sandbox, client);
  const email = await mailWithFollowUp(sandbox, client, web);
  const postal = await letterWithScan(sandbox, call);
  const phone = await loggedCall(call);
  await replyWithFile(sandbox, call, web);
  await surveyComment(sandbox, web);
  const questionId = await assistantQuestion(sandbox);
  await settled(sandbox);
  return { web, email, postal, phone, questionId };
}

/** Every queue empty and every stream consumer caught up. */
export async function settled(sandbox: Sandbox): Promise<void> {
  await eventually(async () => ((await sandbox.pendingMessages()) === 0 ? true : undefined), 60_000);
  await sandbox.streamsCaughtUp();
}

async function webFormWithCallback(sandbox: Sandbox, client: SandboxClient): Promise<string> {
  const response = await fetch(`${sandbox.urls.web}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      name: subject.name,
      email: subject.email,
      phone: subject.phone,
      callback: true,
      topic: 'court-fees',
      subject: 'Lūdzu atzvanīt',
      message: `Labdien! ${phrases.webForm}. Mana adrese: ${subject.addressLine}, ${subject.place}.`,
      consent: true,
      language: 'lv',
    }),
  });
  expect(response.status).toBe(202);
  const { reference } = (await response.json()) as { reference: string };
  await eventually(() => client.ticket(reference), 30_000, `ticket ${reference}`);
  return reference;
}

async function mailWithFollowUp(
  sandbox: Sandbox,
  client: SandboxClient,
  webReference: string,
): Promise<string> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: sandbox.smtp.port,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({
    from: `${subject.name} <${subject.email}>`,
    to: `nodevas@${sandbox.smtp.inboundDomain}`,
    subject: 'Pārmaksātā nodeva',
    text: `Labdien! ${phrases.mail}. Tālrunis ${subject.phone}.`,
    messageId: `<first.${randomUUID()}@example.lv>`,
    attachments: [
      {
        filename: 'paskaidrojums.txt',
        content: `${phrases.mailAttachment}\n${subject.name}\n`,
        contentType: 'text/plain',
      },
    ],
  });
  const ack = await eventually(async () => {
    const mails = await client.emailsTo(subject.email);
    return mails.find((mail) => !mail.subject.includes(webReference) && /TA-\d{4}-\d{6}/.test(mail.subject));
  }, 30_000);
  const reference = /TA-\d{4}-\d{6}/.exec(ack.subject)?.[0] ?? '';
  await transport.sendMail({
    from: subject.email,
    to: `nodevas@${sandbox.smtp.inboundDomain}`,
    subject: `Re: ${ack.subject}`,
    text: `Papildinu: ${phrases.followUp}.`,
    messageId: `<answer.${randomUUID()}@example.lv>`,
    inReplyTo: `<${ack.messageId}@eu-north-1.amazonses.com>`,
    references: [`<${ack.messageId}@eu-north-1.amazonses.com>`],
  });
  const call = staffCaller(sandbox);
  await eventually(
    async () => {
      const { body } = await call('agent.court-fees', 'GET', `/api/staff/tickets/${reference}`);
      return JSON.stringify(body).includes(phrases.followUp) ? true : undefined;
    },
    30_000,
    'the follow-up on its ticket',
  );
  transport.close();
  return reference;
}

async function letterWithScan(sandbox: Sandbox, call: Caller): Promise<string> {
  const scan = await textPdf([
    `Labdien! ${phrases.letter}.`,
    `Ar cieņu, ${subject.name}, ${subject.addressLine}`,
  ]);
  const registered = await call<{
    registration: { id: string };
    upload?: { url: string; headers: Record<string, string> };
  }>('mailroom', 'POST', '/api/staff/post', {
    name: subject.name,
    address: { addressLine: subject.addressLine, place: subject.place, postalCode: subject.postalCode },
    receivedOn: localDate(new Date()),
    registeredMailNumber: 'rr987654321lv',
    topic: 'court-fees',
    file: { filename: 'vēstule.pdf', contentType: 'application/pdf', size: scan.length },
  });
  expect(registered.status).toBe(200);
  const upload = registered.body.upload;
  if (!upload) throw new Error('No upload for the letter');
  const put = await putUpload(upload.url, {
    headers: { ...upload.headers, origin: sandbox.urls.web },
    body: Buffer.from(scan),
  });
  expect(put.status).toBe(200);
  const accepted = await eventually(async () => {
    const { body } = await call<{ registration: { state: string; reference?: string } }>(
      'mailroom',
      'GET',
      `/api/staff/post/${registered.body.registration.id}`,
    );
    return body.registration.reference ? body.registration : undefined;
  }, 30_000);
  return String(accepted.reference);
}

async function loggedCall(call: Caller): Promise<string> {
  const logged = await call<{ reference: string }>(
    'agent.court-fees',
    'POST',
    '/api/staff/calls',
    { digit: 1, phone: subject.phone, name: subject.name, summary: `Zvana piezīme: ${phrases.call}.` },
    { 'idempotency-key': `call-${randomUUID()}` },
  );
  expect(logged.status).toBe(200);
  return logged.body.reference;
}

async function replyWithFile(sandbox: Sandbox, call: Caller, reference: string): Promise<void> {
  await eventually(async () =>
    (await call('agent.court-fees', 'GET', `/api/staff/tickets/${reference}`)).status === 200
      ? true
      : undefined,
  );
  expect(
    (await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/take`, { reason: 'Forensic' }))
      .status,
  ).toBe(200);
  const file = Buffer.from(`%PDF-1.4\n% ${phrases.replyFile} ${subject.name}\n%%EOF\n`);
  const announced = await call<{ uploadId: string; url: string; headers: Record<string, string> }>(
    'agent.court-fees',
    'POST',
    `/api/staff/tickets/${reference}/uploads`,
    {
      filename: 'lemums.pdf',
      contentType: 'application/pdf',
      size: file.length,
      sha256: createHash('sha256').update(file).digest('base64'),
    },
  );
  expect(announced.status).toBe(200);
  const put = await putUpload(announced.body.url, {
    headers: { ...announced.body.headers, origin: sandbox.urls.web },
    body: new Uint8Array(file),
  });
  expect(put.status).toBe(200);
  const reply = await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/replies`, {
    text: `Labdien, ${subject.name}! ${phrases.reply}.`,
    attachments: [announced.body.uploadId],
  });
  expect(reply.status).toBe(200);
}

async function surveyComment(sandbox: Sandbox, reference: string): Promise<void> {
  const { token } = await surveyLink(sandbox, reference);
  const response = await fetch(`${sandbox.urls.web}/api/survey`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ t: token, satisfaction: 5, answered: 'yes', comment: phrases.survey }),
  });
  expect(response.status).toBe(200);
}

async function assistantQuestion(sandbox: Sandbox): Promise<string> {
  const response = await fetch(`${sandbox.urls.web}/api/assistant/answers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      q: `${phrases.question}? raksti uz ${subject.email}`,
      lang: 'lv',
      page: 'forensic',
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { questionId: string }).questionId;
}
