/**
 * A mail that quotes an erased ticket (its reference in the subject, or a Message-ID of its thread)
 * starts a new ticket of its own, unlinked: nothing more of the client reaches the erased ticket,
 * nor one an erasure is running on; one joining a held ticket is protected by the hold from the start
 * (memory adapters, inbound mail → ingest-email → process-intake).
 */
import { describe, expect, it } from 'vitest';
import { MemoryDataSubjects } from '../../../shared/adapters/memory/data-subjects.ts';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryBlobStore,
  MemoryQueue,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import { MemoryObjectVersions } from '../../../shared/adapters/memory/object-versions.ts';
import type { IntakeMessage, OutboundMessage } from '../../../shared/domain/intake-message.ts';
import { ReferenceAllocator } from '../../../shared/domain/reference.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import { BacklogCache } from '../../../shared/use-cases/backlog-cache.ts';
import { ingestEmail } from '../../../shared/use-cases/ingest-email.ts';
import { processIntakeMessages } from '../../../shared/use-cases/process-intake-message.ts';

const pass = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } as const;
const anna = 'From: Anna Kalniņa <anna@example.lv>';

function system() {
  const store = new MemoryTicketStore();
  const blobs = new MemoryBlobStore();
  const intakeQueue = new MemoryQueue<IntakeMessage>();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const ingest = {
    store,
    blobs,
    intakeQueue,
    audit: new MemoryAuditLog(),
    clock,
    references: new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size)),
    rawMailPrefix: 'raw-mail/',
    attachmentsPrefix: 'attachments/',
    inboundDomain: 'courtdesk.localhost',
  };
  const intake = {
    store,
    outboundQueue: new MemoryQueue<OutboundMessage>(),
    clock,
    backlog: new BacklogCache(store, clock),
    reopenWindowDays: 30,
  };
  let taken = 0;
  return {
    store,
    subjects: new MemoryDataSubjects(store, new MemoryObjectVersions()),
    /** SMTP delivers it, ingest-email stores it, process-intake takes it: what it became. */
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
      if (!outcome || outcome instanceof Error) throw outcome ?? new Error('no outcome');
      return outcome;
    },
    ticket(reference: string): Ticket & { erasing?: string } {
      const ticket = store.tickets.get(reference);
      if (!ticket) throw new Error(`no ticket ${reference}`);
      return ticket;
    },
    messagesOf(reference: string) {
      return [...store.messages.keys()].filter((key) => key.startsWith(`${reference}/`));
    },
  };
}

const erasure = { basis: 'request', by: 'dpo.daina', at: '2026-11-27T11:00:00.000Z' };

describe('a mail quoting an erased ticket', () => {
  it('by its reference in the subject, from the same client: a new ticket, unlinked; nothing reaches the erased one', async () => {
    const s = system();
    const first = await s.receive(
      'ses-first',
      [anna, 'Subject: Nodevas atmaksa', 'Message-ID: <anna-1@example.lv>'],
      'Labdien!',
    );
    expect(await s.subjects.eraseTicket(first.reference, erasure)).toEqual({ outcome: 'erased' });
    const erased = s.ticket(first.reference);

    const next = await s.receive('ses-next', [anna, `Subject: Re: ${first.reference}`], 'Vai ir ziņas?');

    expect(next.outcome).toBe('created');
    expect(next.reference).not.toBe(first.reference);
    expect(s.ticket(next.reference)).not.toHaveProperty('links');
    expect(s.ticket(next.reference)).not.toHaveProperty('threading');
    expect(s.ticket(first.reference)).toEqual(erased);
    expect(s.messagesOf(first.reference)).toEqual([]);
  });

  it('by a Message-ID of the thread of a ticket being erased: a new ticket, not a follow-up', async () => {
    const s = system();
    const first = await s.receive(
      'ses-first',
      [anna, 'Subject: Nodevas atmaksa', 'Message-ID: <anna-1@example.lv>'],
      'Labdien!',
    );
    // Claimed by an erasure that has not finished: its thread keys still point at it.
    s.store.tickets.set(first.reference, { ...s.ticket(first.reference), erasing: erasure.at } as Ticket);

    const next = await s.receive(
      'ses-next',
      [anna, 'Subject: Papildinājums', 'In-Reply-To: <anna-1@example.lv>', 'References: <anna-1@example.lv>'],
      'Aizmirsu pievienot.',
    );

    expect(next.outcome).toBe('created');
    expect(next.reference).not.toBe(first.reference);
    expect(s.ticket(next.reference)).not.toHaveProperty('links');
    expect(s.messagesOf(first.reference)).toEqual([]);
  });
});

describe('a mail joining a held ticket', () => {
  it('protects its raw mail and quarantine copy under the hold it was decided with', async () => {
    // Prepare
    const s = system();
    const first = await s.receive(
      'ses-first',
      [anna, 'Subject: Nodevas atmaksa', 'Message-ID: <anna-1@example.lv>'],
      'Labdien!',
    );
    const hold = { reason: 'Tiesvedība C-1/2026', by: 'dpo.daina', at: '2026-11-27T10:30:00.000Z' };
    expect(await s.subjects.setHold(first.reference, hold)).toBe('set');

    // Act
    const next = await s.receive(
      'ses-next',
      [anna, 'Subject: Papildinājums', 'In-Reply-To: <anna-1@example.lv>', 'References: <anna-1@example.lv>'],
      'Aizmirsu pievienot.',
    );

    // Assess
    expect(next).toEqual({ reference: first.reference, outcome: 'joined' });
    expect(s.store.heldObjects.has('raw-mail/ses-next')).toBe(true);
    expect(s.store.holdTags.get('quarantine/ses-next')).toBe(hold.at);
    await s.subjects.liftHold(first.reference);
    expect(s.store.heldObjects.has('raw-mail/ses-next')).toBe(false);
  });
});
