/**
 * The mailroom's use cases: registering post and signing its scan's upload, reading the
 * registrations (a refusal explained in the caller's language), the letters to print and their
 * dispatch, recorded once. Only the mailroom role; everything audited.
 */
import { describe, expect, it } from 'vitest';
import { FixedClock, MemoryAuditLog, MemoryUploadTargets } from '../../../shared/adapters/memory/index.ts';
import { MemoryPostalDesk } from '../../../shared/adapters/memory/postal.ts';
import { ticketResource } from '../../../shared/domain/audit-event.ts';
import type { PostRegistration } from '../../../shared/domain/postal-registration.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import { uploadUrlSeconds } from '../../../shared/domain/reply-attachments.ts';
import { type RegisterPostRequest, schemas } from '../../../shared/http/staff-contract.ts';
import type { LetterRecord } from '../../../shared/ports/postal.ts';
import {
  dispatchLetter,
  listLetters,
  listRegistrations,
  type MailroomDeps,
  readLetter,
  readRegistration,
  registerPost,
} from '../../../shared/use-cases/mailroom.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';

const maxScanBytes = 10 * 1024 * 1024;
const context = { sourceIPAddress: '192.0.2.7', userAgent: 'test', requestId: 'request-7' };
const session = { expiresAt: 2_000_000_000, issuedAt: 1_900_000_000, sessionId: 'session-7' };
const mailroom: StaffCaller = {
  username: 'mailroom.anna',
  roles: ['mailroom'],
  competences: [],
  supervises: [],
  ...session,
  ...context,
};
const agent: StaffCaller = {
  username: 'agent.court-fees',
  roles: ['agent'],
  competences: ['court-fees'],
  supervises: [],
  ...session,
  ...context,
};
const auditor: StaffCaller = { ...mailroom, username: 'auditor.ilze', roles: ['auditor'] };
const supervisor: StaffCaller = {
  ...agent,
  username: 'supervisor.court-fees',
  roles: ['supervisor'],
  supervises: ['court-fees'],
};

/** Keeps what each upload was signed with, the expiry included. */
class SigningUploads extends MemoryUploadTargets {
  readonly calls: { key: string; object: Parameters<MemoryUploadTargets['signPut']>[1]; seconds: number }[] =
    [];
  override async signPut(
    key: string,
    object: Parameters<MemoryUploadTargets['signPut']>[1] & { ifNoneMatch?: boolean },
    seconds = 0,
  ) {
    this.calls.push({ key, object: { ...object }, seconds });
    return super.signPut(key, object);
  }
}

function system() {
  const postal = new MemoryPostalDesk();
  const uploads = new SigningUploads();
  const audit = new MemoryAuditLog();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const deps: MailroomDeps = {
    postal,
    uploads,
    downloads: { link: async (key, filename) => `https://downloads.example/${key}?as=${filename}` },
    audit,
    clock,
    scansPrefix: 'scans/',
    maxScanBytes,
  };
  return { postal, uploads, audit, clock, deps };
}

const request: RegisterPostRequest = {
  name: 'Jānis Bērziņš',
  address: { addressLine: 'Brīvības iela 12-3', place: 'Rīga', postalCode: 'LV-1050' },
  email: 'janis@example.lv',
  receivedOn: '2026-11-25',
  registeredMailNumber: 'rr123456789lv',
  topic: 'court-fees',
  file: { filename: 'C:\\scans\\vēstule.pdf', contentType: 'Application/PDF', size: 2048 },
};

const letter: LetterRecord = {
  reference: 'TA-2026-000042',
  letterId: 'ack-TA-2026-000042',
  kind: 'acknowledgement',
  key: 'letters/TA-2026-000042/ack-TA-2026-000042.pdf',
  size: 3000,
  // 01:30 in Riga on 20 November.
  createdAt: '2026-11-19T23:30:00.000Z',
  recipientName: 'Jānis Bērziņš',
  competence: 'court-fees',
};

async function fieldErrors(promise: Promise<unknown>): Promise<Refused['fields']> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Refused);
  expect(error).toMatchObject({ code: 'ValidationError', status: 400 });
  return (error as Refused).fields;
}

