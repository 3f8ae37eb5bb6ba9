/**
 * The walking skeleton end to end: the real sandbox (DynamoDB Local, fauxqs, aws-ses-v2-local,
 * the gateway and the pollers) running the same handlers as Lambda.
 */
import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import { message } from '../../shared/i18n/messages.ts';
import { eventually } from '../support/eventually.ts';
import { useSandbox } from '../support/sandbox-client.ts';

let sqs: SQSClient;

const suite = useSandbox('courtdesk-e2e-', {
  quiet: true,
  retryDelaySeconds: 1,
  buildWeb: false,
  // Some thirty submissions from 127.0.0.1, past the form's per-address limit (edge-limits.e2e tests it).
  edgeLimits: { form: { limit: 1000 } },
});

beforeAll(async () => {
  sqs = new SQSClient({
    endpoint: suite.sandbox.urls.sqs,
    region: localRegion,
    credentials: localCredentials,
  });
});

afterAll(async () => {
  sqs?.destroy();
});

function uniqueEmail(): string {
  return `client-${randomUUID().slice(0, 8)}@example.lv`;
}

function formRequest(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Līga Ozoliņa',
    email: uniqueEmail(),
    topic: 'e-services',
    subject: 'Piekļuve e-lietas portālam',
    message: 'Nevaru pieslēgties e-lietas portālam.',
    consent: true,
    language: 'lv',
    ...overrides,
  };
}

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('GET /api/topics', () => {
  it('lists the topic catalogue in Latvian and English', async () => {
    const response = await fetch(`${suite.sandbox.urls.web}/api/topics`);
    expect(response.status).toBe(200);
    const topics = (await response.json()) as { id: string; label: { lv: string; en: string } }[];
    expect(topics.length).toBeGreaterThanOrEqual(5);
    expect(topics[0]).toEqual({
      id: 'court-fees',
      label: { lv: 'Tiesu izdevumi un maksājumi', en: 'Court fees and payments' },
    });
  });
});

