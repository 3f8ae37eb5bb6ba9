/**
 * The ticket's history names what changed in the page's language: units by their names, statuses
 * by their words, deadlines as dates, with the reason staff gave; never the ids the API carries.
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../shared/domain/language.ts';
import type { HistoryEntry, MeResponse } from '../../../shared/http/staff-contract.ts';
import { formatShortDate } from '../../../web/src/admin/format.ts';
import type { ViewContext } from '../../../web/src/admin/shell.ts';
import { text } from '../../../web/src/admin/texts.ts';
import { detailText } from '../../../web/src/admin/ticket/history.ts';

const unitNames: Record<string, Record<Language, string>> = {
  'legal-aid': { lv: 'Juridiskā palīdzība', en: 'Legal aid' },
  'court-fees': { lv: 'Tiesu izdevumi', en: 'Court fees' },
};

function context(language: Language): ViewContext {
  return {
    language,
    t: (key, values) => text(language, key, values),
    me: {} as MeResponse,
    unitName: (id) => unitNames[id]?.[language] ?? id,
    href: () => '',
  };
}

const entry = (fields: Partial<HistoryEntry>): HistoryEntry => ({
  at: '2026-11-20T09:00:00Z',
  by: 'a',
  action: 'rerouted',
  detail: 'legal-aid → court-fees: Nodevas',
  ...fields,
});

describe('a history entry in the ticket view', () => {
  it('names the units of a reroute, with the reason, in Latvian and in English', () => {
    const reroute = entry({
      change: { kind: 'unit', from: 'legal-aid', to: 'court-fees' },
      reason: 'Nodevas',
    });
    expect(detailText(reroute, context('lv'))).toBe('Juridiskā palīdzība → Tiesu izdevumi: Nodevas');
    expect(detailText(reroute, context('en'))).toBe('Legal aid → Court fees: Nodevas');
  });

  it('names the unit a ticket was first routed to, not the rule id', () => {
    const received = entry({
      action: 'received',
      detail: 'topic-legal-aid',
      change: { kind: 'unit', to: 'legal-aid' },
    });
    expect(detailText(received, context('lv'))).toBe('Juridiskā palīdzība');
  });

  it('words a status change and shows a deadline change as dates', () => {
    const status = entry({
      action: 'status',
      detail: 'new → open',
      change: { kind: 'status', from: 'new', to: 'open' },
    });
    expect(detailText(status, context('lv'))).toBe(
      `${text('lv', 'status.new')} → ${text('lv', 'status.open')}`,
    );
    expect(detailText(status, context('en'))).toBe('New → Open');
    const deadline = entry({
      action: 'deadline-extended',
      change: { kind: 'deadline', from: '2026-12-21', to: '2027-01-20' },
      reason: 'Sarežģīts',
    });
    const lv = detailText(deadline, context('lv'));
    expect(lv).toBe(
      `${formatShortDate('2026-12-21', 'lv')} → ${formatShortDate('2027-01-20', 'lv')}: Sarežģīts`,
    );
    expect(lv).toMatch(/^21\.12\.2026\.? → 20\.01\.2027\.?: Sarežģīts$/);
  });

  it('keeps the API’s words where nothing is named, and the reason alone where only a reason is given', () => {
    expect(detailText(entry({ action: 'taken', detail: '' }), context('lv'))).toBe('');
    expect(
      detailText(
        entry({ action: 'service-ended', detail: 'Ārpus kompetences', reason: 'Ārpus kompetences' }),
        context('en'),
      ),
    ).toBe('Ārpus kompetences');
  });
});
