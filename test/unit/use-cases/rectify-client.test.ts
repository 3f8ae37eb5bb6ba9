/**
 * Rectification through the use cases (memory adapters): a client's mail makes a ticket, staff of
 * its unit correct the client's email, and the client's next mail from the corrected address
 * threads to the ticket while one from the old address is treated as anyone else's.
 */
import { describe, expect, it } from 'vitest';
import { MemoryClientRectification } from '../../../shared/adapters/memory/client-rectification.ts';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryBlobStore,
  MemoryMailer,
  MemoryQueue,
  MemoryTicketDesk,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import { clientGroupId } from '../../../shared/domain/ids.ts';
import type { IntakeMessage, OutboundMessage } from '../../../shared/domain/intake-message.ts';
import { subjectKeysOf } from '../../../shared/domain/pseudonyms.ts';
import { ReferenceAllocator } from '../../../shared/domain/reference.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import type { StaffRole } from '../../../shared/domain/staff.ts';
import { messageIdKey } from '../../../shared/domain/threading.ts';
import { BacklogCache } from '../../../shared/use-cases/backlog-cache.ts';
import { ingestEmail } from '../../../shared/use-cases/ingest-email.ts';
import { processIntakeMessages } from '../../../shared/use-cases/process-intake-message.ts';
import { type RectifyClientDeps, rectifyClient } from '../../../shared/use-cases/rectify-client.ts';
import { sendOutboundMessages } from '../../../shared/use-cases/send-outbound-message.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';

const pass = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } as const;
const staff = (
  username: string,
  unit: 'court-fees' | 'general',
  roles: StaffRole[] = ['agent'],
): StaffCaller => ({
  username,
  roles,
  competences: [unit],
  supervises: roles.includes('supervisor') ? [unit] : [],
  expiresAt: 2_000_000_000,
  issuedAt: 1_900_000_000,
  sessionId: `session-${username}`,
  sourceIPAddress: '192.0.2.9',
  userAgent: 'test',
  requestId: `request-${username}`,
});
const agent = staff('agent.fees', 'court-fees');

function system() {
  const store = new MemoryTicketStore();
  const blobs = new MemoryBlobStore();
  const intakeQueue = new MemoryQueue<IntakeMessage>();
  const outboundQueue = new MemoryQueue<OutboundMessage>();
  const mailer = new MemoryMailer();
  const audit = new MemoryAuditLog();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const rectification = new MemoryClientRectification(store);
  const ingest = {
    store,
    blobs,
    intakeQueue,
    audit,
    clock,
    references: new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size)),
    rawMailPrefix: 'raw-mail/',
    attachmentsPrefix: 'attachments/',
    inboundDomain: 'courtdesk.localhost',
  };
  const intake = {
    store,
    outboundQueue,
    clock,
    backlog: new BacklogCache(store, clock),
    reopenWindowDays: 30,
  };
  const send = { store, mailer, clock, senderAddress: 'noreply@courtdesk.example.lv' };
  let taken = 0;
  let sentUpTo = 0;
  const deps: RectifyClientDeps = {
    desk: new MemoryTicketDesk(store),
    threads: store,
    rectification,
    audit,
    clock,
  };
  return {
    store,
    mailer,
    audit,
    rectification,
    deps,
    async receive(id: string, headers: string[], body: string) {
      blobs.objects.set(`raw-mail/${id}`, {
        content: Buffer.from(
          [
            ...headers,
            'To: nodevas@courtdesk.localhost',
            'Content-Type: text/plain; charset=utf-8',
            '',
            body,
            '',
          ].join('\r\n'),
        ),
        contentType: 'message/rfc822',
      });
      await ingestEmail(ingest, {
        messageId: id,
        receivedAt: clock.now().toISOString(),
        recipients: ['nodevas@courtdesk.localhost'],
        verdicts: pass,
      });
      const batch = intakeQueue.sent.slice(taken).map((entry) => entry.message);
      taken = intakeQueue.sent.length;
      const [outcome] = await processIntakeMessages(intake, batch);
      const outbound = outboundQueue.sent.slice(sentUpTo).map((entry) => entry.message);
      sentUpTo = outboundQueue.sent.length;
      await sendOutboundMessages(send, outbound);
      if (!outcome || outcome instanceof Error) throw outcome ?? new Error('no outcome');
      return outcome;
    },
  };
}

/** Anna's first mail (from a mistyped address) and a follow-up of hers that joined it. */
async function annasTicket(s: ReturnType<typeof system>) {
  const first = await s.receive(
    'ses-1',
    [
      'From: Anna Kalniņa <anna.kalnina@exmaple.lv>',
      'Subject: Nodevas atmaksa',
      'Message-ID: <anna-1@exmaple.lv>',
    ],
    'Labdien! Kā atmaksāt nodevu?',
  );
  const ackId = s.mailer.sent.at(-1)?.messageId ?? '';
  const second = await s.receive(
    'ses-2',
    [
      'From: anna.kalnina@exmaple.lv',
      'Subject: Papildinājums',
      'Message-ID: <anna-2@exmaple.lv>',
      'References: <anna-1@exmaple.lv>',
    ],
    'Aizmirsu pievienot kvīti.',
  );
  expect(second).toEqual({ reference: first.reference, outcome: 'joined' });
  return { reference: first.reference, ackId };
}

