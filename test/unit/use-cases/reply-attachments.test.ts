/**
 * Files with staff replies: the upload's checks and signed target, the reply's
 * look at what arrived, and send-email attaching the files through the Mailer port.
 */
import { createHash } from 'node:crypto';
import type { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryBlobStore,
  MemoryMailer,
  MemoryQueue,
  MemoryTicketStore,
  MemoryUploadTargets,
  MemoryWorklists,
} from '../../../shared/adapters/memory/index.ts';
import { SesMailer } from '../../../shared/adapters/ses/mailer.ts';
import type { OutboundMessage } from '../../../shared/domain/intake-message.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import {
  maxAttachmentBytes,
  replyUploadKey,
  sanitizeFilename,
} from '../../../shared/domain/reply-attachments.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import { UnsafeHeaderField } from '../../../shared/mail/outbound-headers.ts';
import type { ThreadMessage } from '../../../shared/ports/thread-message.ts';
import type { StaffWrite, TicketDesk, TicketRecord } from '../../../shared/ports/ticket-desk.ts';
import { BacklogCache } from '../../../shared/use-cases/backlog-cache.ts';
import { createReplyUpload } from '../../../shared/use-cases/create-reply-upload.ts';
import { replyToClient } from '../../../shared/use-cases/reply-to-client.ts';
import {
  ReplyAttachmentUnavailable,
  sendOutboundMessage,
} from '../../../shared/use-cases/send-outbound-message.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import type { StaffDeskDeps } from '../../../shared/use-cases/staff-desk.ts';
import { testTicket } from '../../support/tickets.ts';

const reference = 'TA-2026-000042';
const agent: StaffCaller = {
  username: 'agent.court-fees',
  roles: ['agent'],
  competences: ['court-fees'],
  supervises: [],
  expiresAt: 2_000_000_000,
  issuedAt: 1_900_000_000,
  sessionId: 'session-1',
  sourceIPAddress: '192.0.2.1',
  userAgent: 'test',
  requestId: 'request-1',
};

/** A TicketDesk over a MemoryTicketStore: the partition's messages kept in the store's map. */
class MemoryTicketDesk implements TicketDesk {
  constructor(readonly store: MemoryTicketStore) {}
  async record(ref: string): Promise<TicketRecord | undefined> {
    const ticket = this.store.tickets.get(ref);
    if (!ticket) return undefined;
    const messages = [...this.store.messages.entries()]
      .filter(([key]) => key.startsWith(`${ref}/`))
      .map(([, message]) => message);
    return { ticket, messages, sent: [] };
  }
  async write(ref: string, change: StaffWrite): Promise<Ticket | 'conflict' | 'duplicate'> {
    const ticket = this.store.tickets.get(ref);
    if (!ticket || ticket.status !== change.expect.status) return 'conflict';
    if (change.message) {
      if (this.store.messages.has(`${ref}/${change.message.id}`)) return 'duplicate';
      this.store.messages.set(`${ref}/${change.message.id}`, change.message);
    }
    const updated = change.statusChange ? { ...ticket, status: change.statusChange.to } : ticket;
    this.store.tickets.set(ref, updated);
    return updated;
  }
  async clientTickets(): Promise<Ticket[]> {
    return [];
  }
}

function desk(status: Ticket['status'] = 'open') {
  const store = new MemoryTicketStore();
  store.tickets.set(
    reference,
    testTicket(reference, 'court-fees', {
      status,
      assignee: agent.username,
      answerDeadline: '2026-12-15',
      receivedAt: '2026-11-20T09:00:00Z',
    }),
  );
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const uploads = new MemoryUploadTargets();
  const audit = new MemoryAuditLog();
  const outboundQueue = new MemoryQueue<OutboundMessage>();
  const deps: StaffDeskDeps = {
    store,
    desk: new MemoryTicketDesk(store),
    worklists: new MemoryWorklists(store),
    outboundQueue,
    audit,
    clock,
    backlog: new BacklogCache(store, clock),
    downloads: { link: async (key) => `https://downloads.example/${key}` },
    uploads,
  };
  return { deps, store, uploads, audit, outboundQueue, clock };
}

