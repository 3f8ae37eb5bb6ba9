/**
 * Post, end to end on the real sandbox: the mailroom registers a letter, PUTs its scan
 * through the presigned URL (the S3 front reports the new object as S3's event notification would),
 * ingest-postal checks it by content and enqueues it, process-intake makes the ticket; a client
 * without an email address gets the acknowledgement as a printed letter (send-email renders the
 * PDF), which the mailroom lists, downloads and records as posted. And every bad input: renamed
 * executables, encrypted or damaged PDFs, oversize files, missing addresses, wrong roles.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../infra/inventory.ts';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import { lambdaContext } from '../../infra/local/lambda-context.ts';
import { s3Event } from '../../infra/local/object-events.ts';
import { tesseractOcr } from '../../shared/adapters/tesseract/ocr.ts';
import { localDate } from '../../shared/domain/deadlines.ts';
import { startOfRigaDay } from '../../shared/domain/postal-registration.ts';
import { addDays } from '../../shared/domain/working-days.ts';
import type {
  LetterListResponse,
  LetterResponse,
  PostRegistrationResponse,
  TicketDetail,
} from '../../shared/http/staff-contract.ts';
import { eventually } from '../support/eventually.ts';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';
import {
  corruptPdf,
  encryptedPdf,
  imageOnlyPdf,
  scannedTextPdf,
  textPdf,
  windowsExecutable,
} from '../support/scan-fixtures.ts';
import { putUpload } from '../support/upload.ts';

const suite = useSandbox('courtdesk-postal-', {
  quiet: process.env.SANDBOX_LOGS !== '1',
  retryDelaySeconds: 1,
  buildWeb: false,
  schedules: false,
});

const tokens: Record<string, string> = {};
beforeAll(async () => {
  for (const user of ['mailroom', 'agent.general', 'agent.court-fees', 'auditor'])
    tokens[user] = await staffToken(suite.sandbox, user);
});

async function call<T = Record<string, unknown>>(
  user: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  language = 'lv',
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${suite.sandbox.urls.web}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[user]}`,
      'accept-language': language,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const address = { addressLine: 'Brīvības iela 12-3', place: 'Rīga', postalCode: '1050' };

function registration(file: { filename: string; contentType: string; size: number }, extra = {}) {
  return {
    name: 'Jānis Bērziņš',
    address,
    receivedOn: localDate(new Date()),
    registeredMailNumber: 'rr123456789lv',
    file,
    ...extra,
  };
}

/** Registers a letter and PUTs its scan as the admin page does; answers the registration's id. */
async function registerAndUpload(
  bytes: Uint8Array,
  declared: { filename: string; contentType: string },
  extra = {},
): Promise<string> {
  const registered = await call<PostRegistrationResponse>(
    'mailroom',
    'POST',
    '/api/staff/post',
    registration({ ...declared, size: bytes.length }, extra),
  );
  expect(registered.status).toBe(200);
  const upload = registered.body.upload;
  if (!upload) throw new Error('No upload');
  const put = await putUpload(upload.url, {
    headers: { ...upload.headers, origin: suite.sandbox.urls.web },
    body: Buffer.from(bytes),
  });
  expect(put.status).toBe(200);
  return registered.body.registration.id;
}

async function settled(id: string, language = 'lv') {
  return eventually(async () => {
    const { body } = await call<PostRegistrationResponse>(
      'mailroom',
      'GET',
      `/api/staff/post/${id}`,
      undefined,
      language,
    );
    return body.registration.state === 'awaiting-scan' ? undefined : body.registration;
  }, 30_000);
}

function s3(): S3Client {
  return new S3Client({
    endpoint: suite.sandbox.urls.s3,
    region: localRegion,
    credentials: localCredentials,
    forcePathStyle: true,
  });
}

