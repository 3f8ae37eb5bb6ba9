/**
 * A phone call logged as a ticket: routed by the phone menu's digit, the caller's
 * number in E.164, a placeholder address without email; once per idempotency key; audited.
 */
import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryQueue,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import { ticketResource } from '../../../shared/domain/audit-event.ts';
import { clientGroupId } from '../../../shared/domain/ids.ts';
import type { IntakeMessage, OutboundMessage } from '../../../shared/domain/intake-message.ts';
import { ReferenceAllocator } from '../../../shared/domain/reference.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import type { LogCallRequest } from '../../../shared/http/staff-contract.ts';
import type { MessageQueue, SendOptions } from '../../../shared/ports/queue.ts';
import { BacklogCache } from '../../../shared/use-cases/backlog-cache.ts';
import { type LogCallDeps, logCall, normalisedPhone } from '../../../shared/use-cases/log-call.ts';
import { processIntakeMessage } from '../../../shared/use-cases/process-intake-message.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';

const context = { sourceIPAddress: '192.0.2.8', userAgent: 'test', requestId: 'request-8' };
const session = { expiresAt: 2_000_000_000, issuedAt: 1_900_000_000, sessionId: 'session-8' };
const agent: StaffCaller = {
  username: 'agent.general',
  roles: ['agent'],
  competences: ['general'],
  supervises: [],
  ...session,
  ...context,
};
const mailroom: StaffCaller = { ...agent, username: 'mailroom.anna', roles: ['mailroom'], competences: [] };
const auditor: StaffCaller = { ...agent, username: 'auditor.ilze', roles: ['auditor'], competences: [] };

/** Keeps every send, as SQS accepts them (its deduplication drops the second within 5 minutes). */
class RecordingQueue<M> implements MessageQueue<M> {
  readonly sent: { message: M; options: SendOptions }[] = [];
  async send(message: M, options: SendOptions): Promise<void> {
    this.sent.push({ message: structuredClone(message), options });
  }
  async sendBatch(entries: readonly { message: M; options: SendOptions }[]): Promise<void> {
    for (const entry of entries) await this.send(entry.message, entry.options);
  }
}

function system() {
  const store = new MemoryTicketStore();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const intakeQueue = new RecordingQueue<IntakeMessage>();
  const audit = new MemoryAuditLog();
  const deps: LogCallDeps = {
    store,
    intakeQueue,
    audit,
    clock,
    references: new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size)),
    backlog: new BacklogCache(store, clock),
  };
  return { store, clock, intakeQueue, audit, deps };
}

const call: LogCallRequest = {
  digit: 1,
  phone: '29123456',
  name: 'Jānis Bērziņš',
  summary: '  Jautā, kā atgūt pārmaksāto valsts nodevu.  ',
};

