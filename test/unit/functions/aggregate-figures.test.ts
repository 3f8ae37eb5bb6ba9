/** The stream handler: figure sources applied in order, other items passed over, failures reported. */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { aggregateFigures, sourceChange } from '../../../functions/aggregate-figures/handler.ts';
import { MemoryFiguresStore } from '../../../shared/adapters/memory/figures-store.ts';
import { MemoryFiguresTable } from '../../../shared/adapters/memory/figures-table.ts';
import { rebuildFigures } from '../../../shared/use-cases/figures/rebuild-figures.ts';

const ticket = {
  pk: 'TICKET#TA-2026-000001',
  sk: 'TICKET',
  type: 'ticket',
  reference: 'TA-2026-000001',
  competence: 'civil',
  channel: 'email',
  status: 'new',
  receivedAt: '2026-03-10T08:00:00.000Z',
  storedAt: '2026-03-10T08:00:01.000Z',
  answerDeadline: '2026-04-10',
  attachments: [{ key: 'k', filename: 'a.pdf', contentType: 'application/pdf', size: 12, inline: false }],
};

function record(
  sequence: string,
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  item: Record<string, unknown>,
  old?: Record<string, unknown>,
): DynamoDBRecord {
  const image = (value: Record<string, unknown>) =>
    marshall(value, { removeUndefinedValues: true }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];
  return {
    eventID: sequence,
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: image({ pk: item.pk, sk: item.sk }),
      ...(eventName === 'REMOVE' ? {} : { NewImage: image(item) }),
      ...(old || eventName === 'REMOVE' ? { OldImage: image(old ?? item) } : {}),
      SequenceNumber: sequence,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

const event = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

describe('aggregate-figures', () => {
  it('applies the records of figure sources in order and passes over every other item', async () => {
    const table = new MemoryFiguresTable();
    const figures = new MemoryFiguresStore(table);
    const answered = {
      ...ticket,
      status: 'answered',
      statusChanges: [{ from: 'new', to: 'answered', by: 'agent.anna', at: '2026-03-11T09:00:00.000Z' }],
    };
    const message = { pk: ticket.pk, sk: 'MESSAGE#1', type: 'message', text: 'Sveiki' };
    const result = await aggregateFigures(
      event(
        record('100', 'INSERT', ticket),
        record('101', 'INSERT', message),
        record('102', 'MODIFY', answered, ticket),
        record('102', 'MODIFY', answered, ticket),
      ),
      { figures },
    );
    expect(result).toEqual({ batchItemFailures: [] });
    expect(table.get('FIG#d#2026-03-10', 'civil#email')).toMatchObject({ received: 1, backlog: 1 });
    expect(table.get('FIG#d#2026-03-11', 'civil#email')).toMatchObject({ answered: 1, backlog: -1 });
    expect(table.get('SRC#TICKET#TA-2026-000001', 'MESSAGE#1')).toBeUndefined();
    expect(sourceChange(record('103', 'INSERT', message))).toBeUndefined();
  });

  it('keeps what a removed item contributed, and only moves its sequence number on', async () => {
    const table = new MemoryFiguresTable();
    const figures = new MemoryFiguresStore(table);
    await aggregateFigures(event(record('1', 'INSERT', ticket), record('2', 'REMOVE', ticket)), { figures });
    expect(table.get('FIG#y#2026-01-01', 'civil#email')).toMatchObject({ received: 1, backlog: 1 });
    const book = await figures.book({ pk: String(ticket.pk), sk: String(ticket.sk) });
    expect(book?.sequence).toBe('2');
    expect(Object.keys(book?.applied ?? {}).length).toBeGreaterThan(0);
    // The rebuild, with the ticket gone from the table, agrees.
    const rebuilt = await rebuildFigures({ store: figures }, { write: false });
    expect(rebuilt.differences).toEqual([]);
    expect(rebuilt.booksDiffering).toBe(0);
  });

  it('reports the first failing record, and the retry from it finishes the batch', async () => {
    const table = new MemoryFiguresTable();
    const figures = new MemoryFiguresStore(table);
    const take = {
      pk: 'TAKES#civil#2026-03',
      sk: '2026-03-10T09:00:00.000Z#TA-2026-000001',
      competence: 'civil',
      takenAt: '2026-03-10T09:00:00.000Z',
      inOrder: true,
    };
    const batch = event(
      record('10', 'INSERT', ticket),
      record('11', 'INSERT', take),
      record('12', 'INSERT', ticket),
    );
    // The first write goes through, the second fails.
    let writes = 0;
    const flaky = {
      book: figures.book.bind(figures),
      write: async (change: Parameters<MemoryFiguresStore['write']>[0]) => {
        writes += 1;
        if (writes === 2) throw new Error('ProvisionedThroughputExceeded');
        return figures.write(change);
      },
    };
    expect(await aggregateFigures(batch, { figures: flaky })).toEqual({
      batchItemFailures: [{ itemIdentifier: '11' }],
    });
    // Lambda retries the batch from the failed record (or, bisected, the whole batch again).
    expect(await aggregateFigures(batch, { figures })).toEqual({ batchItemFailures: [] });
    expect(table.get('FIG#d#2026-03-10', 'civil#-')).toMatchObject({ taken: 1 });
    expect(table.get('FIG#d#2026-03-10', 'civil#email')).toMatchObject({ received: 1 });
  });
});
