/**
 * The one look-up over the lv/en catalogues: values fill `{name}` placeholders as text, a value
 * not given leaves its placeholder standing, and only the catalogue's own keys are keys. The
 * catalogues built on it keep their own names and words.
 */
import { describe, expect, it } from 'vitest';
import { catalogue, fill } from '../../../shared/i18n/catalogue.ts';
import { digestMessage } from '../../../shared/i18n/digest-messages.ts';
import { message } from '../../../shared/i18n/messages.ts';
import { phoneSubject, postalSubject, scanRefusalMessage } from '../../../shared/i18n/postal-messages.ts';
import { quarantineMessage } from '../../../shared/i18n/quarantine-messages.ts';
import { isStaffMessageKey, staffMessage } from '../../../shared/i18n/staff-messages.ts';
import { text as adminText, isTextKey as isAdminTextKey } from '../../../web/src/admin/texts.ts';
import { isTextKey, text } from '../../../web/src/texts.ts';

const greetings = catalogue({
  lv: { hello: 'Sveiki, {name}!', plain: 'Labdien.', twice: '{a} un {a}, {b}' },
  en: { hello: 'Hello, {name}!', plain: 'Good day.', twice: '{a} and {a}, {b}' },
});

describe('a catalogue', () => {
  it('answers the text in the language asked for', () => {
    // Act
    const lv = greetings.text('lv', 'plain');
    const en = greetings.text('en', 'plain');

    // Assess
    expect(lv).toBe('Labdien.');
    expect(en).toBe('Good day.');
  });

  it('fills every placeholder of a name with its value', () => {
    expect(greetings.text('lv', 'hello', { name: 'Anna' })).toBe('Sveiki, Anna!');
    expect(greetings.text('en', 'twice', { a: 'x', b: 'y' })).toBe('x and x, y');
  });

  it('leaves a placeholder without a value as it stands', () => {
    expect(greetings.text('en', 'hello')).toBe('Hello, {name}!');
    expect(greetings.text('en', 'twice', { a: '1' })).toBe('1 and 1, {b}');
  });

  it('inserts values as they are, never reading placeholders inside them', () => {
    expect(greetings.text('lv', 'twice', { a: '{b}', b: '$&' })).toBe('{b} un {b}, $&');
  });

  it('knows its own keys only', () => {
    expect(greetings.isKey('hello')).toBe(true);
    expect(greetings.isKey('goodbye')).toBe(false);
    expect(greetings.isKey('toString')).toBe(false);
    expect(greetings.isKey('constructor')).toBe(false);
  });

  it('does not take a value from the prototype for a placeholder', () => {
    expect(fill('{toString} {name}', { name: 'N' })).toBe('{toString} N');
  });
});

describe('the catalogues built on it', () => {
  it('keep their words and fill their values', () => {
    expect(message('lv', 'mail.ack.subject', { reference: 'TA-2026-000001' })).toBe(
      'Jūsu pieprasījums saņemts — TA-2026-000001',
    );
    expect(staffMessage('en', 'staff.deadline.notLater', { date: '2026-06-01' })).toBe(
      'The new deadline must be later than the current one (2026-06-01).',
    );
    expect(isStaffMessageKey('staff.NotFound')).toBe(true);
    expect(isStaffMessageKey('staff.toString')).toBe(false);
    expect(quarantineMessage('lv', 'quarantine.NotFound')).toBe(
      'Karantīnā šāda e-pasta vēstule nav atrasta.',
    );
    expect(digestMessage('en', 'digest.line', { reference: 'TA-1', deadline: '1 June' })).toBe(
      'TA-1: deadline 1 June',
    );
    expect(adminText('lv', 'page.titleWith', { view: 'Rinda' })).toBe('Rinda — Darbinieku vietne');
    expect(isAdminTextKey('page.loading')).toBe(true);
    expect(text('en', 'page.heading')).toBe('Ask a question');
    expect(isTextKey('page.loading')).toBe(false);
  });

  it('word the subjects of letters and calls by date, in both languages', () => {
    expect(postalSubject('lv', '2026-05-12')).toBe('Pasta sūtījums, saņemts 12.05.2026.');
    expect(postalSubject('en', '2026-05-12', 'RR123456789LV')).toBe(
      'Letter received on 12/05/2026 (registered mail RR123456789LV)',
    );
    expect(phoneSubject('lv', '2026-05-12')).toBe('Tālruņa zvans 12.05.2026.');
    expect(phoneSubject('en', '2026-05-12')).toBe('Phone call on 12/05/2026');
  });

  it('word a scan refusal with its limits, a limit given as nothing as empty', () => {
    expect(scanRefusalMessage('en', 'too-large', { limit: '25 MB' })).toContain('allowed (25 MB)');
    expect(scanRefusalMessage('en', 'too-many-pages', { pages: undefined })).toContain('allowed ()');
    expect(scanRefusalMessage('en', 'too-many-pages')).toContain('allowed ({pages})');
  });
});