describe('logCall', () => {
  it('routes by the digit, enqueues a phone request with the caller’s number in E.164, and answers the dates', async () => {
    // Prepare
    const s = system();

    // Act
    const response = await logCall(s.deps, agent, call);

    // Assess: digit 1 is court fees, answered by the court-fees unit.
    expect(response).toMatchObject({
      reference: 'TA-2026-000001',
      competence: 'court-fees',
      unit: { lv: 'Tiesu izdevumi un maksājumi', en: 'Court fees and payments' },
    });
    expect(s.intakeQueue.sent).toHaveLength(1);
    const [entry] = s.intakeQueue.sent;
    const message = entry?.message as IntakeMessage;
    expect(message).toMatchObject({
      kind: 'new-request',
      channel: 'phone',
      reference: 'TA-2026-000001',
      receivedAt: '2026-11-27T10:00:00.000Z',
      language: 'lv',
      topic: 'court-fees',
      subject: 'Tālruņa zvans 27.11.2026.',
      body: 'Jautā, kā atgūt pārmaksāto valsts nodevu.',
      call: { digit: 1, loggedBy: 'agent.general' },
      routing: { competence: 'court-fees' },
      origin: context,
    });
    expect(message.client).toEqual({
      name: 'Jānis Bērziņš',
      email: expect.stringMatching(/^phone-[0-9a-f]{24}@phone\.invalid$/),
      phone: '+37129123456',
    });
    expect(message.dates).toEqual({
      answerDeadline: response.answerDeadline,
      expectedAnswerBy: response.expectedAnswerBy,
      firstResponseDue: expect.any(String),
    });
    expect(response.expectedAnswerBy > '2026-11-27').toBe(true);
    expect(response.expectedAnswerBy <= response.answerDeadline).toBe(true);
    expect(entry?.options.groupId).toBe(clientGroupId(message.client.email));

    // process-intake makes the ticket of it, in the unit the digit chose.
    const intake = {
      store: s.store,
      outboundQueue: new MemoryQueue<OutboundMessage>(),
      clock: s.clock,
      backlog: new BacklogCache(s.store, s.clock),
    };
    expect(await processIntakeMessage(intake, message)).toEqual({
      reference: 'TA-2026-000001',
      outcome: 'created',
    });
    expect(s.store.tickets.get('TA-2026-000001')).toMatchObject({
      channel: 'phone',
      competence: 'court-fees',
      call: { digit: 1, loggedBy: 'agent.general' },
      client: { phone: '+37129123456' },
      answerDeadline: response.answerDeadline,
    });
  });

  it.each([
    [0, 'general'],
    [2, 'e-services'],
    [3, 'legal-aid'],
    [4, 'maintenance-fund'],
    [5, 'insolvency'],
    [6, 'certificates-archive'],
    [7, 'data-protection'],
  ])('routes digit %i to %s', async (digit, competence) => {
    const s = system();
    const response = await logCall(s.deps, agent, { ...call, digit, summary: 'Lūdz piezvanīt.' });
    expect(response.competence).toBe(competence);
    expect(s.intakeQueue.sent[0]?.message).toMatchObject({ topic: competence, call: { digit } });
  });

  it('routes digit 0 (another question) by the words of the call, and a topic’s digit by its topic', async () => {
    const s = system();
    // The summary speaks of a court fee (valsts nodeva).
    expect((await logCall(s.deps, agent, { ...call, digit: 0 })).competence).toBe('court-fees');
    expect(s.intakeQueue.sent[0]?.message).toMatchObject({
      topic: 'general',
      routing: { competence: 'court-fees' },
    });
    expect((await logCall(s.deps, agent, { ...call, digit: 3 })).competence).toBe('legal-aid');
  });

  it.each([8, 9])('refuses digit %i, which the phone menu does not offer (field digit)', async (digit) => {
    const s = system();
    const error = await logCall(s.deps, agent, { ...call, digit }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Refused);
    expect(error).toMatchObject({ code: 'ValidationError', status: 400 });
    expect((error as Refused).fields).toEqual([{ field: 'digit', key: 'staff.call.digit' }]);
    expect(s.intakeQueue.sent).toEqual([]);
  });

  it('gives one number one placeholder address however it is written, and keeps a given email', async () => {
    // Prepare
    const s = system();

    // Act
    await logCall(s.deps, agent, call);
    await logCall(s.deps, agent, { ...call, phone: '+371 29 123 456' });
    await logCall(s.deps, agent, { ...call, phone: '29123457' });
    await logCall(s.deps, agent, { ...call, email: ' Janis@Example.lv ' });

    // Assess
    const clients = s.intakeQueue.sent.map((entry) => entry.message.client);
    expect(clients.map((client) => client.phone)).toEqual([
      '+37129123456',
      '+37129123456',
      '+37129123457',
      '+37129123456',
    ]);
    expect(clients[1]?.email).toBe(clients[0]?.email);
    expect(clients[2]?.email).toMatch(/@phone\.invalid$/);
    expect(clients[2]?.email).not.toBe(clients[0]?.email);
    expect(clients[3]?.email).toBe('Janis@Example.lv');
  });

  it('writes numbers in E.164, a foreign one by its own country code', async () => {
    expect(await normalisedPhone('29123456')).toBe('+37129123456');
    expect(await normalisedPhone('+371 6706 3800')).toBe('+37167063800');
    expect(await normalisedPhone('+49 30 1234567')).toBe('+49301234567');
  });

  it.each([
    ['the mailroom', mailroom],
    ['an auditor', auditor],
  ])('refuses %s: no unit’s tickets to work', async (_name, caller) => {
    const s = system();
    await expect(logCall(s.deps, caller, call, 'key-00000001')).rejects.toEqual(
      new Refused('AccessDenied', 403),
    );
    expect(s.intakeQueue.sent).toEqual([]);
    expect(s.store.counters.size).toBe(0);
    expect(s.store.idempotency.size).toBe(0);
    expect(s.audit.records).toEqual([]);
  });

  it('answers a retry with the same idempotency key with the same reference and message', async () => {
    // Prepare
    const s = system();
    const first = await logCall(s.deps, agent, call, 'key-00000001');
    s.clock.advance(60_000);

    // Act
    const again = await logCall(s.deps, agent, call, 'key-00000001');

    // Assess: the same answer; the same message sent again (the queue and intake keep one ticket).
    expect(again).toEqual(first);
    expect(s.intakeQueue.sent).toHaveLength(2);
    const [one, two] = s.intakeQueue.sent;
    expect(two).toEqual(one);
    expect(two?.message.receivedAt).toBe('2026-11-27T10:00:00.000Z');
    expect(s.audit.records.filter((record) => record.eventName === 'LogCall')).toHaveLength(1);

    // Without a key (or with another) it is another call.
    const other = await logCall(s.deps, agent, call, 'key-00000002');
    expect(other.reference).not.toBe(first.reference);
  });

  it('refuses an idempotency key reused for a different call', async () => {
    const s = system();
    await logCall(s.deps, agent, call, 'key-00000001');
    await expect(
      logCall(s.deps, agent, { ...call, summary: 'Cits jautājums' }, 'key-00000001'),
    ).rejects.toEqual(new Refused('IdempotencyMismatch', 422));
    await expect(logCall(s.deps, agent, { ...call, digit: 3 }, 'key-00000001')).rejects.toEqual(
      new Refused('IdempotencyMismatch', 422),
    );
    expect(s.intakeQueue.sent).toHaveLength(1);
  });

  it('takes the same number written otherwise as the same call for its idempotency key', async () => {
    const s = system();
    const first = await logCall(s.deps, agent, call, 'key-00000001');
    const again = await logCall(s.deps, agent, { ...call, phone: '+371 29123456' }, 'key-00000001');
    expect(again.reference).toBe(first.reference);
  });

  it('audits LogCall with the reference, the digit and the unit, not the caller’s number or name', async () => {
    const s = system();
    const { reference } = await logCall(s.deps, agent, call);
    expect(s.audit.records).toHaveLength(1);
    const [record] = s.audit.records;
    expect(record).toMatchObject({
      eventName: 'LogCall',
      readOnly: false,
      userIdentity: { userName: 'agent.general' },
      resources: [ticketResource(reference)],
      requestParameters: { digit: 1, topic: 'court-fees', competence: 'court-fees' },
      responseElements: { reference },
      requestID: 'request-8',
    });
    const text = JSON.stringify(record);
    for (const personal of ['29123456', 'Jānis', 'nodevu']) expect(text).not.toContain(personal);
  });
});
