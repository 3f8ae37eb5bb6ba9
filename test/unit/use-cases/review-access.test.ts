import { describe, expect, it } from 'vitest';
import { MemoryAuditLog } from '../../../shared/adapters/memory/index.ts';
import {
  type AccessReview,
  comparableHours,
  reviewAccess,
  ticketsOpened,
} from '../../../shared/domain/access-patterns.ts';
import { type AuditRecord, auditRecord, ticketResource } from '../../../shared/domain/audit-event.ts';
import { reviewLastHour } from '../../../shared/use-cases/review-access.ts';

let sequence = 0;

function staffRecord(
  user: string,
  eventTime: string,
  eventName: 'GetTicket' | 'ListTickets' | 'ReplyToClient',
  references: string[],
  errorCode?: string,
): AuditRecord {
  sequence += 1;
  return auditRecord({
    eventTime,
    eventSource: 'courtdesk.court.gov.lv',
    eventName,
    userIdentity: { type: 'Staff', principalId: user, userName: user },
    sourceIPAddress: '198.51.100.7',
    userAgent: 'test',
    requestParameters: null,
    responseElements: null,
    requestID: `req-${sequence}`,
    eventID: `event-${String(sequence).padStart(6, '0')}`,
    readOnly: eventName !== 'ReplyToClient',
    resources: references.map(ticketResource),
    ...(errorCode ? { errorCode } : {}),
  });
}

/** `count` GetTicket records of distinct tickets by `user` within `hour`. */
function reads(user: string, hour: string, count: number, first = 1): AuditRecord[] {
  return Array.from({ length: count }, (_, i) =>
    staffRecord(user, `${hour}:${String(i % 60).padStart(2, '0')}:00.000Z`, 'GetTicket', [
      `TA-2026-${String(first + i).padStart(6, '0')}`,
    ]),
  );
}

describe('comparableHours', () => {
  it('names the eight hours before and the same hour in each of the four weeks before', () => {
    const hours = comparableHours('2026-11-30T09');
    expect(hours.slice(0, 8)).toEqual([
      '2026-11-30T08',
      '2026-11-30T07',
      '2026-11-30T06',
      '2026-11-30T05',
      '2026-11-30T04',
      '2026-11-30T03',
      '2026-11-30T02',
      '2026-11-30T01',
    ]);
    expect(hours.slice(8)).toEqual(['2026-11-23T09', '2026-11-16T09', '2026-11-09T09', '2026-11-02T09']);
  });
});

describe('reviewAccess', () => {
  const hour = '2026-11-30T09';

  it('counts distinct tickets opened, not calls: reopening the same ticket is one', () => {
    const again = staffRecord('agent.a', `${hour}:30:00.000Z`, 'GetTicket', ['TA-2026-000001']);
    const opened = ticketsOpened([...reads('agent.a', hour, 3), again]);
    expect(opened.get('agent.a')).toBe(3);
  });

  it('flags an account that opens far more than its busiest comparable hour, and above the floor', () => {
    const records = [...reads('agent.a', hour, 100), ...reads('agent.b', hour, 40)];
    const history = [reads('agent.a', '2026-11-23T09', 30), reads('agent.b', '2026-11-30T08', 35)];
    const review = reviewAccess({ hour, records, history });
    expect(review.unusualReaders).toEqual([{ user: 'agent.a', opened: 100, usual: 30 }]);
    expect(review.ticketsOpened).toBe(140);
  });

  it('a new account with no usual is flagged only above the floor', () => {
    const quiet = reviewAccess({ hour, records: reads('agent.new', hour, 30), history: [] });
    expect(quiet.unusualReaders).toEqual([]);
    const busy = reviewAccess({ hour, records: reads('agent.new', hour, 31), history: [] });
    expect(busy.unusualReaders).toEqual([{ user: 'agent.new', opened: 31, usual: 0 }]);
  });

  it('exactly three times the usual is not yet unusual; one more is', () => {
    const history = [reads('agent.a', '2026-11-30T08', 20)];
    expect(reviewAccess({ hour, records: reads('agent.a', hour, 60), history }).unusualReaders).toEqual([]);
    expect(reviewAccess({ hour, records: reads('agent.a', hour, 61), history }).unusualReaders).toHaveLength(
      1,
    );
  });

  it('flags repeated refused attempts at tickets (outside competence), not other refusals or lists', () => {
    const records = [
      staffRecord('agent.x', `${hour}:01:00.000Z`, 'GetTicket', ['TA-2026-000009'], 'AccessDenied'),
      staffRecord('agent.x', `${hour}:02:00.000Z`, 'GetTicket', ['TA-2026-000010'], 'AccessDenied'),
      staffRecord('agent.x', `${hour}:03:00.000Z`, 'ReplyToClient', ['TA-2026-000010'], 'AccessDenied'),
      staffRecord('agent.y', `${hour}:04:00.000Z`, 'GetTicket', ['TA-2026-000011'], 'AccessDenied'),
      staffRecord('agent.y', `${hour}:05:00.000Z`, 'ListTickets', [], 'AccessDenied'),
      staffRecord('agent.y', `${hour}:06:00.000Z`, 'GetTicket', ['TA-2026-000012'], 'NotFound'),
    ];
    const review = reviewAccess({ hour, records, history: [] });
    expect(review.outsideCompetence).toEqual([{ user: 'agent.x', attempts: 3 }]);
    expect(review.outsideAttempts).toBe(4);
    expect(review.accessDenied).toBe(5);
    // A refused read opens nothing.
    expect(review.ticketsOpened).toBe(0);
  });

  it('ignores service records', () => {
    const service = auditRecord({
      ...reads('x', hour, 1)[0]!,
      eventName: 'GetTicket',
      userIdentity: { type: 'Service', invokedBy: 'process-intake' },
      eventID: 'service-1',
    });
    const review = reviewAccess({ hour, records: Array(50).fill(service), history: [] });
    expect(review.unusualReaders).toEqual([]);
  });
});