describe('POST /api/requests', () => {
  it('turns a request into a ticket and an acknowledgement email', async () => {
    const request = formRequest();
    const { status, body } = await post(request);

    expect(status).toBe(202);
    expect(body.reference).toMatch(/^TA-\d{4}-\d{6}$/);
    expect(body.expectedAnswerBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const reference = String(body.reference);
    const ticket = await eventually(() => suite.client.ticket(reference), 20_000, 'the ticket');
    expect(ticket).toMatchObject({
      reference,
      channel: 'web',
      status: 'new',
      topic: 'e-services',
      competence: 'e-services',
      subject: request.subject,
      body: request.message,
      answerDeadline: body.answerDeadline,
      client: { name: request.name, email: request.email },
    });

    const [email] = await eventually(async () => {
      const emails = await suite.client.emailsTo(request.email);
      return emails.length ? emails : undefined;
    });
    expect(email?.subject).toBe(`Jūsu pieprasījums saņemts — ${reference}`);
    expect(email?.body.text).toContain(reference);
    const stored = await eventually(async () => {
      const current = await suite.client.ticket(reference);
      return current?.acknowledgement ? current : undefined;
    });
    expect((stored.acknowledgement as { sesMessageId: string }).sesMessageId).toBe(email?.messageId);

    const events = (await suite.client.auditRecords()).filter((record) =>
      JSON.stringify(record.resources).includes(reference),
    );
    expect(events.map((record) => record.eventName).sort()).toEqual(['CreateTicket', 'SendEmail']);
    // The intake is audited with the submitter's origin, as CloudTrail records an API call.
    expect(events.find((record) => record.eventName === 'CreateTicket')).toMatchObject({
      eventVersion: '1.08',
      sourceIPAddress: '127.0.0.1',
      readOnly: false,
      responseElements: { reference, competence: 'e-services' },
    });
    expect(JSON.stringify(events)).not.toContain(request.email);
  });

  it('returns the same reference for a retry with the same Idempotency-Key and makes one ticket', async () => {
    const request = formRequest();
    const key = randomUUID();
    const answers = await Promise.all([
      post(request, { 'Idempotency-Key': key }),
      post(request, { 'Idempotency-Key': key }),
      post(request, { 'Idempotency-Key': key }),
    ]);
    const later = await post(request, { 'Idempotency-Key': key });

    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
    const references = new Set([...answers, later].map((answer) => answer.body.reference));
    expect(references.size).toBe(1);
    await eventually(async () => ((await suite.client.emailsTo(request.email)).length ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await suite.client.ticketsOf(request.email)).toHaveLength(1);
    expect(await suite.client.emailsTo(request.email)).toHaveLength(1);
  });

  it('answers 422 when an Idempotency-Key is reused for a different request', async () => {
    const key = randomUUID();
    expect((await post(formRequest(), { 'Idempotency-Key': key })).status).toBe(202);
    const { status, body } = await post(formRequest({ language: 'en' }), { 'Idempotency-Key': key });
    expect(status).toBe(422);
    expect(body.message).toBe('This Idempotency-Key was already used for a different request.');
  });

  it('answers 400 for malformed JSON, without internals', async () => {
    const { status, body } = await post('{"name": "unterminated');
    expect(status).toBe(400);
    expect(body).toEqual({ message: 'Pieprasījumu nevar nolasīt: tam jābūt derīgam JSON objektam.' });
    expect((await post('[1,2,3]')).status).toBe(400);
    expect((await post('null')).status).toBe(400);
  });

  it('answers 400 with field-level messages in the request language', async () => {
    const lv = await post({ language: 'lv', email: 'nav-epasts' });
    expect(lv.status).toBe(400);
    expect(lv.body.errors).toContainEqual({ field: 'name', message: 'Šis lauks ir obligāts.' });
    expect(lv.body.errors).toContainEqual({
      field: 'email',
      message: 'Norādiet derīgu e-pasta adresi, piemēram, vards@example.lv.',
    });

    const en = await post(formRequest({ language: 'en', consent: false }));
    expect(en).toEqual({
      status: 400,
      body: {
        errors: [
          {
            field: 'consent',
            message: 'We can only handle your request if you agree to the processing of your personal data.',
          },
        ],
      },
    });
  });

  it('names the help pages that may already answer the request in its acknowledgement (§10)', async () => {
    const request = formRequest({
      topic: 'court-fees',
      subject: 'Valsts nodevas atmaksa',
      message: 'Samaksāju valsts nodevu divreiz. Kā atgūt pārmaksāto valsts nodevu?',
    });
    const { status } = await post(request);
    expect(status).toBe(202);
    const [email] = await eventually(async () => {
      const emails = await suite.client.emailsTo(request.email);
      return emails.length ? emails : undefined;
    }, 20_000);
    const text = email?.body.text ?? '';
    expect(text).toContain('palīdzības lapās:');
    const link = text.match(/^ {2}(http\S+)$/m)?.[1] ?? '';
    expect(link).toBe(`${suite.sandbox.urls.web}/palidziba/state-fee-refund/`);
    // The address is a page of the help site, served by the sandbox as CloudFront serves it.
    const page = await eventually(async () => {
      const response = await fetch(link);
      return response.status === 200 ? response.text() : undefined;
    }, 20_000);
    expect(page).toContain('<html lang="lv"');
  });

  it('turns a callback request into a ticket with the number to call in E.164', async () => {
    // Act
    const { status, body } = await post(formRequest({ callback: true, phone: '+371 29 123 456' }));

    // Assess
    expect(status).toBe(202);
    const ticket = await eventually(() => suite.client.ticket(String(body.reference)), 20_000, 'the ticket');
    expect(ticket.callback).toEqual({ phone: '+37129123456' });
    expect(ticket.client).toMatchObject({ phone: '+37129123456' });
  });

  it.each([
    ['67000000', 'lv', 'a landline'],
    ['+371 67 000 000', 'en', 'a landline in international form'],
    ['+49 151 12345678', 'lv', 'a German mobile'],
    ['+370 612 34567', 'en', 'a Lithuanian mobile'],
    ['+371 2301 0000', 'en', 'a range no mobile operator has (only the server knows)'],
  ] as const)(
    'answers 400 on phone for a callback to %j, in %s (%s), and makes no ticket',
    async (phone, language, _case) => {
      const request = formRequest({ callback: true, phone, language });
      const { status, body } = await post(request);
      expect({ status, body }).toEqual({
        status: 400,
        body: { errors: [{ field: 'phone', message: message(language, 'error.phone.callback') }] },
      });
      expect(await suite.client.ticketsOf(request.email)).toHaveLength(0);
    },
  );

  it('answers 400 on callback when it is not a boolean', async () => {
    const { status, body } = await post(formRequest({ callback: 'yes', phone: '+371 20000000' }));
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ field: 'callback', message: message('lv', 'error.callback.invalid') }]);
  });

  it('answers 415 for a body that is not JSON, as a form post from another site would be', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: JSON.stringify(formRequest({ language: 'en' })),
      });
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({
        message: 'The request must be JSON (Content-Type: application/json).',
      });
    }
  });

  it('answers in the Accept-Language when the body names no language', async () => {
    const { language: _language, ...request } = formRequest({ name: '' });
    const { status, body } = await post(request, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(status).toBe(400);
    expect(body.errors).toContainEqual({ field: 'name', message: 'This field is required.' });
  });

  it('refuses invisible and control characters with a 400, and carries any other Unicode safely', async () => {
    const bad = await post(formRequest({ subject: 'Nodeva\uFFFE', name: 'Anna\u202Eevil' }));
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual([
      'name',
      'subject',
    ]);

    const text = 'Ķeguma ielā 😀 — “citāts” ∑ 日本';
    const good = await post(formRequest({ subject: text, message: `${text}\nOtrā rinda` }));
    expect(good.status).toBe(202);
    const ticket = await eventually(() => suite.client.ticket(String(good.body.reference)));
    expect(ticket.subject).toBe(text);
    expect(ticket.body).toBe(`${text}\nOtrā rinda`);
  });

  it('audits a refused request with the fields at fault but not their values', async () => {
    const email = uniqueEmail();
    const { status } = await post(formRequest({ email: `${email}@@`, topic: 'weather' }));
    expect(status).toBe(400);
    const refusal = await eventually(async () =>
      (await suite.client.auditRecords()).find(
        (record) =>
          record.errorCode === 'ValidationFailed' &&
          JSON.stringify(record.requestParameters) ===
            JSON.stringify({ channel: 'web', invalidFields: ['email', 'topic'] }),
      ),
    );
    expect(refusal).toMatchObject({ eventName: 'SubmitRequest', userIdentity: { type: 'Anonymous' } });
    expect(JSON.stringify(refusal)).not.toContain(email);
  });

  it('answers 400 for an unknown topic', async () => {
    const { status, body } = await post(formRequest({ topic: 'weather' }));
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ field: 'topic', message: 'Izvēlieties tēmu no saraksta.' }]);
  });

  it('answers 413 for a body over 256 KiB', async () => {
    const { status } = await post(formRequest({ message: 'x'.repeat(257 * 1024) }));
    expect(status).toBe(413);
  });

  it('answers 400 for a malformed Idempotency-Key', async () => {
    const { status } = await post(formRequest(), { 'Idempotency-Key': 'bad key!' });
    expect(status).toBe(400);
  });

  it('looks accepted but stores nothing when the honeypot is filled, and counts it', async () => {
    const request = formRequest({ website: 'http://spam.example' });
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date());
    const before = await suite.client.documents
      .send(
        new (await import('@aws-sdk/lib-dynamodb')).GetCommand({
          TableName: suite.sandbox.tableNames.tickets,
          Key: { pk: `STATS#honeypot#${day}`, sk: 'STATS' },
        }),
      )
      .then((result) => Number(result.Item?.count ?? 0));

    const { status, body } = await post(request);

    expect(status).toBe(202);
    expect(body.reference).toMatch(/^TA-\d{4}-\d{6}$/);
    const after = await suite.client.documents
      .send(
        new (await import('@aws-sdk/lib-dynamodb')).GetCommand({
          TableName: suite.sandbox.tableNames.tickets,
          Key: { pk: `STATS#honeypot#${day}`, sk: 'STATS' },
        }),
      )
      .then((result) => Number(result.Item?.count ?? 0));
    expect(after).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await suite.client.ticket(String(body.reference))).toBeUndefined();
    expect(await suite.client.emailsTo(request.email)).toHaveLength(0);
  });

  it('stores script in a message as text', async () => {
    const script = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const { body } = await post(formRequest({ subject: script, message: script }));
    const ticket = await eventually(() => suite.client.ticket(String(body.reference)));
    expect(ticket.body).toBe(script);
  });
});