describe('rectifying the client’s email', () => {
  it('keeps the old address nowhere on the ticket and re-keys the client index and subject keys', async () => {
    // Prepare
    const s = system();
    const { reference } = await annasTicket(s);
    const before = s.store.tickets.get(reference);
    if (!before) throw new Error('no ticket');
    for (const key of subjectKeysOf(before.client)) s.rectification.subjects.set(key, new Set([reference]));

    // Act
    const result = await rectifyClient(s.deps, agent, reference, {
      email: 'anna.kalnina@example.lv',
      reason: 'Klients norādīja pareizo adresi pa tālruni',
    });

    // Assess
    expect(result).toEqual({ reference, changed: ['email'] });
    const after = s.store.tickets.get(reference);
    expect(after?.client.email).toBe('anna.kalnina@example.lv');
    const partition = JSON.stringify([
      after,
      ...[...s.store.messages].filter(([key]) => key.startsWith(`${reference}/`)),
    ]);
    expect(partition).not.toContain('anna.kalnina@exmaple.lv');
    expect(after?.clientCorrections).toEqual([
      {
        fields: ['email'],
        reason: 'Klients norādīja pareizo adresi pa tālruni',
        by: 'agent.fees',
        at: '2026-11-27T10:00:00.000Z',
      },
    ]);
    expect(
      await new MemoryTicketDesk(s.store).clientTickets(clientGroupId('anna.kalnina@example.lv'), 10),
    ).toEqual([after]);
    const subjects = [...s.rectification.subjects].filter(([, references]) => references.has(reference));
    expect(subjects.map(([key]) => key).sort()).toEqual(subjectKeysOf((after ?? before).client).sort());
  });

  it('writes one audit record with the fields and pseudonyms, and neither the old nor the new value', async () => {
    const s = system();
    const { reference } = await annasTicket(s);

    await rectifyClient(s.deps, agent, reference, {
      email: 'anna.kalnina@example.lv',
      name: 'Anna Ozola',
      reason: 'Klients lūdza labot',
    });

    const records = s.store.audit.filter((record) => record.eventName === 'RectifyClientData');
    expect(records).toHaveLength(1);
    const text = JSON.stringify(records);
    for (const value of [
      'anna.kalnina@exmaple.lv',
      'anna.kalnina@example.lv',
      'Kalniņa',
      'Ozola',
      'Klients lūdza',
    ])
      expect(text).not.toContain(value);
    expect(records[0]).toMatchObject({
      requestParameters: { reference, fields: ['name', 'email'] },
      responseElements: {
        changed: ['name', 'email'],
        clientKey: {
          from: clientGroupId('anna.kalnina@exmaple.lv'),
          to: clientGroupId('anna.kalnina@example.lv'),
        },
      },
    });
  });

  it('threads a follow-up from the corrected address by the client’s own Message-ID, and treats the old address as a stranger', async () => {
    const s = system();
    const { reference, ackId } = await annasTicket(s);
    await rectifyClient(s.deps, agent, reference, {
      email: 'anna.kalnina@example.lv',
      reason: 'Pareizā adrese',
    });

    // The client's own earlier mail's id: keyed with the client, so it moved with the address.
    const fromNew = await s.receive(
      'ses-3',
      [
        'From: anna.kalnina@example.lv',
        'Subject: Vēl viens jautājums',
        'References: <anna-1@exmaple.lv> <anna-2@exmaple.lv>',
      ],
      'Vai ir ziņas?',
    );
    // Our acknowledgement's id, answered from the old address.
    const fromOld = await s.receive(
      'ses-4',
      [
        'From: anna.kalnina@exmaple.lv',
        'Subject: Re: saņemts',
        `In-Reply-To: <${ackId}@eu-north-1.amazonses.com>`,
      ],
      'Sveiki',
    );

    expect(fromNew).toEqual({ reference, outcome: 'joined' });
    expect(fromOld.reference).not.toBe(reference);
    expect(s.store.tickets.get(fromOld.reference)?.threading).toMatchObject({
      linkedTo: reference,
      why: 'other-sender',
    });
  });
  it('threads a reply from the corrected address to an earlier follow-up the ticket no longer names', async () => {
    // Prepare: Anna's follow-up `anna-2`, then a new mail naming only the reference (not `anna-2`)
    const s = system();
    const { reference } = await annasTicket(s);
    const third = await s.receive(
      'ses-3',
      ['From: anna.kalnina@exmaple.lv', `Subject: ${reference} vēl`, 'Message-ID: <anna-3@exmaple.lv>'],
      'Vēl viens fakts.',
    );
    expect(third).toEqual({ reference, outcome: 'joined' });
    expect(s.store.tickets.get(reference)?.email).toEqual({ messageId: 'anna-3@exmaple.lv', references: [] });

    // Act
    await rectifyClient(s.deps, agent, reference, {
      email: 'anna.kalnina@example.lv',
      reason: 'Pareizā adrese',
    });
    const reply = await s.receive(
      'ses-4',
      ['From: anna.kalnina@example.lv', 'Subject: Re: Papildinājums', 'In-Reply-To: <anna-2@exmaple.lv>'],
      'Atbildu uz savu vēstuli.',
    );

    // Assess: joined by that follow-up's own Message-ID, moved with its author; none left under the old key
    expect(reply).toEqual({ reference, outcome: 'joined' });
    const oldKey = clientGroupId('anna.kalnina@exmaple.lv');
    for (const id of ['<anna-2@exmaple.lv>', '<anna-3@exmaple.lv>'])
      expect(s.store.threads.has(messageIdKey(id, oldKey))).toBe(false);
  });

  it('moves the ended-service flag and the survey gap this ticket holds to the corrected address', async () => {
    const s = system();
    const { reference } = await annasTicket(s);
    const ticket = s.store.tickets.get(reference);
    if (!ticket) throw new Error('no ticket');
    const from = clientGroupId('anna.kalnina@exmaple.lv');
    const to = clientGroupId('anna.kalnina@example.lv');
    s.store.tickets.set(reference, {
      ...ticket,
      serviceEnded: { reason: 'x', by: 'y', at: '2026-11-27T10:00:00Z' },
    });
    s.store.serviceEnded.add(from);
    s.rectification.caps.set(from, { clientKey: from, reference, until: '2026-12-27T10:00:00Z' });

    await rectifyClient(s.deps, agent, reference, {
      email: 'anna.kalnina@example.lv',
      reason: 'Pareizā adrese',
    });

    expect([...s.store.serviceEnded]).toEqual([to]);
    expect([...s.rectification.caps]).toEqual([
      [to, { clientKey: to, reference, until: '2026-12-27T10:00:00Z' }],
    ]);
  });
});