describe('who may use the mailroom', () => {
  it.each([
    ['an agent', agent],
    ['a supervisor', supervisor],
    ['an auditor', auditor],
  ])('refuses %s every function, touching nothing', async (_name, caller) => {
    // Prepare
    const s = system();
    s.postal.addLetter(letter);
    const id = '0b7e2c1e-4f3a-4c2b-9d7e-1a2b3c4d5e6f';

    // Act
    const calls = [
      registerPost(s.deps, caller, request, 'lv', 'key-00000001'),
      readRegistration(s.deps, caller, id, 'lv'),
      listRegistrations(s.deps, caller, {}, 'lv'),
      listLetters(s.deps, caller, {}),
      readLetter(s.deps, caller, letter.reference, letter.letterId),
      dispatchLetter(s.deps, caller, letter.reference, letter.letterId, {}),
    ];

    // Assess
    for (const call of calls) await expect(call).rejects.toEqual(new Refused('AccessDenied', 403));
    expect(s.postal.registrations.size).toBe(0);
    expect(s.postal.letters.get(`${letter.reference}/${letter.letterId}`)?.dispatch).toBeUndefined();
    expect(s.uploads.calls).toEqual([]);
    expect(s.audit.records).toEqual([]);
    expect(s.postal.audit).toEqual([]);
  });
});

