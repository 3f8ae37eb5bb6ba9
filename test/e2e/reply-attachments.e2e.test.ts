/**
 * Files with staff replies, end to end on the real sandbox: the browser's part
 * played with fetch — a presigned PUT through the S3 front (CORS as S3 answers it) to fauxqs — then
 * the reply, outbound.fifo, send-email reading the file and SESv2 sending it as an attachment into
 * the SES emulator's mailbox. And the refusals: too big, wrong type, another ticket's upload, an
 * upload never made, an object that is not what was signed; an upload signed once only and for its
 * bytes (If-None-Match, its SHA-256), and a file stored again after it was attached refused by
 * content.
 */
import { createHash, randomUUID } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import type { TicketDetail, UploadResponse } from '../../shared/http/staff-contract.ts';
import { eventually } from '../support/eventually.ts';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';
import { putUpload } from '../support/upload.ts';

let token: string;
const agent = 'agent.court-fees';

const suite = useSandbox('courtdesk-reply-files-', {
  quiet: process.env.SANDBOX_LOGS !== '1',
  retryDelaySeconds: 1,
  buildWeb: false,
  schedules: false,
});

beforeAll(async () => {
  token = await staffToken(suite.sandbox, agent);
});

async function call(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  language = 'lv',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${suite.sandbox.urls.web}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'accept-language': language,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A web request of the agent's unit, taken by the agent. */
async function takenTicket(): Promise<{ reference: string; email: string }> {
  const email = `client-${randomUUID().slice(0, 8)}@example.lv`;
  const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Jānis Bērziņš',
      email,
      topic: 'court-fees',
      subject: 'Valsts nodevas atmaksa',
      message: 'Lūdzu atmaksāt pārmaksāto valsts nodevu lietā C12345.',
      consent: true,
      language: 'lv',
    }),
  });
  const { reference } = (await response.json()) as { reference: string };
  await eventually(async () => expect(await suite.client.ticket(reference)).toBeDefined());
  expect(
    (await call('POST', `/api/staff/tickets/${reference}/take`, { reason: 'Pielikumu tests' })).status,
  ).toBe(200);
  return { reference, email };
}

/** A file's SHA-256, base64, as the admin page computes it before announcing the file. */
const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('base64');

async function announce(
  reference: string,
  file: { filename: string; contentType: string; size: number; sha256?: string },
) {
  return call('POST', `/api/staff/tickets/${reference}/uploads`, {
    sha256: sha256Of(Buffer.alloc(file.size)),
    ...file,
  });
}

/** PUTs as the admin page does: the returned headers, the bytes, from the page's origin. */
async function put(upload: UploadResponse, content: Buffer, headers = upload.headers): Promise<Response> {
  return putUpload(upload.url, {
    headers: { ...headers, origin: suite.sandbox.urls.web },
    body: new Uint8Array(content),
  });
}

const pdf = Buffer.concat([
  Buffer.from('%PDF-1.4\n% Lēmums par valsts nodevas atmaksu\n'),
  Buffer.alloc(2048, 0x41),
  Buffer.from('\n%%EOF\n'),
]);

