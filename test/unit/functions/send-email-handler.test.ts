/**
 * send-email's two queues: a message from the delayed standard queue (`survey-invitations`) is
 * moved on to `outbound.fifo` in its ticket's group, never sent from there; so a standard queue's
 * double delivery — even two invocations at once — still sends one invitation.
 */
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { sendEmailHandler } from '../../../functions/send-email/send-email-handler.ts';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryMailer,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import { MemorySurveyInvitations } from '../../../shared/adapters/memory/survey-invitations.ts';
import type { OutboundMessage } from '../../../shared/domain/intake-message.ts';
import type { MessageQueue, SendOptions } from '../../../shared/ports/queue.ts';
import { surveyOutboundId } from '../../../shared/use-cases/survey-invitation.ts';
import { TestSurveyTokens } from '../../support/survey-tokens.ts';
import { testTicket } from '../../support/tickets.ts';

const reference = 'TA-2026-000042';
const invitation: OutboundMessage = {
  version: 1,
  kind: 'survey',
  outboundId: surveyOutboundId(reference),
  reference,
};

function record(id: string, message: unknown, group?: string): SQSRecord {
  return {
    messageId: id,
    receiptHandle: `handle-${id}`,
    body: JSON.stringify(message),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: '0',
      ...(group ? { MessageGroupId: group } : {}),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:eu-north-1:000000000000:${group ? 'outbound.fifo' : 'survey-invitations'}`,
    awsRegion: 'eu-north-1',
  };
}

/** outbound.fifo as a recorder that keeps every send (as if past the deduplication window). */
class RecordingQueue implements MessageQueue<OutboundMessage> {
  readonly sent: { message: OutboundMessage; options: SendOptions }[] = [];
  failing = false;
  async send(message: OutboundMessage, options: SendOptions): Promise<void> {
    if (this.failing) throw new Error('queue unavailable');
    this.sent.push({ message: structuredClone(message), options });
  }
  async sendBatch(entries: readonly { message: OutboundMessage; options: SendOptions }[]): Promise<void> {
    for (const entry of entries) await this.send(entry.message, entry.options);
  }
}

function setup() {
  const store = new MemoryTicketStore();
  store.tickets.set(
    reference,
    testTicket(reference, 'court-fees', {
      status: 'answered',
      receivedAt: '2026-11-20T09:00:00.000Z',
      answerDeadline: '2026-12-15',
    }),
  );
  const mailer = new MemoryMailer();
  const invitations = new MemorySurveyInvitations();
  const outboundQueue = new RecordingQueue();
  const handler = sendEmailHandler({
    store,
    mailer,
    clock: new FixedClock('2026-11-27T10:00:00Z'),
    senderAddress: 'noreply@courtdesk.example.lv',
    outboundQueue,
    surveys: {
      invitations,
      tokens: new TestSurveyTokens(),
      audit: new MemoryAuditLog(),
      siteUrl: () => 'https://courtdesk.example.lv',
    },
  });
  const run = (records: SQSRecord[]) => handler({ Records: records } as SQSEvent, {} as Context);
  return { store, mailer, invitations, outboundQueue, run };
}

describe('send-email: the delayed queue', () => {
  it('moves a delayed invitation on to outbound.fifo in its ticket’s group, and sends nothing itself', async () => {
    const s = setup();
    expect(await s.run([record('d1', invitation)])).toEqual({ batchItemFailures: [] });
    expect(s.mailer.sent).toEqual([]);
    expect(s.invitations.invitations.size).toBe(0);
    expect(s.outboundQueue.sent).toEqual([
      { message: invitation, options: { groupId: reference, deduplicationId: invitation.outboundId } },
    ]);
  });

  it('a double delivery, two invocations at once, still sends one invitation', async () => {
    const s = setup();
    // The standard queue delivers the same message twice, to two invocations at the same time.
    const answers = await Promise.all([s.run([record('d1', invitation)]), s.run([record('d1', invitation)])]);
    expect(answers).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(s.mailer.sent).toEqual([]);
    // Both copies reach outbound.fifo (past its deduplication window, say); one group, one at a time.
    expect(s.outboundQueue.sent).toHaveLength(2);
    for (const [index, { message, options }] of s.outboundQueue.sent.entries())
      expect(await s.run([record(`f${index}`, message, options.groupId)])).toEqual({ batchItemFailures: [] });
    expect(s.mailer.sent).toHaveLength(1);
    expect(s.mailer.sent[0]?.text).toContain('/aptauja/#t=');
    expect(s.invitations.invitations.get(reference)?.outboundId).toBe(invitation.outboundId);
  });

  it('leaves a message it could not move on the delayed queue, and still sends the FIFO ones', async () => {
    const s = setup();
    s.outboundQueue.failing = true;
    const answer = await s.run([record('d1', invitation), record('f1', invitation, reference)]);
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'd1' }] });
    expect(s.mailer.sent).toHaveLength(1);
  });
});