describe('registerPost', () => {
  it.each([
    ['received tomorrow', { receivedOn: '2026-11-28' }, 'receivedOn', 'staff.post.receivedOn'],
    ['received 61 days ago', { receivedOn: '2026-09-27' }, 'receivedOn', 'staff.post.receivedOn'],
    [
      'a Word document',
      { file: { ...request.file, contentType: 'application/msword' } },
      'file.contentType',
      'staff.post.fileType',
    ],
    [
      'a GIF',
      { file: { ...request.file, contentType: 'image/gif' } },
      'file.contentType',
      'staff.post.fileType',
    ],
    ['an empty file', { file: { ...request.file, size: 0 } }, 'file.size', 'staff.post.empty'],
    [
      'a file over the limit',
      { file: { ...request.file, size: maxScanBytes + 1 } },
      'file.size',
      'staff.post.tooLarge',
    ],
  ] as const)('refuses %s (field %s)', async (_name, change, field, key) => {
    const s = system();
    const errors = await fieldErrors(registerPost(s.deps, mailroom, { ...request, ...change }, 'lv'));
    expect(errors).toEqual([expect.objectContaining({ field, key })]);
    expect(s.postal.registrations.size).toBe(0);
    expect(s.uploads.calls).toEqual([]);
  });

  it('names the limits in its refusals, and every field at once', async () => {
    const s = system();
    const errors = await fieldErrors(
      registerPost(
        s.deps,
        mailroom,
        {
          ...request,
          receivedOn: '2027-01-01',
          file: { ...request.file, contentType: 'text/html', size: 11 * 1024 * 1024 },
        },
        'lv',
      ),
    );
    expect(errors).toEqual([
      { field: 'receivedOn', key: 'staff.post.receivedOn', values: { days: '60' } },
      { field: 'file.contentType', key: 'staff.post.fileType' },
      { field: 'file.size', key: 'staff.post.tooLarge', values: { limit: '10 MB' } },
    ]);
  });

  it.each([
    ['today', '2026-11-27', 'application/pdf'],
    ['60 days ago', '2026-09-28', 'image/jpeg'],
    ['a PNG', '2026-11-26', 'image/png'],
    ['a TIFF', '2026-11-26', 'IMAGE/TIFF '],
  ])('accepts a letter received %s', async (_name, receivedOn, contentType) => {
    const s = system();
    const response = await registerPost(
      s.deps,
      mailroom,
      { ...request, receivedOn, file: { ...request.file, contentType } },
      'lv',
    );
    expect(response.registration.state).toBe('awaiting-scan');
    expect(response.registration.file.contentType).toBe(contentType.trim().toLowerCase());
  });

  it('stores the registration, signs a PUT that cannot overwrite, and audits without name or address', async () => {
    // Prepare: the request as the staff API parses it (the postal code normalised by the contract).
    const s = system();
    const parsed = schemas.registerPost.parse({
      ...request,
      address: { ...request.address, postalCode: 'lv 1050' },
    });
    expect(parsed.address.postalCode).toBe('LV-1050');

    // Act
    const response = await registerPost(s.deps, mailroom, parsed, 'lv');

    // Assess: the registration.
    const { id } = response.registration;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const stored = s.postal.registrations.get(id) as PostRegistration;
    expect(stored).toEqual({
      id,
      state: 'awaiting-scan',
      createdAt: '2026-11-27T10:00:00.000Z',
      registeredBy: 'mailroom.anna',
      sender: {
        name: 'Jānis Bērziņš',
        postalAddress: { addressLine: 'Brīvības iela 12-3', place: 'Rīga', postalCode: 'LV-1050' },
        email: 'janis@example.lv',
      },
      receivedOn: '2026-11-25',
      registeredMailNumber: 'RR123456789LV',
      topic: 'court-fees',
      language: 'lv',
      file: { filename: 'vēstule.pdf', contentType: 'application/pdf', size: 2048 },
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The fingerprint stays inside: the view does not show it.
    expect(response.registration).not.toHaveProperty('fingerprint');
    expect(response.registration).toMatchObject({ state: 'awaiting-scan', sender: stored.sender });

    // The upload: the scan's key, its type and length, never over an existing object, 5 minutes.
    expect(s.uploads.calls).toEqual([
      {
        key: `scans/${id}`,
        object: { contentType: 'application/pdf', size: 2048, metadata: {}, ifNoneMatch: true },
        seconds: uploadUrlSeconds,
      },
    ]);
    expect(response.upload).toEqual({
      url: `https://uploads.example/scans/${id}?signed`,
      // Signed headers the browser must send: S3 refuses the PUT if an object is there already.
      headers: { 'content-type': 'application/pdf', 'if-none-match': '*' },
      expiresAt: '2026-11-27T10:05:00.000Z',
    });

    // The audit record: the registration's id and facts, not who wrote or from where.
    expect(s.postal.audit).toHaveLength(1);
    const [record] = s.postal.audit;
    expect(record).toMatchObject({
      eventName: 'RegisterPost',
      userIdentity: { userName: 'mailroom.anna' },
      readOnly: false,
      requestParameters: {
        registrationId: id,
        receivedOn: '2026-11-25',
        contentType: 'application/pdf',
        size: 2048,
        withEmail: true,
        registeredMailNumber: 'RR123456789LV',
      },
      responseElements: { key: `scans/${id}` },
    });
    const text = JSON.stringify(record);
    for (const personal of ['Jānis', 'Bērziņš', 'Brīvības', 'Rīga', 'LV-1050', 'janis@example.lv', 'vēstule'])
      expect(text).not.toContain(personal);
  });

  it('answers a retry with the same idempotency key with the same registration, stored and audited once', async () => {
    // Prepare
    const s = system();
    const first = await registerPost(s.deps, mailroom, request, 'lv', 'key-00000001');
    s.clock.advance(60_000);

    // Act
    const again = await registerPost(s.deps, mailroom, request, 'lv', 'key-00000001');

    // Assess: the same registration; a fresh upload URL while its scan has not arrived.
    expect(again.registration).toEqual(first.registration);
    expect(s.postal.registrations.size).toBe(1);
    expect(s.postal.audit.filter((record) => record.eventName === 'RegisterPost')).toHaveLength(1);
    expect(s.uploads.calls.map((call) => call.key)).toEqual([
      `scans/${first.registration.id}`,
      `scans/${first.registration.id}`,
    ]);
    expect(again.upload?.expiresAt).toBe('2026-11-27T10:06:00.000Z');

    // Another key, or another member of the mailroom with this key: another registration.
    const other = await registerPost(s.deps, mailroom, request, 'lv', 'key-00000002');
    const colleague = await registerPost(
      s.deps,
      { ...mailroom, username: 'mailroom.juris' },
      request,
      'lv',
      'key-00000001',
    );
    expect(new Set([first, other, colleague].map((response) => response.registration.id)).size).toBe(3);
  });

  it('refuses a key reused for another letter, registering nothing and signing nothing', async () => {
    const s = system();
    await registerPost(s.deps, mailroom, request, 'lv', 'key-00000001');
    await expect(
      registerPost(s.deps, mailroom, { ...request, name: 'Cits Sūtītājs' }, 'lv', 'key-00000001'),
    ).rejects.toEqual(new Refused('IdempotencyMismatch', 422));
    expect(s.postal.registrations.size).toBe(1);
    expect(s.uploads.calls).toHaveLength(1);
  });

  it('signs no upload for a retry once the scan was settled', async () => {
    const s = system();
    const first = await registerPost(s.deps, mailroom, request, 'lv', 'key-00000001');
    await s.postal.settle(first.registration.id, {
      state: 'accepted',
      settledAt: '2026-11-27T10:01:00.000Z',
      reference: 'TA-2026-000042',
      scan: { kind: 'pdf', pages: 1, needsTranscription: false },
    });
    const again = await registerPost(s.deps, mailroom, request, 'lv', 'key-00000001');
    expect(again.upload).toBeUndefined();
    expect(again.registration).toMatchObject({ state: 'accepted', reference: 'TA-2026-000042' });
    expect(s.uploads.calls).toHaveLength(1);
  });
});

describe('reading registrations', () => {
  async function refused(
    s: ReturnType<typeof system>,
    reason: 'too-large' | 'executable',
    detected?: string,
  ) {
    const { registration } = await registerPost(s.deps, mailroom, request, 'lv');
    await s.postal.settle(registration.id, {
      state: 'refused',
      settledAt: '2026-11-27T10:01:00.000Z',
      refusal: detected ? { reason, detected } : { reason },
    });
    return registration.id;
  }

  it('explains a refusal in the caller’s language, with the limit filled in', async () => {
    // Prepare
    const s = system();
    const id = await refused(s, 'too-large');

    // Act
    const lv = await readRegistration(s.deps, mailroom, id, 'lv');
    const en = await readRegistration(s.deps, mailroom, id, 'en');

    // Assess
    const lvMessage = lv.registration.refusal?.message ?? '';
    const enMessage = en.registration.refusal?.message ?? '';
    expect(lv.registration.refusal?.reason).toBe('too-large');
    expect(lvMessage).toContain('10 MB');
    expect(enMessage).toContain('10 MB');
    expect(lvMessage).not.toBe(enMessage);
    expect(`${lvMessage}${enMessage}`).not.toMatch(/[{}]/);
    expect(lv.upload).toBeUndefined();
    expect(s.audit.records.map((record) => record.eventName)).toEqual([
      'GetPostRegistration',
      'GetPostRegistration',
    ]);
    expect(s.audit.records[0]).toMatchObject({
      readOnly: true,
      requestParameters: { registrationId: id },
      responseElements: { state: 'refused' },
    });
  });

  it('names what a refused file really was', async () => {
    const s = system();
    const id = await refused(s, 'executable', 'Windows executable');
    const { registration } = await readRegistration(s.deps, mailroom, id, 'en');
    expect(registration.refusal).toMatchObject({ reason: 'executable', detected: 'Windows executable' });
    expect(registration.refusal?.message).toContain('Windows executable');
  });

  it('refuses an unknown id', async () => {
    const s = system();
    await expect(
      readRegistration(s.deps, mailroom, '0b7e2c1e-4f3a-4c2b-9d7e-1a2b3c4d5e6f', 'lv'),
    ).rejects.toEqual(new Refused('RegistrationNotFound', 404));
  });

  it('lists registrations newest first, page by page, audited with the references read', async () => {
    // Prepare: three registrations a minute apart, the second accepted.
    const s = system();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await registerPost(s.deps, mailroom, request, 'lv')).registration.id);
      s.clock.advance(60_000);
    }
    await s.postal.settle(ids[1] as string, {
      state: 'accepted',
      settledAt: '2026-11-27T10:05:00.000Z',
      reference: 'TA-2026-000042',
    });

    // Act
    const first = await listRegistrations(s.deps, mailroom, { limit: 2 }, 'lv');
    const second = await listRegistrations(s.deps, mailroom, { limit: 2, cursor: first.cursor }, 'lv');

    // Assess
    expect(first.items.map((item) => item.id)).toEqual([ids[2], ids[1]]);
    expect(first.cursor).toBeDefined();
    expect(second.items.map((item) => item.id)).toEqual([ids[0]]);
    expect(second.cursor).toBeUndefined();
    expect(s.audit.records[0]).toMatchObject({
      eventName: 'ListPostRegistrations',
      resources: [ticketResource('TA-2026-000042')],
      responseElements: { count: 2 },
    });
  });
});