describe('process-intake and send-email on the queues', () => {
  it('makes one ticket and one email when the same intake message is delivered twice', async () => {
    // Prepare: one intake message, sent twice with different deduplication ids (as after a redrive).
    const email = uniqueEmail();
    const reference = `TA-2026-9${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;
    const message = {
      version: 1,
      kind: 'new-request',
      sourceId: `web:${randomUUID()}`,
      channel: 'web',
      reference,
      receivedAt: new Date().toISOString(),
      language: 'en',
      client: { name: 'Redelivery Test', email },
      topic: 'general',
      subject: 'Twice',
      body: 'Delivered twice',
      origin: { sourceIPAddress: '127.0.0.1', userAgent: 'test', requestId: randomUUID() },
    };
    const queueUrl = suite.sandbox.queueUrls.intake?.url;

    // Act
    for (const deduplicationId of ['first', 'second']) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(message),
          MessageGroupId: 'redelivery',
          MessageDeduplicationId: `${reference}-${deduplicationId}`,
        }),
      );
    }

    // Assess
    await eventually(async () => ((await suite.client.emailsTo(email)).length ? true : undefined));
    await eventually(async () => ((await suite.sandbox.pendingMessages()) === 0 ? true : undefined));
    expect(await suite.client.ticketsOf(email)).toHaveLength(1);
    expect(await suite.client.emailsTo(email)).toHaveLength(1);
  });

  it('sends one email when the same outbound message is delivered twice', async () => {
    // Prepare: a ticket whose acknowledgement went out.
    const request = formRequest();
    const { body } = await post(request);
    const reference = String(body.reference);
    await eventually(async () => ((await suite.client.emailsTo(request.email)).length ? true : undefined));

    // Act: the acknowledgement is delivered again, past the queue's deduplication (as after a redrive).
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: suite.sandbox.queueUrls.outbound?.url,
        MessageBody: JSON.stringify({
          version: 1,
          kind: 'acknowledgement',
          outboundId: `ack-${reference}`,
          reference,
        }),
        MessageGroupId: reference,
        MessageDeduplicationId: `redrive-${randomUUID()}`,
      }),
    );

    // Assess
    await eventually(async () => ((await suite.sandbox.pendingMessages()) === 0 ? true : undefined));
    expect(await suite.client.emailsTo(request.email)).toHaveLength(1);
  });

  it('moves an unreadable message to the dead-letter queue while other clients go on', async () => {
    const queue = suite.sandbox.queueUrls.intake;
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue?.url,
        MessageBody: '{"this is": "not an intake message"}',
        MessageGroupId: 'poison',
        MessageDeduplicationId: randomUUID(),
      }),
    );
    // Another client's request is handled while the poison message is retried.
    const request = formRequest();
    const { body } = await post(request);
    await eventually(() => suite.client.ticket(String(body.reference)), 10_000, 'the other client’s ticket');

    const inDeadLetter = await eventually(
      async () => {
        const attributes = await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: queue?.deadLetterUrl,
            AttributeNames: ['ApproximateNumberOfMessages'],
          }),
        );
        const count = Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0);
        return count > 0 ? count : undefined;
      },
      40_000,
      'the dead-letter queue',
    );
    expect(inDeadLetter).toBe(1);
  });
});
