/**
 * The analysts' export (shared/use-cases/export-analytics.ts): a full export first, then
 * incremental windows from the last end (15 minutes to 24 hours), rows written once the export
 * is done, and never a personal field in a row.
 */
import { describe, expect, it } from 'vitest';
import { exportedChange } from '../../../shared/adapters/analytics/aws-table-exports.ts';
import { analyticsColumns, analyticsRow } from '../../../shared/domain/analytics-row.ts';
import type {
  AnalyticsExportState,
  AnalyticsStore,
  ExportedChange,
  ExportRequest,
  TableExports,
} from '../../../shared/ports/analytics-export.ts';
import { exportAnalytics } from '../../../shared/use-cases/export-analytics.ts';
import { testTicket } from '../../support/tickets.ts';

const personal = [
  'client',
  'name',
  'email',
  'phone',
  'postalAddress',
  'subject',
  'body',
  'bodyHtml',
  'by',
  'reason',
];

function fakes(start: string) {
  let now = new Date(start);
  const requests: ExportRequest[] = [];
  const statuses = new Map<string, 'in-progress' | 'completed' | 'failed'>();
  const contents = new Map<string, ExportedChange[]>();
  let state: AnalyticsExportState = {};
  const files = new Map<string, unknown[]>();
  const exports: TableExports = {
    async start(request) {
      requests.push(request);
      const id = `arn:aws:dynamodb:eu-north-1:1:table/tickets/export/${requests.length}`;
      statuses.set(id, 'in-progress');
      return id;
    },
    status: async (id) => statuses.get(id) ?? 'failed',
    async *changes(id) {
      yield* contents.get(id) ?? [];
    },
  };
  const store: AnalyticsStore = {
    readState: async () => state,
    writeState: async (next) => {
      state = next;
    },
    writeRows: async (day, name, rows) => {
      files.set(`${day}/${name}`, [...rows]);
    },
  };
  return {
    deps: { exports, store, clock: { now: () => now } },
    requests,
    statuses,
    contents,
    files,
    state: () => state,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

describe('the analytics row', () => {
  it('keeps the service facts of a ticket and none of its personal data', () => {
    const ticket = testTicket('TA-2026-000001', 'court-fees', {
      receivedAt: '2026-11-02T08:00:00.000Z',
      answerDeadline: '2026-12-02',
      statusChanges: [
        { from: 'new', to: 'open', by: 'agent.one', at: '2026-11-02T09:00:00.000Z' },
        { from: 'open', to: 'answered', by: 'agent.one', at: '2026-11-03T09:00:00.000Z' },
        { from: 'answered', to: 'closed', by: 'agent.one', at: '2026-11-04T09:00:00.000Z' },
      ],
      reroutes: [
        {
          from: 'court-fees',
          to: 'certificates-archive',
          reason: 'Jānis Bērziņš asked',
          by: 'x',
          at: '2026-11-02T10:00:00Z',
        },
      ],
    });
    const row = analyticsRow(
      { pk: 'TICKET#TA-2026-000001', sk: 'TICKET' },
      ticket as unknown as Record<string, unknown>,
      '2026-11-04T09:00:01.000Z',
    );
    expect(row).toMatchObject({
      reference: 'TA-2026-000001',
      competence: 'court-fees',
      received_at: '2026-11-02T08:00:00.000Z',
      answered_at: '2026-11-03T09:00:00.000Z',
      closed_at: '2026-11-04T09:00:00.000Z',
      reroutes: [{ from_unit: 'court-fees', to_unit: 'certificates-archive', at: '2026-11-02T10:00:00Z' }],
      deleted: false,
    });
    const json = JSON.stringify(row);
    for (const value of [
      ticket.client.name,
      ticket.client.email,
      ticket.subject,
      ticket.body,
      'agent.one',
      'Jānis',
    ])
      expect(json).not.toContain(value);
    const keys = JSON.stringify(Object.keys(row));
    for (const field of personal) expect(keys).not.toContain(`"${field}"`);
    expect(Object.keys(row).sort()).toEqual(analyticsColumns.map((column) => column.name).sort());
  });

  it('reads the lines of full and incremental exports, deletions included', () => {
    const full = exportedChange(
      JSON.stringify({ Item: { pk: { S: 'TICKET#TA-1' }, sk: { S: 'TICKET' }, n: { N: '2' } } }),
      '2026-11-04T00:00:00.000Z',
    );
    expect(full).toEqual({
      keys: { pk: 'TICKET#TA-1', sk: 'TICKET' },
      image: { pk: 'TICKET#TA-1', sk: 'TICKET', n: 2 },
      writtenAt: '2026-11-04T00:00:00.000Z',
    });
    const removed = exportedChange(
      JSON.stringify({
        Metadata: { WriteTimestampMicros: { N: '1793779200000000' } },
        Keys: { pk: { S: 'TICKET#TA-1' }, sk: { S: 'TICKET' } },
      }),
      'unused',
    );
    expect(removed).toEqual({
      keys: { pk: 'TICKET#TA-1', sk: 'TICKET' },
      writtenAt: new Date(1_793_779_200_000).toISOString(),
    });
  });
});

describe('exportAnalytics', () => {
  it('starts with a full export, writes its ticket rows once done, then exports window after window', async () => {
    const f = fakes('2026-11-04T12:00:00.000Z');
    expect(await exportAnalytics(f.deps)).toEqual({
      outcome: 'started',
      kind: 'full',
      to: '2026-11-04T11:59:00.000Z',
    });
    expect(await exportAnalytics(f.deps)).toEqual({ outcome: 'waiting' });

    const id = `arn:aws:dynamodb:eu-north-1:1:table/tickets/export/1`;
    f.statuses.set(id, 'completed');
    f.contents.set(id, [
      {
        keys: { pk: 'TICKET#TA-1', sk: 'TICKET' },
        image: { reference: 'TA-1', status: 'new' },
        writtenAt: 't',
      },
      { keys: { pk: 'TICKET#TA-1', sk: 'MSG#1' }, image: { body: 'private' }, writtenAt: 't' },
      { keys: { pk: 'TAKES#x#2026-11', sk: 'a' }, image: {}, writtenAt: 't' },
    ]);
    expect(await exportAnalytics(f.deps)).toEqual({ outcome: 'written', rows: 1, files: 1 });
    expect([...f.files.keys()]).toEqual(['2026-11-04/1-0']);
    expect(JSON.stringify([...f.files.values()])).not.toContain('private');
    expect(f.state()).toEqual({ exportedTo: '2026-11-04T11:59:00.000Z' });

    // Too soon for DynamoDB's shortest window.
    f.advance(10 * 60_000);
    expect(await exportAnalytics(f.deps)).toEqual({ outcome: 'idle' });
    // Two days later: one day at a time, from the last end.
    f.advance(2 * 24 * 3600_000);
    expect(await exportAnalytics(f.deps)).toMatchObject({ outcome: 'started', kind: 'incremental' });
    expect(f.requests.at(-1)).toEqual({
      kind: 'incremental',
      from: '2026-11-04T11:59:00.000Z',
      to: '2026-11-05T11:59:00.000Z',
    });
  });

  it('asks for the same window again after a failed export', async () => {
    const f = fakes('2026-11-04T12:00:00.000Z');
    await f.deps.store.writeState({ exportedTo: '2026-11-04T10:00:00.000Z' });
    await exportAnalytics(f.deps);
    f.statuses.set('arn:aws:dynamodb:eu-north-1:1:table/tickets/export/1', 'failed');
    expect(await exportAnalytics(f.deps)).toEqual({ outcome: 'failed', kind: 'incremental' });
    expect(f.state()).toEqual({ exportedTo: '2026-11-04T10:00:00.000Z' });
    await exportAnalytics(f.deps);
    expect(f.requests[1]).toEqual(f.requests[0]);
  });
});