describe('reviewLastHour', () => {
  function trailOf(records: AuditRecord[]) {
    const asked: string[] = [];
    return {
      asked,
      recordsOfHour: async (hourKey: string) => {
        asked.push(hourKey);
        return records.filter((record) => record.eventTime.startsWith(hourKey));
      },
    };
  }

  it('reviews the hour that ended before the grace period, publishes the figures and records them', async () => {
    const records = [
      ...reads('agent.a', '2026-11-30T09', 45),
      ...reads('agent.a', '2026-11-23T09', 10, 500),
      ...reads('agent.b', '2026-11-30T10', 99, 900), // the current hour: not reviewed yet
    ];
    const trail = trailOf(records);
    const published: AccessReview[] = [];
    const audit = new MemoryAuditLog();
    const review = await reviewLastHour({
      trail,
      audit,
      metrics: { publish: (r) => void published.push(r) },
      clock: { now: () => new Date('2026-11-30T10:10:00Z') },
      runId: 'run-1',
    });
    expect(review.hour).toBe('2026-11-30T09');
    expect(trail.asked).toEqual(['2026-11-30T09', ...comparableHours('2026-11-30T09')]);
    expect(published).toEqual([review]);
    expect(review.unusualReaders).toEqual([{ user: 'agent.a', opened: 45, usual: 10 }]);

    const [record] = audit.records;
    expect(audit.records).toHaveLength(1);
    expect(record).toMatchObject({
      eventName: 'ReviewAccessPatterns',
      eventTime: '2026-11-30T10:10:00.000Z',
      userIdentity: { type: 'Service', invokedBy: 'audit-watch' },
      requestParameters: { hour: '2026-11-30T09' },
      responseElements: { unusualReaders: [{ user: 'agent.a', opened: 45, usual: 10 }], records: 45 },
      readOnly: true,
      resources: [],
    });
    // The accounts, never the tickets they read.
    expect(JSON.stringify(record)).not.toMatch(/TA-2026/);
  });

  it('within the grace period after an hour ends, reviews the hour before it', async () => {
    const trail = trailOf([]);
    const audit = new MemoryAuditLog();
    const review = await reviewLastHour({
      trail,
      audit,
      metrics: { publish: () => undefined },
      clock: { now: () => new Date('2026-11-30T10:03:00Z') },
      runId: 'run-2',
    });
    expect(review.hour).toBe('2026-11-30T08');
    expect(audit.records.map((r) => r.responseElements)).toEqual([
      expect.objectContaining({ records: 0, unusualReaders: [], outsideCompetence: [] }),
    ]);
  });
});
