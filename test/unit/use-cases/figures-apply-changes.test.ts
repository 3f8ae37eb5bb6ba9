/**
 * The figures kept from the stream equal a brute-force recount of the final items, and the
 * rebuild, after a randomised workload delivered with duplicates, replays of older records,
 * failures part-way and changes written in several steps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryFiguresStore } from '../../../shared/adapters/memory/figures-store.ts';
import { MemoryFiguresTable } from '../../../shared/adapters/memory/figures-table.ts';
import type { ItemImage } from '../../../shared/domain/figures/contributions.ts';
import { defaultCalendar } from '../../../shared/domain/working-days.ts';
import type { SourceItem } from '../../../shared/ports/figures.ts';
import {
  applyChange,
  applyChanges,
  isNewer,
  type SourceChange,
} from '../../../shared/use-cases/figures/apply-changes.ts';
import { rebuildFigures } from '../../../shared/use-cases/figures/rebuild-figures.ts';
import { randomWorkload, redelivered, seededRandom } from '../../support/figures-workload.ts';

// ---- The brute-force recount: the rules of layout.ts, written out plainly from the items. ----

const rigaDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Riga' });
const dayOf = (instant: string) => rigaDate.format(new Date(instant));

function periodStartsOf(date: string): string[] {
  const day = new Date(`${date}T00:00:00Z`);
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
  return [
    `FIG#d#${date}`,
    `FIG#w#${monday.toISOString().slice(0, 10)}`,
    `FIG#m#${date.slice(0, 7)}-01`,
    `FIG#y#${date.slice(0, 4)}-01-01`,
  ];
}

function workingDays(from: string, to: string): number {
  const start = defaultCalendar.nextWorkingDay(dayOf(from));
  let count = 0;
  for (let day = start; day < dayOf(to); ) {
    day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    if (defaultCalendar.isWorkingDay(day)) count += 1;
  }
  return count;
}

type Buckets = Map<string, Record<string, number>>;

function bruteForce(items: readonly ItemImage[]): Buckets {
  const buckets: Buckets = new Map();
  const add = (date: string, unit: unknown, channel: unknown, attribute: string, n = 1) => {
    for (const pk of periodStartsOf(date)) {
      const key = `${pk}|${unit}#${channel}`;
      const bucket = buckets.get(key) ?? {};
      bucket[attribute] = (bucket[attribute] ?? 0) + n;
      buckets.set(key, bucket);
    }
  };
  for (const item of items) {
    // biome-ignore lint/suspicious/noExplicitAny: the recount reads the items' fields as plainly as a person would
    const it = item as Record<string, any>;
    if (String(it.pk).startsWith('TAKES#')) {
      add(dayOf(it.takenAt), it.competence, '-', 'taken');
      if (it.inOrder === false) add(dayOf(it.takenAt), it.competence, '-', 'takenOutOfOrder');
    } else if (it.type === 'survey-invitation') {
      add(dayOf(it.invitedAt), it.competence, it.channel, 'invited');
    } else if (it.type === 'survey') {
      add(dayOf(it.respondedAt), it.competence, it.channel, 'responses');
      add(dayOf(it.respondedAt), it.competence, it.channel, `sat_${it.satisfaction}`);
      const answered = { yes: 'ansYes', partly: 'ansPartly', no: 'ansNo' }[it.answered as 'yes'];
      add(dayOf(it.respondedAt), it.competence, it.channel, answered);
    } else if (it.type === 'ticket') {
      const unit = it.competence;
      const channel = it.channel;
      add(dayOf(it.receivedAt), unit, channel, 'received');
      add(dayOf(it.receivedAt), unit, channel, 'backlog');
      const changes: { to: string; at: string }[] = [...(it.statusChanges ?? [])];
      const lastTo = changes.length ? changes[changes.length - 1]?.to : 'new';
      if (lastTo !== it.status) {
        const lastAt = changes.length ? (changes[changes.length - 1]?.at ?? '') : '';
        const when = it.lastClientMessageAt ?? it.storedAt;
        changes.push({ to: it.status, at: [when, lastAt].sort().at(-1) as string });
      }
      const isSettled = (status: string) => status === 'answered' || status === 'closed';
      let open = true;
      for (const change of changes) {
        if (open && isSettled(change.to)) add(dayOf(change.at), unit, channel, 'backlog', -1);
        if (!open && !isSettled(change.to)) add(dayOf(change.at), unit, channel, 'backlog', +1);
        open = !isSettled(change.to);
      }
      const firstAnswer = changes.find((change) => isSettled(change.to));
      // The deadline in force at an instant: extensions and reopenings, in the order made.
      const moves: { from: string; to: string; at: string }[] = [
        ...(it.deadlineExtensions ?? []),
        ...(it.reopenings ?? []),
      ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      const deadlineAt = (instant: string) => {
        let deadline: string = moves.length ? moves[0]?.from : it.answerDeadline;
        for (const move of moves) if (move.at <= instant) deadline = move.to;
        return deadline;
      };
      // Closed by the end of service (§17), or after it: no answer.
      const isAnswer = (change: { at: string }) => !it.serviceEnded || change.at < it.serviceEnded.at;
      if (firstAnswer && isAnswer(firstAnswer)) {
        const answeredOn = dayOf(firstAnswer.at);
        add(answeredOn, unit, channel, 'answered');
        if (answeredOn <= deadlineAt(firstAnswer.at)) add(answeredOn, unit, channel, 'answeredByDeadline');
        add(answeredOn, unit, channel, `ans_${workingDays(it.receivedAt, firstAnswer.at)}`);
      }
      if (it.status === 'closed') {
        const closings = changes.filter((change) => change.to === 'closed');
        add(dayOf(closings[closings.length - 1]?.at ?? ''), unit, channel, 'closed');
      }
      const firstResponse =
        it.firstResponseAt ??
        changes.find((change) => change.to === 'answered' || change.to === 'waiting-on-client')?.at;
      if (firstResponse)
        add(dayOf(firstResponse), unit, channel, `frt_${workingDays(it.receivedAt, firstResponse)}`);
      // Due: from receipt to the first answer, and from each reopening to the next settle.
      const settles = [
        firstAnswer,
        ...(it.reopenings ?? []).map((reopening: { at: string }) =>
          changes.find((change) => change.at >= reopening.at && isSettled(change.to)),
        ),
      ];
      for (const settle of settles) {
        if (settle && !isAnswer(settle)) continue;
        const deadline = settle ? deadlineAt(settle.at) : it.answerDeadline;
        add(deadline, unit, channel, 'due');
        if (settle && dayOf(settle.at) <= deadline) add(deadline, unit, channel, 'dueMet');
      }
      for (const extension of it.deadlineExtensions ?? [])
        add(dayOf(extension.at), unit, channel, 'extensions');
      for (const reroute of it.reroutes ?? []) add(dayOf(reroute.at), reroute.from, channel, 'reroutes');
    }
  }
  return withoutZeros(buckets);
}

function withoutZeros(buckets: Buckets): Buckets {
  const result: Buckets = new Map();
  for (const [key, values] of buckets) {
    const kept = Object.fromEntries(Object.entries(values).filter(([, n]) => n !== 0));
    if (Object.keys(kept).length) result.set(key, kept);
  }
  return result;
}

/** The buckets kept in the table, zeros left out. */
function keptBuckets(table: MemoryFiguresTable): Buckets {
  const buckets: Buckets = new Map();
  for (const item of table.items.values()) {
    if (!String(item.pk).startsWith('FIG#')) continue;
    const { pk, sk, ...values } = item;
    buckets.set(`${pk}|${sk}`, values as Record<string, number>);
  }
  return withoutZeros(buckets);
}

