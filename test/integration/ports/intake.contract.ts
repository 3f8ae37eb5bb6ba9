/** The intake ports (reference blocks, idempotency, new tickets) and the ticket reader. */
import { expect, it } from 'vitest';
import type { IntakeMessage } from '../../../shared/domain/intake-message.ts';
import { newTicket } from '../../support/tickets.ts';
import { aTicket, type MakePorts, unique, uniqueUnit } from './ports-under-test.ts';

export function intakeContract(make: MakePorts): void {
  it('reserves reference blocks one after another, per year', async () => {
    const { store } = make();
    const year = 3000 + Math.floor(Math.random() * 5000);
    expect(await store.reserveReferenceBlock(year, 20)).toBe(20);
    expect(await store.reserveReferenceBlock(year, 20)).toBe(40);
    expect(await store.reserveReferenceBlock(year + 1, 1)).toBe(1);
  });

  it('keeps an idempotency record once, under its key', async () => {
    const { store } = make();
    const key = unique('key');
    const message = { version: 1, kind: 'new-request' } as unknown as IntakeMessage;
    const now = new Date('2026-12-01T00:00:00Z');
    const expiry = new Date('2026-12-02T00:00:00Z');
    expect(await store.getIdempotency(key, now)).toBeUndefined();
    expect(await store.putIdempotency({ key, fingerprint: 'a', message }, expiry, now)).toBe(true);
    expect(await store.putIdempotency({ key, fingerprint: 'b', message }, expiry, now)).toBe(false);
    expect(await store.getIdempotency(key, now)).toEqual({ key, fingerprint: 'a', message });
  });

  it('treats an idempotency record past its expiry as gone, though TTL has not deleted it yet', async () => {
    // Prepare
    const { store } = make();
    const key = unique('key');
    const message = { version: 1, kind: 'new-request' } as unknown as IntakeMessage;
    const written = new Date('2026-12-01T00:00:00Z');
    const expiry = new Date('2026-12-02T00:00:00Z');
    await store.putIdempotency({ key, fingerprint: 'a', message }, expiry, written);
    // Act
    const atExpiry = await store.getIdempotency(key, expiry);
    const retaken = await store.putIdempotency(
      { key, fingerprint: 'b', message },
      new Date('2026-12-03T00:00:00Z'),
      expiry,
    );
    // Assess
    expect(await store.getIdempotency(key, new Date(expiry.getTime() - 1000))).toBeDefined();
    expect(atExpiry).toBeUndefined();
    expect(retaken).toBe(true);
    expect((await store.getIdempotency(key, expiry))?.fingerprint).toBe('b');
  });

  it('creates tickets once each, and reads them back as written', async () => {
    const { store } = make();
    const unit = uniqueUnit();
    const [first, second] = [aTicket(unit), aTicket(unit)];
    expect(await store.createTickets([newTicket(first), newTicket(second)])).toEqual(['created', 'created']);
    expect(await store.createTickets([newTicket(first)])).toEqual(['exists']);
    expect(await store.getTicket(first.reference)).toEqual(first);
    expect(await store.getTicket(unique('TA'))).toBeUndefined();
  });

  it('links a follow-up back from the ticket it names; a missing one fails that entry only', async () => {
    const { store } = make();
    const unit = uniqueUnit();
    const older = aTicket(unit);
    await store.createTickets([newTicket(older)]);
    const link = {
      relation: 'has-follow-up' as const,
      reference: unique('TA'),
      at: '2026-12-02T08:00:00.000Z',
    };
    const follower = aTicket(unit, { reference: link.reference });
    const orphan = aTicket(unit);
    const other = aTicket(unit);
    const outcomes = await store.createTickets([
      { ...newTicket(follower), linkBack: { reference: older.reference, link } },
      { ...newTicket(orphan), linkBack: { reference: unique('TA'), link } },
      newTicket(other),
    ]);
    expect(outcomes[0]).toBe('created');
    expect(outcomes[1]).toBeInstanceOf(Error);
    expect(outcomes[2]).toBe('created');
    expect((await store.getTicket(older.reference))?.links).toEqual([link]);
    expect(await store.getTicket(orphan.reference)).toBeUndefined();
  });

  it('counts open tickets, answers a day and discarded spam', async () => {
    const { store } = make();
    const unit = uniqueUnit();
    await store.adjustOpenTickets(new Map([[unit, 3]]));
    await store.adjustOpenTickets(new Map([[unit, -1]]));
    await store.countAnswered(unit, '2026-12-01');
    await store.countAnswered(unit, '2026-12-01');
    const day = unique('day');
    const before = await store.discardedCount('honeypot', day);
    await store.countDiscarded('honeypot', day);
    await expect.poll(() => store.openTickets(unit)).toBe(2);
    expect(await store.answeredOn(unit, ['2026-12-01', '2026-12-02'])).toEqual([2, 0]);
    expect(await store.answeredOn(unit, [])).toEqual([]);
    expect(await store.discardedCount('honeypot', day)).toBe(before + 1);
  });
}