describe('who may rectify, and what is refused', () => {
  it('refuses staff of another unit (403) and a value that is no email (400), and changes nothing', async () => {
    const s = system();
    const { reference } = await annasTicket(s);
    const before = s.store.tickets.get(reference);

    await expect(
      rectifyClient(s.deps, staff('agent.general', 'general'), reference, {
        name: 'X Y',
        reason: 'Labojums',
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied', status: 403 });
    await expect(
      rectifyClient(s.deps, agent, reference, { email: 'not an address', reason: 'Labojums' }),
    ).rejects.toMatchObject({ code: 'ValidationError', status: 400, fields: [{ field: 'email' }] });
    await expect(rectifyClient(s.deps, agent, reference, { reason: 'Labojums' })).rejects.toBeInstanceOf(
      Refused,
    );

    expect(s.store.tickets.get(reference)).toEqual(before);
  });

  it('lets a supervisor of the unit correct it; the same value again is no change but is recorded', async () => {
    const s = system();
    const { reference } = await annasTicket(s);
    const supervisor = staff('super.fees', 'court-fees', ['supervisor']);

    const first = await rectifyClient(s.deps, supervisor, reference, {
      phone: '2000 0001',
      reason: 'Tālrunis',
    });
    const again = await rectifyClient(s.deps, supervisor, reference, {
      phone: '+37120000001',
      reason: 'Tālrunis',
    });

    expect(first.changed).toEqual(['phone']);
    expect(again.changed).toEqual([]);
    expect(s.store.tickets.get(reference)?.clientCorrections).toHaveLength(1);
    expect(s.audit.records.filter((record) => record.eventName === 'RectifyClientData')).toHaveLength(1);
  });

  it('answers Conflict when the client was corrected by someone else after it was read', async () => {
    const s = system();
    const { reference } = await annasTicket(s);
    const desk = new MemoryTicketDesk(s.store);
    const stale = await desk.record(reference);
    // Someone else's correction lands between the read and the write.
    const deps: RectifyClientDeps = {
      ...s.deps,
      desk: {
        record: async () => stale,
        write: desk.write.bind(desk),
        clientTickets: desk.clientTickets.bind(desk),
      },
    };
    await s.rectification.rectify(reference, {
      expect: stale?.ticket.client ?? { name: '', email: '' },
      client: { name: 'Cits', email: 'other@example.lv' },
      clientKey: { from: 'a', to: 'a' },
      subjectKeys: { remove: [], add: [] },
      threadKeys: [],
      moveFlags: false,
      clientMessageIds: [],
      audit: s.store.audit[0] ?? ({} as never),
    });

    await expect(
      rectifyClient(deps, agent, reference, { name: 'Anna Ozola', reason: 'Labojums' }),
    ).rejects.toMatchObject({ code: 'Conflict', status: 409 });
  });
});