const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');

/** A file's SHA-256, base64, as the admin page computes it before announcing the file. */
const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('base64');
const someSha = sha256Of(Buffer.from('some file'));

/** Announces and "uploads" a file as the browser would; answers its upload id. */
async function uploaded(
  context: ReturnType<typeof desk>,
  file: { filename: string; contentType: string; content: Buffer },
  ref = reference,
): Promise<string> {
  const { uploadId } = await createReplyUpload(context.deps, agent, ref, {
    filename: file.filename,
    contentType: file.contentType,
    size: file.content.length,
    sha256: sha256Of(file.content),
  });
  context.uploads.upload(replyUploadKey(ref, uploadId), file.content);
  return uploadId;
}

async function refusal(promise: Promise<unknown>): Promise<Refused['fields']> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Refused);
  expect(error).toMatchObject({ code: 'ValidationError', status: 400 });
  return (error as Refused).fields;
}

describe('sanitizeFilename', () => {
  it.each([
    ['C:\\Users\\anna\\Lēmums.pdf', 'Lēmums.pdf'],
    ['../../etc/passwd.txt', 'passwd.txt'],
    ['a\r\nBcc: x@example.lv.pdf', 'aBcc_ x@example.lv.pdf'],
    ['rēķins\u202Efdp.exe', 'rēķinsfdp.exe'],
    ['...hidden.txt', 'hidden.txt'],
    ['  many   spaces .pdf ', 'many spaces .pdf'],
    ['"quoted" <name>.pdf', '_quoted_ _name_.pdf'],
    ['\u0000\u0001', ''],
    ['Sēde'.normalize('NFD'), 'Sēde'],
  ])('%j becomes %j', (given, expected) => {
    expect(sanitizeFilename(given)).toBe(expected);
  });

  it('cuts a long name and keeps its extension', () => {
    const name = sanitizeFilename(`${'ā'.repeat(300)}.docx`);
    expect(name).toHaveLength(150);
    expect(name.endsWith('.docx')).toBe(true);
  });
});

describe('createReplyUpload', () => {
  it('signs a 5-minute PUT under replies/<reference>/ bound to type, size and name, and audits it', async () => {
    const context = desk();
    const sha256 = sha256Of(Buffer.from('Lēmums'));
    const upload = await createReplyUpload(context.deps, agent, reference, {
      filename: 'docs/Lēmums.pdf',
      contentType: 'application/pdf',
      size: 1234,
      sha256,
    });
    expect(upload).toMatchObject({
      filename: 'Lēmums.pdf',
      expiresAt: '2026-11-27T10:05:00.000Z',
      headers: {
        'content-type': 'application/pdf',
        'x-amz-meta-filename': 'L%C4%93mums.pdf',
        'x-amz-meta-size': '1234',
        // Once only, and only these bytes: S3 refuses a PUT over the file or with other bytes.
        'if-none-match': '*',
        'x-amz-checksum-sha256': sha256,
      },
    });
    expect(context.uploads.signed.get(replyUploadKey(reference, upload.uploadId))).toEqual({
      contentType: 'application/pdf',
      size: 1234,
      metadata: { filename: 'L%C4%93mums.pdf', size: '1234', sha256 },
      sha256,
      ifNoneMatch: true,
    });
    expect(context.audit.records).toHaveLength(1);
    expect(context.audit.records[0]).toMatchObject({
      eventName: 'CreateReplyUpload',
      requestParameters: { reference, contentType: 'application/pdf', size: 1234 },
    });
    expect(JSON.stringify(context.audit.records[0])).not.toContain('Lēmums');
  });

  it.each([
    [
      { filename: 'a.pdf', contentType: 'application/pdf', size: maxAttachmentBytes + 1 },
      'size',
      'staff.upload.tooLarge',
    ],
    [{ filename: 'a.pdf', contentType: 'application/pdf', size: 0 }, 'size', 'staff.upload.empty'],
    [
      { filename: 'a.exe', contentType: 'application/x-msdownload', size: 10 },
      'contentType',
      'staff.upload.type',
    ],
    [{ filename: 'a.html', contentType: 'text/html', size: 10 }, 'contentType', 'staff.upload.type'],
    [{ filename: 'a.exe', contentType: 'application/pdf', size: 10 }, 'filename', 'staff.upload.extension'],
    [
      { filename: '\u0007\u0008', contentType: 'application/pdf', size: 10 },
      'filename',
      'staff.upload.filename',
    ],
  ])('refuses %j: %s', async (file, field, key) => {
    const context = desk();
    const errors = await refusal(
      createReplyUpload(context.deps, agent, reference, { ...file, sha256: someSha }),
    );
    expect(errors).toContainEqual(expect.objectContaining({ field, key }));
    expect(context.uploads.signed.size).toBe(0);
  });

  it('applies the reply’s access rules: not taken, closed, or another unit’s ticket', async () => {
    const file = { filename: 'a.pdf', contentType: 'application/pdf', size: 10, sha256: someSha };
    await expect(createReplyUpload(desk('new').deps, agent, reference, file)).rejects.toEqual(
      new Refused('NotTaken', 409),
    );
    await expect(createReplyUpload(desk('closed').deps, agent, reference, file)).rejects.toEqual(
      new Refused('Closed', 409),
    );
    const stranger = { ...agent, username: 'agent.family', competences: ['family-law' as never] };
    await expect(createReplyUpload(desk().deps, stranger, reference, file)).rejects.toEqual(
      new Refused('AccessDenied', 403),
    );
  });
});

