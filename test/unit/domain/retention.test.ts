import { describe, expect, it } from 'vitest';
import {
  defaultRetentionSchedule,
  expiredAt,
  parseRetentionSchedule,
  retentionCutoff,
  retentionExpiry,
  retentionHomes,
  retentionRecordTypes,
} from '../../../shared/domain/retention.ts';

describe('retention schedule', () => {
  it('names a period, an event and an action for every record type, each a placeholder by default', () => {
    const schedule = parseRetentionSchedule();
    for (const type of retentionRecordTypes) {
      const rule = schedule[type];
      expect(rule.days, type).toBeGreaterThan(0);
      expect(rule.placeholder, type).toBe(true);
      // Only what lives on the ticket may be pseudonymised; the rest is deleted.
      if (rule.action === 'pseudonymise') expect(retentionHomes[type], type).toBe('ticket');
    }
    expect(schedule.ticket.action).toBe('pseudonymise');
    expect(schedule['data-subject-export'].days).toBe(7);
  });

  it('takes overrides from CDK context, which are no longer placeholders', () => {
    const schedule = parseRetentionSchedule({
      ticket: { days: 3650 },
      'raw-mail': { days: 30, action: 'delete' },
    });
    expect(schedule.ticket).toEqual({ ...defaultRetentionSchedule.ticket, days: 3650, placeholder: false });
    expect(schedule['raw-mail'].days).toBe(30);
    expect(schedule.letter).toEqual(defaultRetentionSchedule.letter);
  });

  it('refuses an unknown record type, a bad period and a changed action, naming them', () => {
    expect(() => parseRetentionSchedule({ rawmail: { days: 30 } })).toThrow(/unknown record type rawmail/);
    expect(() => parseRetentionSchedule({ ticket: { days: 0 } })).toThrow(/ticket\.days/);
    expect(() => parseRetentionSchedule({ ticket: { days: 1.5 } })).toThrow(/ticket\.days/);
    expect(() => parseRetentionSchedule({ ticket: { action: 'delete' } })).toThrow(
      /ticket's action is pseudonymise/,
    );
    expect(() => parseRetentionSchedule({ 'raw-mail': { action: 'pseudonymise' } })).toThrow(/raw-mail/);
  });

  it('counts the cutoff and the TTL expiry from the period', () => {
    const rule = { days: 10, countedFrom: 'received', action: 'delete', placeholder: true } as const;
    expect(retentionCutoff(rule, new Date('2026-12-11T00:00:00Z')).toISOString()).toBe(
      '2026-12-01T00:00:00.000Z',
    );
    expect(retentionExpiry(rule, new Date('2026-12-01T00:00:00Z'))).toBe(
      Date.parse('2026-12-11T00:00:00Z') / 1000,
    );
  });

  it('treats an item past its TTL as gone, though DynamoDB deletes it later', () => {
    const expiresAt = Date.parse('2026-12-01T00:00:00Z') / 1000;
    expect(expiredAt(expiresAt, new Date('2026-11-30T23:59:59Z'))).toBe(false);
    expect(expiredAt(expiresAt, new Date('2026-12-01T00:00:00Z'))).toBe(true);
    expect(expiredAt(undefined, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});