async function objectExists(key: string): Promise<boolean> {
  try {
    await s3().send(new GetObjectCommand({ Bucket: suite.sandbox.mailBucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

async function pdfText(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const pdf = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

describe('registering post', () => {
  it('a letter with a text layer becomes a postal ticket; its acknowledgement is a printed letter the mailroom posts', async () => {
    const receivedOn = addDays(localDate(new Date()), -2);
    const scan = await textPdf([
      'Labdien! Lūdzu atmaksāt pārmaksāto valsts nodevu lietā Nr. C-1234.',
      'Ar cieņu, Jānis Bērziņš, Rīgā',
    ]);
    const id = await registerAndUpload(
      scan,
      { filename: 'vēstule.pdf', contentType: 'application/pdf' },
      {
        receivedOn,
        topic: 'court-fees',
      },
    );
    const accepted = await settled(id);
    expect(accepted.state).toBe('accepted');
    expect(accepted.registeredMailNumber).toBe('RR123456789LV');
    expect(accepted.sender.postalAddress.postalCode).toBe('LV-1050');
    expect(accepted.scan).toEqual({ kind: 'pdf', pages: 2, needsTranscription: false });
    const reference = String(accepted.reference);

    // The ticket, as an agent of the unit reads it: received the day the letter arrived.
    const ticket = await eventually(async () => {
      const { status, body } = await call<{ ticket: TicketDetail }>(
        'agent.court-fees',
        'GET',
        `/api/staff/tickets/${reference}`,
      );
      return status === 200 ? body.ticket : undefined;
    });
    expect(ticket.channel).toBe('postal');
    expect(ticket.competence).toBe('court-fees');
    expect(ticket.receivedAt).toBe(startOfRigaDay(receivedOn).toISOString());
    expect(ticket.answeredBy).toBe('post');
    expect(ticket.client.postalAddress).toEqual({
      addressLine: 'Brīvības iela 12-3',
      place: 'Rīga',
      postalCode: 'LV-1050',
    });
    expect(ticket.postal).toMatchObject({
      receivedOn,
      registeredMailNumber: 'RR123456789LV',
      needsTranscription: false,
    });
    expect(ticket.thread[0]?.text).toContain('pārmaksāto valsts nodevu lietā Nr. C-1234');
    expect(ticket.attachments).toHaveLength(1);
    expect(ticket.attachments[0]?.contentType).toBe('application/pdf');

    // The acknowledgement went to the mailroom as a letter (the client has no email address).
    const listed = await eventually(async () => {
      const { body } = await call<LetterListResponse>('mailroom', 'GET', '/api/staff/letters');
      return body.items.find((letter) => letter.reference === reference);
    });
    expect(listed.kind).toBe('acknowledgement');
    expect(listed.recipientName).toBe('Jānis Bērziņš');
    const opened = await call<LetterResponse>(
      'mailroom',
      'GET',
      `/api/staff/letters/${reference}/${listed.letterId}`,
    );
    expect(opened.status).toBe(200);
    const text = await pdfText(opened.body.letter.downloadUrl);
    expect(text).toContain(reference);
    expect(text).toContain('Jānis Bērziņš');
    expect(text).toContain('Brīvības iela 12-3');
    expect(text).toContain('Rīga, LV-1050');
    expect(text).toContain('Tiesu administrācija ir saņēmusi Jūsu pieprasījumu');
    expect(text).toContain('www.ta.gov.lv');
    expect(text).not.toContain('automātiska vēstule');

    const dispatched = await call<LetterResponse>(
      'mailroom',
      'POST',
      `/api/staff/letters/${reference}/${listed.letterId}/dispatch`,
      { registeredMailNumber: 'rr987654321lv' },
    );
    expect(dispatched.status).toBe(200);
    expect(dispatched.body.letter.dispatch).toMatchObject({
      by: 'mailroom',
      registeredMailNumber: 'RR987654321LV',
      dispatchedOn: localDate(new Date()),
    });
    const again = await call(
      'mailroom',
      'POST',
      `/api/staff/letters/${reference}/${listed.letterId}/dispatch`,
      {},
    );
    expect(again.status).toBe(409);
    const pending = await call<LetterListResponse>('mailroom', 'GET', '/api/staff/letters');
    expect(pending.body.items.some((letter) => letter.letterId === listed.letterId)).toBe(false);
    const posted = await call<LetterListResponse>('mailroom', 'GET', '/api/staff/letters?state=dispatched');
    expect(posted.body.items.some((letter) => letter.letterId === listed.letterId)).toBe(true);

    // The thread says so.
    const after = await call<{ ticket: TicketDetail }>(
      'agent.court-fees',
      'GET',
      `/api/staff/tickets/${reference}`,
    );
    const notice = after.body.ticket.thread.find((entry) => entry.notice === 'acknowledgement');
    expect(notice?.delivery).toMatchObject({
      state: 'posted',
      letter: { letterId: listed.letterId, registeredMailNumber: 'RR987654321LV' },
    });

    // A reply by the agent is printed too, and says it.
    expect(
      (
        await call('agent.court-fees', 'POST', `/api/staff/tickets/${reference}/take`, {
          reason: 'Pasta tests',
        })
      ).status,
    ).toBe(200);
    const replied = await call<{ ticket: TicketDetail }>(
      'agent.court-fees',
      'POST',
      `/api/staff/tickets/${reference}/replies`,
      {
        text: 'Labdien! Pārmaksātā nodeva tiks atmaksāta 10 darba dienās.',
      },
    );
    expect(replied.status).toBe(200);
    const replyLetter = await eventually(async () => {
      const { body } = await call<LetterListResponse>('mailroom', 'GET', '/api/staff/letters');
      return body.items.find((letter) => letter.reference === reference && letter.kind === 'reply');
    });
    const replyPdf = await call<LetterResponse>(
      'mailroom',
      'GET',
      `/api/staff/letters/${reference}/${replyLetter.letterId}`,
    );
    expect(await pdfText(replyPdf.body.letter.downloadUrl)).toContain('tiks atmaksāta 10 darba dienās');
  });

  it('a scan without text gets the needs-transcription flag, and staff type it in once', async () => {
    const id = await registerAndUpload(
      await imageOnlyPdf(2),
      { filename: 'skenējums.pdf', contentType: 'application/pdf' },
      {
        email: 'anna.liepa@example.lv',
      },
    );
    const accepted = await settled(id);
    expect(accepted.scan).toEqual({ kind: 'pdf', pages: 2, needsTranscription: true });
    const reference = String(accepted.reference);
    const ticket = await eventually(async () => {
      const { status, body } = await call<{ ticket: TicketDetail }>(
        'agent.general',
        'GET',
        `/api/staff/tickets/${reference}`,
      );
      return status === 200 ? body.ticket : undefined;
    });
    // With an email address the client is answered by email (§9), and the list shows the flag.
    expect(ticket.answeredBy).toBe('email');
    expect(ticket.needsTranscription).toBe(true);
    expect(ticket.actions).toContain('transcribe');
    const typed = await call<{ ticket: TicketDetail }>(
      'agent.general',
      'POST',
      `/api/staff/tickets/${reference}/transcription`,
      {
        text: 'Klients jautā par izziņu no arhīva.',
      },
    );
    expect(typed.status).toBe(200);
    expect(typed.body.ticket.transcription).toMatchObject({
      text: 'Klients jautā par izziņu no arhīva.',
      by: 'agent.general',
    });
    expect(typed.body.ticket.actions).not.toContain('transcribe');
    expect(typed.body.ticket.needsTranscription).toBeUndefined();
    const twice = await call('agent.general', 'POST', `/api/staff/tickets/${reference}/transcription`, {
      text: 'Vēlreiz',
    });
    expect(twice.status).toBe(409);
  });

  it('a scanned page without a text layer is read by Latvian OCR where Tesseract is installed', async (context) => {
    const ocr = await tesseractOcr();
    if (!ocr) {
      if (process.env.CI === 'true')
        throw new Error('CI: tesseract-ocr-lav and poppler-utils must be installed');
      return context.skip();
    }
    const text = 'Labdien! Lūdzu izsniegt izziņu par manu lietu Nr. C-5678. Ar cieņu, Līga Ķēniņa';
    const id = await registerAndUpload(await scannedTextPdf(text), {
      filename: 'skenets.pdf',
      contentType: 'application/pdf',
    });
    const accepted = await settled(id);
    expect(accepted.scan).toEqual({ kind: 'pdf', pages: 1, needsTranscription: false, ocr: true });
    // Routed by what OCR read ("izziņu" → certificates and archive), like any letter's text.
    const ticket = (await eventually(async () => suite.client.ticket(String(accepted.reference)))) as {
      body: string;
      competence: string;
      postal: { scan: { ocr?: boolean }; needsTranscription: boolean };
    };
    expect(ticket.postal.scan.ocr).toBe(true);
    expect(ticket.postal.needsTranscription).toBe(false);
    expect(ticket.body).toContain('izziņu par manu lietu');
    expect(ticket.body).toContain('Ķēniņa');
    expect(ticket.competence).toBe('certificates-archive');
  });

  it('the same scan uploaded twice, or its event delivered twice, makes one ticket', async () => {
    const scan = await textPdf(['Atkārtota piegāde: viena vēstule, viens pieprasījums.']);
    const registered = await call<PostRegistrationResponse>(
      'mailroom',
      'POST',
      '/api/staff/post',
      registration({ filename: 'a.pdf', contentType: 'application/pdf', size: scan.length }),
    );
    const upload = registered.body.upload;
    if (!upload) throw new Error('No upload');
    // Signed with If-None-Match: the URL creates the scan, and cannot replace it.
    expect(new URL(upload.url).searchParams.get('X-Amz-SignedHeaders')).toBe(
      'content-length;content-type;host;if-none-match',
    );
    const put = () =>
      putUpload(upload.url, {
        headers: { ...upload.headers, origin: suite.sandbox.urls.web },
        body: Buffer.from(scan),
      });
    expect((await put()).status).toBe(200);
    const id = registered.body.registration.id;
    const accepted = await settled(id);
    const again = await put();
    expect(again.status).toBe(412);
    expect(await again.text()).toContain('PreconditionFailed');
    const spec = functions.find((fn) => fn.name === 'ingest-postal');
    if (!spec) throw new Error('no ingest-postal');
    const { handler } = (await import('../../functions/ingest-postal/handler.ts')) as {
      handler: (event: S3Event, context: unknown) => Promise<void>;
    };
    const event = s3Event(
      { bucket: suite.sandbox.mailBucket, key: `scans/${id}`, size: scan.length, etag: 'x' },
      'REPLAY',
    );
    await handler(event, lambdaContext(spec));
    await handler(event, lambdaContext(spec));
    const after = await settled(id);
    expect(after.reference).toBe(accepted.reference);
    const stored = await eventually(async () => suite.client.ticket(String(accepted.reference)));
    const email = (stored as { client: { email: string } }).client.email;
    const tickets = (await suite.client.ticketsOf(email)).filter((item) => item.sourceId === `postal:${id}`);
    expect(tickets).toHaveLength(1);
  });
});

describe('bad input', () => {
  it.each([
    ['a renamed Windows executable', windowsExecutable(), 'executable', 'Windows executable'],
    ['an encrypted PDF', encryptedPdf(), 'pdf-encrypted', undefined],
    ['a damaged PDF', corruptPdf(), 'pdf-corrupt', undefined],
  ] as const)(
    '%s is refused with a reason in both languages, deleted, and makes no ticket',
    async (_what, bytes, reason, detected) => {
      const id = await registerAndUpload(bytes, { filename: 'vestule.pdf', contentType: 'application/pdf' });
      const refused = await settled(id);
      expect(refused.state).toBe('refused');
      expect(refused.reference).toBeUndefined();
      expect(refused.refusal?.reason).toBe(reason);
      if (detected) expect(refused.refusal?.detected).toBe(detected);
      expect(refused.refusal?.message.length).toBeGreaterThan(20);
      const english = await settled(id, 'en');
      expect(english.refusal?.message).not.toBe(refused.refusal?.message);
      await eventually(async () => ((await objectExists(`scans/${id}`)) ? undefined : true));
      const records = await suite.client.auditRecords();
      expect(
        records.some(
          (record) =>
            record.eventName === 'RefusePostalScan' &&
            (record.requestParameters as { registrationId?: string } | null)?.registrationId === id,
        ),
      ).toBe(true);
    },
  );

  it('refuses wrong types, oversize files, missing addresses and impossible dates field by field, storing nothing', async () => {
    const before = (await call<{ items: { id: string }[] }>('mailroom', 'GET', '/api/staff/post?limit=1'))
      .body.items[0]?.id;
    const cases: [string, Record<string, unknown>, string][] = [
      ['text', registration({ filename: 'a.txt', contentType: 'text/plain', size: 10 }), 'file.contentType'],
      [
        'oversize',
        registration({ filename: 'a.pdf', contentType: 'application/pdf', size: 26 * 1024 * 1024 }),
        'file.size',
      ],
      ['empty', registration({ filename: 'a.pdf', contentType: 'application/pdf', size: 0 }), 'file.size'],
      [
        'no postal code',
        {
          ...registration({ filename: 'a.pdf', contentType: 'application/pdf', size: 10 }),
          address: { addressLine: 'Brīvības iela 1', place: 'Rīga', postalCode: '' },
        },
        'address.postalCode',
      ],
      [
        'bad postal code',
        {
          ...registration({ filename: 'a.pdf', contentType: 'application/pdf', size: 10 }),
          address: { ...address, postalCode: '10500' },
        },
        'address.postalCode',
      ],
      [
        'no address',
        {
          ...registration({ filename: 'a.pdf', contentType: 'application/pdf', size: 10 }),
          address: undefined,
        },
        'address',
      ],
      [
        'future',
        registration(
          { filename: 'a.pdf', contentType: 'application/pdf', size: 10 },
          { receivedOn: addDays(localDate(new Date()), 1) },
        ),
        'receivedOn',
      ],
    ];
    const messages: Record<string, string> = {};
    for (const [what, body, field] of cases) {
      const answer = await call<{ errors: { field: string; message: string }[] }>(
        'mailroom',
        'POST',
        '/api/staff/post',
        body,
      );
      expect(answer.status, what).toBe(400);
      expect(
        answer.body.errors.map((error) => error.field),
        what,
      ).toContain(field);
      messages[what] = answer.body.errors.find((error) => error.field === field)?.message ?? '';
    }
    // Said as it is: a missing nested field is required; a bad code names the form.
    expect(messages['no postal code']).toBe('Šis lauks ir obligāts.');
    expect(messages['bad postal code']).toBe('Latvijas pasta indekss ir formātā LV-1234.');
    // Nothing stored: the newest registration is still the one before.
    const newest = async () =>
      (await call<{ items: { id: string }[] }>('mailroom', 'GET', '/api/staff/post?limit=1')).body.items[0]
        ?.id;
    expect(await newest()).toBe(before);
  });

  it('only the mailroom registers post and handles letters; the mailroom reads no tickets', async () => {
    const body = registration({ filename: 'a.pdf', contentType: 'application/pdf', size: 10 });
    expect((await call('agent.general', 'POST', '/api/staff/post', body)).status).toBe(403);
    expect((await call('auditor', 'GET', '/api/staff/letters')).status).toBe(403);
    expect((await call('mailroom', 'GET', '/api/staff/tickets?view=queue')).status).toBe(403);
    expect(
      (
        await call('mailroom', 'POST', '/api/staff/calls', {
          digit: 1,
          phone: '+37129123456',
          name: 'A',
          summary: 'B',
        })
      ).status,
    ).toBe(403);
  });
});