describe('replyToClient with attachments', () => {
  it('records the uploads on the reply message and lists them (with links) in the thread', async () => {
    const context = desk();
    const id = await uploaded(context, {
      filename: 'Lēmums.pdf',
      contentType: 'application/pdf',
      content: pdf,
    });
    const detail = await replyToClient(
      context.deps,
      agent,
      reference,
      { text: 'Pielikumā', attachments: [id] },
      'key-00001',
    );
    const message = [...context.store.messages.values()][0] as ThreadMessage;
    expect(message.attachments).toEqual([
      {
        key: replyUploadKey(reference, id),
        filename: 'Lēmums.pdf',
        contentType: 'application/pdf',
        size: pdf.length,
        // The bytes attached: what send-email checks what it reads against.
        sha256: sha256Of(pdf),
      },
    ]);
    expect(detail.thread.find((entry) => entry.kind === 'reply')?.attachments).toEqual([
      {
        name: 'Lēmums.pdf',
        contentType: 'application/pdf',
        size: pdf.length,
        url: `https://downloads.example/${replyUploadKey(reference, id)}`,
      },
    ]);
    // A retry with the same key answers the same, and queues nothing new.
    await replyToClient(
      context.deps,
      agent,
      reference,
      { text: 'Pielikumā', attachments: [id] },
      'key-00001',
    );
    expect(context.store.messages.size).toBe(1);
    expect(context.outboundQueue.sent).toHaveLength(1);
  });

  it('refuses, field attachments, an upload missing, another ticket’s, unlike its signature, or over the limits', async () => {
    const context = desk();
    const other = 'TA-2026-000043';
    context.store.tickets.set(other, {
      ...(context.store.tickets.get(reference) as Ticket),
      reference: other,
    });
    const foreign = await uploaded(
      context,
      { filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('x') },
      other,
    );
    const { uploadId: never } = await createReplyUpload(context.deps, agent, reference, {
      filename: 'b.txt',
      contentType: 'text/plain',
      size: 3,
      sha256: sha256Of(Buffer.from('abc')),
    });
    const { uploadId: swapped } = await createReplyUpload(context.deps, agent, reference, {
      filename: 'c.txt',
      contentType: 'text/plain',
      size: 3,
      sha256: sha256Of(Buffer.from('abc')),
    });
    context.uploads.upload(replyUploadKey(reference, swapped), Buffer.from('abc'), {
      contentType: 'text/html',
    });
    const { uploadId: grown } = await createReplyUpload(context.deps, agent, reference, {
      filename: 'd.txt',
      contentType: 'text/plain',
      size: 3,
      sha256: sha256Of(Buffer.from('abc')),
    });
    context.uploads.upload(replyUploadKey(reference, grown), Buffer.from('abcdef'));
    // Stored again with other bytes of the same size, type and name: refused by content alone.
    const { uploadId: changed } = await createReplyUpload(context.deps, agent, reference, {
      filename: 'e.txt',
      contentType: 'text/plain',
      size: 3,
      sha256: sha256Of(Buffer.from('abc')),
    });
    context.uploads.upload(replyUploadKey(reference, changed), Buffer.from('xyz'));
    // Stored with no checksum S3 checked (a PUT outside the signature): refused too.
    const unchecked = await uploaded(context, {
      filename: 'f.txt',
      contentType: 'text/plain',
      content: Buffer.from('abc'),
    });
    context.uploads.upload(replyUploadKey(reference, unchecked), Buffer.from('abc'), { sha256: undefined });
    const big = (name: string) =>
      uploaded(context, {
        filename: name,
        contentType: 'application/pdf',
        content: Buffer.alloc(6 * 1024 * 1024),
      });
    const [big1, big2] = [await big('1.pdf'), await big('2.pdf')];
    const small = await Promise.all(
      ['1', '2', '3', '4', '5', '6'].map((n) =>
        uploaded(context, { filename: `${n}.txt`, contentType: 'text/plain', content: Buffer.from(n) }),
      ),
    );
    const cases: [string[], string][] = [
      [[foreign], 'staff.attachments.missing'],
      [[never], 'staff.attachments.missing'],
      [[swapped], 'staff.attachments.invalid'],
      [[grown], 'staff.attachments.invalid'],
      [[changed], 'staff.attachments.changed'],
      [[unchecked], 'staff.attachments.changed'],
      [['not-an-id'], 'staff.attachments.invalid'],
      [[small[0] as string, small[0] as string], 'staff.attachments.invalid'],
      [[big1, big2], 'staff.attachments.tooLarge'],
      [small, 'staff.attachments.tooMany'],
    ];
    for (const [attachments, key] of cases) {
      const errors = await refusal(
        replyToClient(context.deps, agent, reference, { text: 'Atbilde', attachments }),
      );
      expect(errors, key).toEqual([expect.objectContaining({ field: 'attachments', key })]);
    }
    expect(context.store.messages.size).toBe(0);
    expect(context.outboundQueue.sent).toHaveLength(0);
  });
});

