import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryMailer,
  MemoryQueue,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import type { IntakeMessage, OutboundMessage } from '../../../shared/domain/intake-message.ts';
import { ReferenceAllocator } from '../../../shared/domain/reference.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import { BacklogCache } from '../../../shared/use-cases/backlog-cache.ts';
import { extendTicketDeadline } from '../../../shared/use-cases/extend-deadline.ts';
import { processIntakeMessages } from '../../../shared/use-cases/process-intake-message.ts';
import { sendOutboundMessage } from '../../../shared/use-cases/send-outbound-message.ts';
import { submitWebRequest } from '../../../shared/use-cases/submit-web-request.ts';

const agent = { username: 'agent-dp', competences: ['data-protection'] };

async function dataProtectionTicket() {
  const store = new MemoryTicketStore();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const intakeQueue = new MemoryQueue<IntakeMessage>();
  const outboundQueue = new MemoryQueue<OutboundMessage>();
  const audit = new MemoryAuditLog();
  const references = new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size));
  const { reference } = await submitWebRequest(
    { store, intakeQueue, audit, clock, references, backlog: new BacklogCache(store, clock) },
    {
      name: 'Jānis',
      email: 'janis@example.lv',
      topic: 'data-protection',
      subject: 'Mani dati',
      message: 'Lūdzu izsniegt manus personas datus.',
      language: 'lv',
    },
    { sourceIPAddress: '192.0.2.1', userAgent: 'test', requestId: 'r1' },
  );
  await processIntakeMessages(
    { store, outboundQueue, clock, backlog: new BacklogCache(store, clock) },
    intakeQueue.sent.map((entry) => entry.message),
  );
  outboundQueue.sent.length = 0;
  return { store, clock, outboundQueue, audit, reference, deps: { store, outboundQueue, audit, clock } };
}

describe('extendTicketDeadline', () => {
  it('moves the deadline, tells the client the new date and the reason, and audits it', async () => {
    const s = await dataProtectionTicket();
    const extended = await extendTicketDeadline(s.deps, agent, s.reference, {
      deadline: '2027-01-29',
      reason: 'Jāsaņem dati no arhīva',
    });
    expect(extended.answerDeadline).toBe('2027-01-29');
    expect(extended.deadlineExtensions).toEqual([
      {
        from: '2026-12-28',
        to: '2027-01-29',
        reason: 'Jāsaņem dati no arhīva',
        by: 'agent-dp',
        at: '2026-11-27T10:00:00.000Z',
      },
    ]);
    expect(s.audit.records.map((record) => record.eventName)).toEqual(['ExtendDeadline']);

    const mailer = new MemoryMailer();
    await sendOutboundMessage(
      { store: s.store, mailer, clock: s.clock, senderAddress: 'noreply@example.lv' },
      s.outboundQueue.sent[0]?.message as OutboundMessage,
    );
    expect(mailer.sent[0]?.subject).toBe(`Pagarināts atbildes termiņš — ${s.reference}`);
    expect(mailer.sent[0]?.text).toContain('ir pagarināts līdz 29.01.2027.');
    expect(mailer.sent[0]?.text).toContain('Iemesls: Jāsaņem dati no arhīva');
  });

  it('keeps within the unit’s legal maximum (three months for data protection) and other rules', async () => {
    const s = await dataProtectionTicket();
    const rule = (promise: Promise<unknown>) =>
      promise.then(
        () => 'done',
        // The rule that failed, and the answer's status and message with the date that would do.
        (error: Refused) =>
          `${error.code === 'Invalid' ? (error.cause as Error).name : error.code} ${error.status} ${error.messageKey}${error.values ? ` ${error.values.date}` : ''}`,
      );
    // Four months would be allowed under the Submissions Law, not under GDPR art. 12(3).
    expect(
      await rule(extendTicketDeadline(s.deps, agent, s.reference, { deadline: '2027-03-25', reason: 'x' })),
    ).toBe('ExtensionBeyondLegalMaximum 422 staff.deadline.beyondMaximum 2027-03-01');
    expect(
      await rule(extendTicketDeadline(s.deps, agent, s.reference, { deadline: '2027-01-30', reason: 'x' })),
    ).toBe('ExtensionNotOnWorkingDay 422 staff.deadline.notWorkingDay 2027-02-01');
    expect(
      await rule(extendTicketDeadline(s.deps, agent, s.reference, { deadline: '2026-12-20', reason: 'x' })),
    ).toBe('ExtensionNotLater 422 staff.deadline.notLater 2026-12-28');
    expect(
      await rule(extendTicketDeadline(s.deps, agent, s.reference, { deadline: '2027-01-29', reason: ' ' })),
    ).toBe('ExtensionReasonMissing 422 staff.Invalid');
    expect(
      await rule(
        extendTicketDeadline(s.deps, { username: 'y', competences: ['general'] }, s.reference, {
          deadline: '2027-01-29',
          reason: 'x',
        }),
      ),
    ).toBe('AccessDenied 403 staff.AccessDenied');
    expect(s.outboundQueue.sent).toHaveLength(0);
  });

  it('refuses once the deadline has passed, so a breach is not hidden', async () => {
    const s = await dataProtectionTicket();
    s.clock.advance(32 * 86_400_000); // 29 December 2026, after the 28 December deadline
    await expect(
      extendTicketDeadline(s.deps, agent, s.reference, { deadline: '2027-01-29', reason: 'Par vēlu' }),
    ).rejects.toEqual(new Refused('DeadlinePassed', 409));
  });

  it('re-sends the notice and audits once when the same extension is retried', async () => {
    const s = await dataProtectionTicket();
    await extendTicketDeadline(s.deps, agent, s.reference, {
      deadline: '2027-01-29',
      reason: 'Jāsaņem dati no arhīva',
    });
    const again = await extendTicketDeadline(s.deps, agent, s.reference, {
      deadline: '2027-01-29',
      reason: 'Jāsaņem dati no arhīva',
    });
    expect(again.deadlineExtensions).toHaveLength(1);
    expect(s.audit.records.filter((record) => record.eventName === 'ExtendDeadline')).toHaveLength(1);
    expect(new Set(s.outboundQueue.sent.map((entry) => entry.message.outboundId)).size).toBe(1);
  });
});