describe('reply attachments', () => {
  it('uploads through the presigned URL and sends the file as a MIME attachment through SESv2', async () => {
    const { reference, email } = await takenTicket();
    const announced = await announce(reference, {
      filename: 'C:\\Lietas\\Lēmums\u202Efdp.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: sha256Of(pdf),
    });
    expect(announced.status).toBe(200);
    const upload = announced.body as unknown as UploadResponse;
    // No path, no bidirectional override; content type, length and name signed into the URL.
    expect(upload.filename).toBe('Lēmumsfdp.pdf');
    const url = new URL(upload.url);
    expect(url.hostname).toBe(`${suite.sandbox.mailBucket}.s3.localhost`);
    expect(url.pathname).toBe(`/replies/${reference}/${upload.uploadId}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe(
      'content-length;content-type;host;if-none-match;x-amz-checksum-sha256;x-amz-meta-filename;x-amz-meta-sha256;x-amz-meta-size',
    );
    expect(url.searchParams.has('x-amz-checksum-crc32')).toBe(false);
    expect(upload.headers).toEqual({
      'content-type': 'application/pdf',
      'if-none-match': '*',
      'x-amz-checksum-sha256': sha256Of(pdf),
      'x-amz-meta-filename': encodeURIComponent('Lēmumsfdp.pdf'),
      'x-amz-meta-sha256': sha256Of(pdf),
      'x-amz-meta-size': String(pdf.length),
    });
    expect(Date.parse(upload.expiresAt) - Date.now()).toBeGreaterThan(4 * 60_000);

    // The browser's preflight, answered as S3 answers it with the bucket's CORS rule.
    const preflight = await fetch(upload.url, {
      method: 'OPTIONS',
      headers: {
        origin: suite.sandbox.urls.web,
        'access-control-request-method': 'PUT',
        'access-control-request-headers':
          'content-type,if-none-match,x-amz-checksum-sha256,x-amz-meta-filename,x-amz-meta-sha256,x-amz-meta-size',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('PUT');
    const refusedPreflight = await fetch(upload.url, {
      method: 'OPTIONS',
      headers: { origin: suite.sandbox.urls.web, 'access-control-request-method': 'DELETE' },
    });
    expect(refusedPreflight.status).toBe(403);

    const uploaded = await put(upload, pdf);
    expect(uploaded.status).toBe(200);
    expect(uploaded.headers.get('access-control-allow-origin')).toBe('*');

    const reply = await call('POST', `/api/staff/tickets/${reference}/replies`, {
      text: 'Labdien! Pielikumā lēmums.',
      attachments: [upload.uploadId],
    });
    expect(reply.status).toBe(200);
    const entry = (reply.body.ticket as TicketDetail).thread.find((item) => item.kind === 'reply');
    expect(entry?.attachments).toEqual([
      { name: 'Lēmumsfdp.pdf', contentType: 'application/pdf', size: pdf.length, url: expect.any(String) },
    ]);
    // Staff download it as a ticket's file: a 5-minute link, always a download.
    const download = await fetch(entry?.attachments?.[0]?.url ?? '');
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    const [mail] = await eventually(async () => {
      const mails = await suite.client.emailsTo(email);
      const replies = mails.filter((candidate) => candidate.body.text?.includes('Pielikumā lēmums'));
      expect(replies).toHaveLength(1);
      return replies;
    });
    const stored = mail as unknown as {
      attachments: { filename: string; contentType: string; content: string; size: number }[];
    };
    expect(stored.attachments).toHaveLength(1);
    expect(stored.attachments[0]).toMatchObject({
      filename: 'Lēmumsfdp.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    });
    expect(Buffer.from(stored.attachments[0]?.content ?? '', 'base64').equals(pdf)).toBe(true);

    const audit = (await suite.client.auditRecords()).filter(
      (record) =>
        record.eventName === 'CreateReplyUpload' &&
        JSON.stringify(record.resources).includes(reference) &&
        !record.errorCode,
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.requestParameters)).not.toContain('Lēmums');
  });

  it('refuses a file too big, of a type not allowed, or named for another type, field by field (lv/en)', async () => {
    const { reference } = await takenTicket();
    const tooBig = await announce(reference, {
      filename: 'skenējums.pdf',
      contentType: 'application/pdf',
      size: 10 * 1024 * 1024 + 1,
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.errors).toEqual([{ field: 'size', message: 'Fails ir lielāks par 10 MB.' }]);
    const program = await call(
      'POST',
      `/api/staff/tickets/${reference}/uploads`,
      {
        filename: 'setup.exe',
        contentType: 'application/x-msdownload',
        size: 100,
        sha256: sha256Of(Buffer.alloc(100)),
      },
      'en',
    );
    expect(program.status).toBe(400);
    expect(program.body.errors).toEqual([
      { field: 'contentType', message: expect.stringContaining('This type of file cannot be attached') },
    ]);
    const disguised = await announce(reference, {
      filename: 'lemums.exe',
      contentType: 'application/pdf',
      size: 100,
    });
    expect(disguised.status).toBe(400);
    expect(disguised.body.errors).toEqual([
      { field: 'filename', message: 'Faila nosaukuma paplašinājums neatbilst faila veidam.' },
    ]);
    const refusals = (await suite.client.auditRecords()).filter(
      (record) =>
        record.eventName === 'CreateReplyUpload' &&
        record.errorCode === 'ValidationError' &&
        JSON.stringify(record.resources).includes(reference),
    );
    expect(refusals).toHaveLength(3);
  });

  it("refuses a reply naming another ticket's upload, one never uploaded, or an object unlike its signature", async () => {
    const first = await takenTicket();
    const second = await takenTicket();
    const text = Buffer.from('Paskaidrojums\n');
    const foreign = (
      await announce(first.reference, {
        filename: 'a.txt',
        contentType: 'text/plain',
        size: text.length,
        sha256: sha256Of(text),
      })
    ).body as unknown as UploadResponse;
    expect((await put(foreign, text)).status).toBe(200);
    const reply = (attachments: string[], language = 'lv') =>
      call(
        'POST',
        `/api/staff/tickets/${second.reference}/replies`,
        { text: 'Atbilde', attachments },
        language,
      );

    const other = await reply([foreign.uploadId]);
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([
      {
        field: 'attachments',
        message: 'Pievienotais fails nav augšupielādēts vai nav atrasts. Pievienojiet to vēlreiz.',
      },
    ]);
    const never = (
      await announce(second.reference, { filename: 'b.txt', contentType: 'text/plain', size: 5 })
    ).body as unknown as UploadResponse;
    const missing = await reply([never.uploadId], 'en');
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      {
        field: 'attachments',
        message: 'An attached file was not uploaded or cannot be found. Attach it again.',
      },
    ]);
    // The emulator does not check signatures as S3 does: a PUT of other bytes without the signed
    // checksum header is caught by the reply's look at the object.
    const swapped = (
      await announce(second.reference, { filename: 'c.txt', contentType: 'text/plain', size: 5 })
    ).body as unknown as UploadResponse;
    const { 'x-amz-checksum-sha256': _checksum, ...unchecked } = swapped.headers;
    expect((await put(swapped, Buffer.from('more than five bytes'), unchecked)).status).toBe(200);
    const unlike = await reply([swapped.uploadId]);
    expect(unlike.status).toBe(400);
    expect(unlike.body.errors).toEqual([
      { field: 'attachments', message: expect.stringContaining('neatbilst') },
    ]);
    const malformed = await reply(['../../raw-mail/x']);
    expect(malformed.status).toBe(400);
    expect((malformed.body.errors as { field: string }[])[0]?.field).toBe('attachments.0');
    // Nothing was written: the thread has no reply.
    const detail = await call('GET', `/api/staff/tickets/${second.reference}`);
    expect((detail.body.ticket as TicketDetail).thread.some((entry) => entry.kind === 'reply')).toBe(false);
  });

  it('a reply upload swapped after attaching is refused by content', async () => {
    const { reference } = await takenTicket();
    const text = Buffer.from('Paskaidrojums: summa 120 EUR\n');
    const upload = (
      await announce(reference, {
        filename: 'paskaidrojums.txt',
        contentType: 'text/plain',
        size: text.length,
        sha256: sha256Of(text),
      })
    ).body as unknown as UploadResponse;

    // Its URL takes only the bytes announced (S3's BadDigest), and only once (If-None-Match).
    const other = Buffer.from('Paskaidrojums: summa 990 EUR\n');
    expect(other.length).toBe(text.length);
    const badDigest = await put(upload, other);
    expect(badDigest.status).toBe(400);
    expect(await badDigest.text()).toContain('BadDigest');
    expect((await put(upload, text)).status).toBe(200);
    expect((await put(upload, text)).status).toBe(412);

    // Stored again in the bucket with other bytes and everything else alike (size, type, name, the
    // announced checksum in its metadata), as a writer of the bucket could.
    // Through the bucket's front, as the functions reach it (AWS_ENDPOINT_URL_S3).
    const s3 = new S3Client({
      endpoint: process.env.AWS_ENDPOINT_URL_S3 ?? suite.sandbox.urls.s3,
      region: localRegion,
      credentials: localCredentials,
    });
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: suite.sandbox.mailBucket,
          Key: `replies/${reference}/${upload.uploadId}`,
          Body: other,
          ContentType: 'text/plain',
          Metadata: {
            filename: upload.headers['x-amz-meta-filename'] ?? '',
            size: String(text.length),
            sha256: sha256Of(text),
          },
        }),
      );
    } finally {
      s3.destroy();
    }

    // The reply refuses it by its content, in Latvian and in English, and nothing is sent.
    for (const [language, message] of [
      [
        'lv',
        'Pievienotā faila saturs pēc pievienošanas ir mainīts, tāpēc to nevar nosūtīt. Pievienojiet failu vēlreiz.',
      ],
      [
        'en',
        "An attached file's content was changed after it was attached, so it cannot be sent. Attach the file again.",
      ],
    ] as const) {
      const refused = await call(
        'POST',
        `/api/staff/tickets/${reference}/replies`,
        { text: 'Labdien! Pielikumā paskaidrojums.', attachments: [upload.uploadId] },
        language,
      );
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'attachments', message }]);
    }
    const detail = await call('GET', `/api/staff/tickets/${reference}`);
    expect((detail.body.ticket as TicketDetail).thread.some((entry) => entry.kind === 'reply')).toBe(false);
  });
});