const sorted = (buckets: Buckets) => Object.fromEntries([...buckets].sort(([a], [b]) => a.localeCompare(b)));

const sourcesOf = (items: readonly ItemImage[]) => (): SourceItem[] =>
  items.map((image) => ({ source: { pk: String(image.pk), sk: String(image.sk) }, image }));

/**
 * Delivers `records` as Lambda does with ReportBatchItemFailures: in batches; a failed record
 * and those after it come again in the next batch. Writes fail at random on the way.
 */
async function consume(
  store: MemoryFiguresStore,
  records: readonly SourceChange[],
  seed: number,
  bucketsPerWrite: number,
) {
  const random = seededRandom(seed ^ 0x2545f491);
  let position = 0;
  for (let attempts = 0; position < records.length; attempts += 1) {
    if (attempts > records.length * 20) throw new Error('The consumer made no progress');
    store.failNextWrites = random.chance(0.2) ? random.below(3) : 0;
    const batch = records.slice(position, position + 1 + random.below(10));
    const result = await applyChanges({ figures: store, bucketsPerWrite }, batch);
    position += result.failed ? result.failed.index : batch.length;
    store.failNextWrites = 0;
  }
}

describe('figures kept from the stream', () => {
  it('equal a brute-force recount and the rebuild after a randomised workload, whatever the delivery', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 5, max: 80 }),
        fc.constantFrom(1, 2, 5, 99),
        async (seed, operations, bucketsPerWrite) => {
          const { records, finalItems } = randomWorkload(seed, operations);
          const table = new MemoryFiguresTable();
          const store = new MemoryFiguresStore(table, sourcesOf(finalItems));
          await consume(store, redelivered(records, seed), seed, bucketsPerWrite);

          const expected = sorted(bruteForce(finalItems));
          expect(sorted(keptBuckets(table))).toEqual(expected);
          const check = await rebuildFigures({ store }, { write: false });
          expect(check.differences).toEqual([]);
          expect(check.booksDiffering).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('are written over by the rebuild, which the stream then carries on from', async () => {
    const { records, finalItems } = randomWorkload(7, 60);
    const half = Math.floor(records.length / 2);
    const table = new MemoryFiguresTable();
    const store = new MemoryFiguresStore(table, sourcesOf(finalItems));
    await applyChanges({ figures: store }, records.slice(0, half));
    // A bucket spoilt, one made up, and the rebuild run on the final items.
    const [spoilt] = [...table.items.values()].filter((item) => String(item.pk).startsWith('FIG#'));
    table.put({ ...(spoilt as { pk: string; sk: string }), received: 999 });
    table.put({ pk: 'FIG#d#2020-01-01', sk: 'civil#web', received: 3 });
    const before = await rebuildFigures({ store }, { write: false });
    expect(before.differences.length).toBeGreaterThan(0);
    expect(before.differences).toContainEqual({
      pk: 'FIG#d#2020-01-01',
      sk: 'civil#web',
      attribute: 'received',
      kept: 3,
      recounted: 0,
    });
    await rebuildFigures({ store }, { write: true });
    expect(sorted(keptBuckets(table))).toEqual(sorted(bruteForce(finalItems)));
    // The rest of the stream (all of it already in the recount) changes nothing.
    await applyChanges({ figures: store }, records.slice(half));
    expect(sorted(keptBuckets(table))).toEqual(sorted(bruteForce(finalItems)));
    expect((await rebuildFigures({ store }, { write: false })).differences).toEqual([]);
  });

  it('keep a removed item’s figures in the rebuild, which keeps its bookkeeping', async () => {
    const { records, finalItems } = randomWorkload(23, 50);
    const table = new MemoryFiguresTable();
    // Half the tickets are gone from the table (expired, erased) after the stream counted them.
    const gone = finalItems.filter((item, index) => item.sk === 'TICKET' && index % 2 === 0);
    const left = finalItems.filter((item) => !gone.includes(item));
    const store = new MemoryFiguresStore(table, sourcesOf(left));
    const removals = gone.map((item, index) => ({
      source: { pk: String(item.pk), sk: String(item.sk) },
      image: undefined,
      sequence: String(10n ** 30n + BigInt(index)),
    }));
    await applyChanges({ figures: store }, [...records, ...removals]);
    expect(sorted(keptBuckets(table))).toEqual(sorted(bruteForce(finalItems)));
    const check = await rebuildFigures({ store }, { write: false });
    expect(check.differences).toEqual([]);
    expect(check.booksDiffering).toBe(0);
    // Written over, nothing changes and the gone items' bookkeeping stays.
    await rebuildFigures({ store }, { write: true });
    expect(sorted(keptBuckets(table))).toEqual(sorted(bruteForce(finalItems)));
    for (const item of gone)
      expect(await store.book({ pk: String(item.pk), sk: String(item.sk) })).toBeDefined();
  });

  it('skip a duplicate and an older record, comparing sequence numbers as numbers', async () => {
    const table = new MemoryFiguresTable();
    const store = new MemoryFiguresStore(table);
    const source = { pk: 'TAKES#civil#2026-03', sk: '2026-03-10T09:00:00.000Z#TA-1' };
    const take = (inOrder: boolean) => ({
      ...source,
      competence: 'civil',
      takenAt: '2026-03-10T09:00:00.000Z',
      inOrder,
    });
    expect(await applyChange({ figures: store }, { source, image: take(false), sequence: '900' })).toBe(
      'applied',
    );
    // "1000" sorts before "900" as text, not as a number.
    expect(await applyChange({ figures: store }, { source, image: take(true), sequence: '1000' })).toBe(
      'applied',
    );
    expect(await applyChange({ figures: store }, { source, image: take(false), sequence: '900' })).toBe(
      'skipped',
    );
    expect(await applyChange({ figures: store }, { source, image: take(true), sequence: '1000' })).toBe(
      'skipped',
    );
    expect(table.get('FIG#d#2026-03-10', 'civil#-')).toEqual({
      pk: 'FIG#d#2026-03-10',
      sk: 'civil#-',
      taken: 1,
      takenOutOfOrder: 0,
    });
    expect(isNewer('100000000000000000000000000001', '99999999999999999999999999999')).toBe(true);
    // Removed (a TTL expiry, an erasure): its figures stay, its sequence number moves on.
    expect(await applyChange({ figures: store }, { source, image: undefined, sequence: '1001' })).toBe(
      'applied',
    );
    expect(table.get('FIG#d#2026-03-10', 'civil#-')).toMatchObject({ taken: 1 });
    expect((await store.book(source))?.sequence).toBe('1001');
    expect(await applyChange({ figures: store }, { source, image: take(false), sequence: '1000' })).toBe(
      'skipped',
    );
  });

  it('finish a change written in steps that failed part-way before applying the next', async () => {
    const { records } = randomWorkload(11, 40);
    const table = new MemoryFiguresTable();
    const store = new MemoryFiguresStore(table);
    const ticketRecords = records.filter((record) => record.source.sk === 'TICKET');
    const first = ticketRecords[0] as SourceChange;
    // One bucket a step: a new ticket touches a dozen buckets. The third step fails.
    const deps = { figures: store, bucketsPerWrite: 1 };
    let writes = 0;
    const flaky = {
      book: store.book.bind(store),
      write: async (change: Parameters<MemoryFiguresStore['write']>[0]) => {
        writes += 1;
        if (writes === 3) throw new Error('Lambda timed out');
        return store.write(change);
      },
    };
    await expect(applyChange({ ...deps, figures: flaky }, first)).rejects.toThrow('Lambda timed out');
    expect((await store.book(first.source))?.pending?.step).toBe(1);
    // The retry of the same record finishes the change, once.
    expect(await applyChange(deps, first)).toBe('applied');
    expect(await applyChange(deps, first)).toBe('skipped');
    expect((await store.book(first.source))?.pending).toBeUndefined();
    expect(sorted(keptBuckets(table))).toEqual(sorted(bruteForce([first.image as ItemImage])));
  });
});