describe('sending a reply with attachments', () => {
  async function sent(files: ThreadMessage['attachments'], objects: Record<string, Buffer>) {
    const context = desk();
    const blobs = new MemoryBlobStore();
    for (const [key, content] of Object.entries(objects)) await blobs.put(key, content, 'application/pdf');
    context.store.messages.set(`${reference}/m1`, {
      id: 'm1',
      kind: 'reply',
      at: '2026-11-27T10:00:00Z',
      author: agent.username,
      text: 'Pielikumā lēmums.',
      outboundId: 'reply-m1',
      ...(files ? { attachments: files } : {}),
    });
    const mailer = new MemoryMailer();
    const send = () =>
      sendOutboundMessage(
        {
          store: context.store,
          mailer,
          clock: context.clock,
          senderAddress: 'noreply@courtdesk.example.lv',
          replyFiles: blobs,
        },
        { version: 1, kind: 'reply', outboundId: 'reply-m1', reference, messageId: 'm1' },
      );
    return { mailer, send, store: context.store };
  }
  const key = replyUploadKey(reference, '0b7e2c1e-4f3a-4c2b-9d7e-1a2b3c4d5e6f');

  it('passes the files to the mailer with their names and types, and audits how many', async () => {
    const { mailer, send, store } = await sent(
      [{ key, filename: 'Lēmums.pdf', contentType: 'application/pdf', size: pdf.length }],
      { [key]: pdf },
    );
    expect(await send()).toBe('sent');
    expect(mailer.sent[0]?.attachments).toEqual([
      { filename: 'Lēmums.pdf', contentType: 'application/pdf', content: pdf },
    ]);
    expect(store.audit.at(-1)?.requestParameters).toMatchObject({ attachments: 1 });
  });

  it('fails (to be retried) when a file is gone, or its key is not this ticket’s reply upload', async () => {
    for (const file of [
      { key, filename: 'a.pdf', contentType: 'application/pdf', size: 1 },
      { key: 'raw-mail/abc', filename: 'a.pdf', contentType: 'application/pdf', size: 1 },
      {
        key: replyUploadKey('TA-2026-000043', '0b7e2c1e-4f3a-4c2b-9d7e-1a2b3c4d5e6f'),
        filename: 'a.pdf',
        contentType: 'application/pdf',
        size: 1,
      },
    ]) {
      // The first key is missing; the others point at objects that exist but are not this reply's.
      const objects = file.key === key ? { 'raw-mail/abc': pdf } : { 'raw-mail/abc': pdf, [file.key]: pdf };
      const { mailer, send } = await sent([file], objects);
      await expect(send()).rejects.toBeInstanceOf(ReplyAttachmentUnavailable);
      expect(mailer.sent).toHaveLength(0);
    }
  });

  it('sends the bytes attached, and nothing (to be retried) when the file was stored again since', async () => {
    const attached = {
      key,
      filename: 'a.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: sha256Of(pdf),
    };
    const same = await sent([attached], { [key]: pdf });
    expect(await same.send()).toBe('sent');
    const other = Buffer.from('%PDF-1.4\n%%XXX\n');
    const swapped = await sent([attached], { [key]: other });
    await expect(swapped.send()).rejects.toBeInstanceOf(ReplyAttachmentUnavailable);
    expect(swapped.mailer.sent).toHaveLength(0);
  });

  it('refuses a file name with a control character rather than send it altered', async () => {
    const { mailer, send } = await sent(
      [{ key, filename: 'a\r\nBcc: x@example.lv.pdf', contentType: 'application/pdf', size: pdf.length }],
      { [key]: pdf },
    );
    await expect(send()).rejects.toBeInstanceOf(UnsafeHeaderField);
    expect(mailer.sent).toHaveLength(0);
  });

  it('SesMailer sends them as SESv2 Simple attachments, base64, as attachments (not inline)', async () => {
    const inputs: SendEmailCommand['input'][] = [];
    const client = {
      send: async (command: SendEmailCommand) => {
        inputs.push(command.input);
        return { MessageId: 'ses-1' };
      },
    } as unknown as SESv2Client;
    await new SesMailer({ client }).send({
      from: 'noreply@courtdesk.example.lv',
      to: 'anna@example.lv',
      subject: 'Atbilde — TA-2026-000042',
      text: 'Pielikumā lēmums.',
      attachments: [{ filename: 'Lēmums.pdf', contentType: 'application/pdf', content: pdf }],
    });
    expect(inputs[0]?.Content?.Simple?.Attachments).toEqual([
      {
        RawContent: pdf,
        FileName: 'Lēmums.pdf',
        ContentType: 'application/pdf',
        ContentDisposition: 'ATTACHMENT',
        ContentTransferEncoding: 'BASE64',
      },
    ]);
    await expect(
      new SesMailer({ client }).send({
        from: 'noreply@courtdesk.example.lv',
        to: 'anna@example.lv',
        subject: 'x',
        text: 'x',
        attachments: [{ filename: 'a.pdf', contentType: 'application/pdf\r\nX-Evil: 1', content: pdf }],
      }),
    ).rejects.toBeInstanceOf(UnsafeHeaderField);
    expect(inputs).toHaveLength(1);
  });
});