describe('letters', () => {
  const reply: LetterRecord = {
    ...letter,
    letterId: 'reply-m1',
    kind: 'reply',
    key: 'letters/TA-2026-000042/reply-m1.pdf',
    createdAt: '2026-11-26T09:00:00.000Z',
    enclosures: [{ key: 'replies/TA-2026-000042/f1', filename: 'Lēmums.pdf' }],
  };

  it('lists the letters to post oldest first, and gives links to the PDF and its enclosures', async () => {
    // Prepare
    const s = system();
    s.postal.addLetter(reply);
    s.postal.addLetter(letter);

    // Act
    const pending = await listLetters(s.deps, mailroom, {});
    const opened = await readLetter(s.deps, mailroom, reply.reference, reply.letterId);

    // Assess
    expect(pending.items.map((item) => [item.letterId, item.enclosures])).toEqual([
      [letter.letterId, 0],
      [reply.letterId, 1],
    ]);
    expect(opened.letter).toMatchObject({
      kind: 'reply',
      downloadUrl: `https://downloads.example/${reply.key}?as=TA-2026-000042-${reply.letterId}.pdf`,
      enclosureLinks: [
        { filename: 'Lēmums.pdf', url: 'https://downloads.example/replies/TA-2026-000042/f1?as=Lēmums.pdf' },
      ],
    });
    expect(s.audit.records.map((record) => record.eventName)).toEqual(['ListLetters', 'GetLetter']);
    await expect(readLetter(s.deps, mailroom, reply.reference, 'nope')).rejects.toEqual(
      new Refused('LetterNotFound', 404),
    );
  });

  it('records a dispatch once, the registered-mail number upper-cased, audited with the reference', async () => {
    // Prepare
    const s = system();
    s.postal.addLetter(letter);

    // Act
    const response = await dispatchLetter(s.deps, mailroom, letter.reference, letter.letterId, {
      registeredMailNumber: ' rr987654321lv ',
      dispatchedOn: '2026-11-26',
    });

    // Assess
    const dispatch = {
      by: 'mailroom.anna',
      at: '2026-11-27T10:00:00.000Z',
      dispatchedOn: '2026-11-26',
      registeredMailNumber: 'RR987654321LV',
    };
    expect(response.letter.dispatch).toEqual(dispatch);
    expect(s.postal.letters.get(`${letter.reference}/${letter.letterId}`)?.dispatch).toEqual(dispatch);
    expect(s.postal.audit).toHaveLength(1);
    expect(s.postal.audit[0]).toMatchObject({
      eventName: 'DispatchLetter',
      readOnly: false,
      resources: [ticketResource(letter.reference)],
      requestParameters: {
        reference: letter.reference,
        letterId: letter.letterId,
        dispatchedOn: '2026-11-26',
        registeredMailNumber: 'RR987654321LV',
      },
    });
    expect((await listLetters(s.deps, mailroom, {})).items).toEqual([]);
    expect((await listLetters(s.deps, mailroom, { state: 'dispatched' })).items).toEqual([
      expect.objectContaining({ letterId: letter.letterId, dispatch }),
    ]);

    // A second time: refused, nothing changed.
    s.clock.advance(60_000);
    await expect(dispatchLetter(s.deps, mailroom, letter.reference, letter.letterId, {})).rejects.toEqual(
      new Refused('LetterDispatched', 409),
    );
    expect(s.postal.letters.get(`${letter.reference}/${letter.letterId}`)?.dispatch).toEqual(dispatch);
    expect(s.postal.audit).toHaveLength(1);
  });

  it('records one of two dispatches made at the same time', async () => {
    const s = system();
    s.postal.addLetter(letter);
    const results = await Promise.allSettled([
      dispatchLetter(s.deps, mailroom, letter.reference, letter.letterId, {}),
      dispatchLetter(
        s.deps,
        { ...mailroom, username: 'mailroom.juris' },
        letter.reference,
        letter.letterId,
        {},
      ),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((result) => result.status === 'rejected');
    expect(rejected?.reason).toEqual(new Refused('LetterDispatched', 409));
    expect(s.postal.audit).toHaveLength(1);
  });

  it('dates a dispatch today by default', async () => {
    const s = system();
    s.postal.addLetter(letter);
    const response = await dispatchLetter(s.deps, mailroom, letter.reference, letter.letterId, {});
    expect(response.letter.dispatch).toEqual({
      by: 'mailroom.anna',
      at: '2026-11-27T10:00:00.000Z',
      dispatchedOn: '2026-11-27',
    });
  });

  it.each([
    ['tomorrow', '2026-11-28'],
    ['the day before the letter was made (in Riga)', '2026-11-19'],
  ])('refuses a dispatch dated %s (field dispatchedOn)', async (_name, dispatchedOn) => {
    const s = system();
    s.postal.addLetter(letter);
    const errors = await fieldErrors(
      dispatchLetter(s.deps, mailroom, letter.reference, letter.letterId, { dispatchedOn }),
    );
    expect(errors).toEqual([
      expect.objectContaining({ field: 'dispatchedOn', key: 'staff.post.dispatchedOn' }),
    ]);
    expect(s.postal.letters.get(`${letter.reference}/${letter.letterId}`)?.dispatch).toBeUndefined();
    expect(s.postal.audit).toEqual([]);
  });

  it('accepts a dispatch dated the Riga day the letter was made', async () => {
    const s = system();
    s.postal.addLetter(letter);
    const response = await dispatchLetter(s.deps, mailroom, letter.reference, letter.letterId, {
      dispatchedOn: '2026-11-20',
    });
    expect(response.letter.dispatch?.dispatchedOn).toBe('2026-11-20');
  });

  it('refuses to dispatch a letter that does not exist', async () => {
    const s = system();
    await expect(dispatchLetter(s.deps, mailroom, letter.reference, letter.letterId, {})).rejects.toEqual(
      new Refused('LetterNotFound', 404),
    );
  });
});
