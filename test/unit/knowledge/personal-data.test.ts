import { describe, expect, it } from 'vitest';
import {
  ibanValid,
  luhnValid,
  normalisedQuestion,
  personalDataMarks,
  stripPersonalData,
  withoutPersonalData,
} from '../../../shared/knowledge/personal-data.ts';

const cases: Record<keyof typeof personalDataMarks, { strips: string[]; keeps: string[] }> = {
  email: {
    strips: ['anna.berzina@example.lv', 'jānis+tiesa@pasts.lv', 'INFO@TA.GOV.LV'],
    keeps: ['@tiesa', 'a@b', 'e-pasts: nav'],
  },
  iban: {
    strips: [
      'LV80BANK0000435195001',
      'LV80 BANK 0000 4351 9500 1',
      'DE89370400440532013000',
      'lv80bank0000435195001',
    ],
    // Wrong check digits abroad; a word with digits; a Latvian IBAN of the wrong length.
    keeps: ['DE89370400440532013001', 'ISO9001', 'LV80BANK00004351'],
  },
  card: {
    strips: ['4111111111111111', '4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005'],
    // Fails the Luhn check: a case or document number.
    keeps: ['4111 1111 1111 1112', '1234567890123'],
  },
  personalCode: {
    strips: ['010180-12345', '311299-22345', '01018012345', '321234-56789', '32123456789'],
    // Day 45 or month 13 is no date; too few digits.
    keeps: ['451380-12345', '011380-12345', '010180-1234'],
  },
  phone: {
    strips: [
      '+371 29123456',
      '+37129123456',
      '00371 67063800',
      '29123456',
      '29 123 456',
      '2912 3456',
      '67063800',
      '+44 20 7946 0958',
    ],
    // Not a Latvian number's first digit; a year; too short; a ticket reference.
    keeps: ['12345678', '2024', '2912345', 'TA-2026-000123'],
  },
};

describe('stripPersonalData', () => {
  for (const [kind, { strips, keeps }] of Object.entries(cases)) {
    const mark = personalDataMarks[kind as keyof typeof personalDataMarks];
    it.each(strips)(`${kind}: strips %s`, (value) => {
      const stripped = stripPersonalData(`Mans jautājums: ${value}, lūdzu.`);
      expect(stripped).toBe(`Mans jautājums: ${mark}, lūdzu.`);
    });
    it.each(keeps)(`${kind}: keeps %s`, (value) => {
      expect(stripPersonalData(`Mans jautājums: ${value}, lūdzu.`)).toBe(`Mans jautājums: ${value}, lūdzu.`);
    });
  }

  it('strips every kind in one question and keeps the words', () => {
    const question =
      'Esmu Anna, kods 010180-12345, tālr. +371 29123456, e-pasts anna@example.lv. Kā atgūt naudu uz LV80BANK0000435195001?';
    expect(stripPersonalData(question)).toBe(
      'Esmu Anna, kods [personas kods], tālr. [tālrunis], e-pasts [e-pasts]. Kā atgūt naudu uz [IBAN]?',
    );
  });

  // Each followed by words, as people write: the words stay, only the data goes.
  it.each([
    ['mans konts LV80BANK0000435195001 ir bloķēts', 'mans konts [IBAN] ir bloķēts'],
    ['DE89 3704 0044 0532 0130 00 ir konts', '[IBAN] ir konts'],
    ['konts LV80 BANK 0000 4351 9500 1 ir slēgts', 'konts [IBAN] ir slēgts'],
    ['karte 4111 1111 1111 1111 123 ir bloķēta', 'karte [karte] 123 ir bloķēta'],
    ['karte 4111 1111 1111 1111 12 25 beidzas', 'karte [karte] 12 25 beidzas'],
    ['karte 4111  1111  1111  1111 un', 'karte [karte] un'],
    ['karte 4111.1111.1111.1111 un', 'karte [karte] un'],
    ['karte 4111111111111111 123 un', 'karte [karte] 123 un'],
    ['kods 010180–12345 ir mans', 'kods [personas kods] ir mans'],
    ['kods 010180 - 12345 ir mans', 'kods [personas kods] ir mans'],
    ['kods 010180 — 12345 ir mans', 'kods [personas kods] ir mans'],
    ['zvaniet (29) 123 456 rīt', 'zvaniet [tālrunis] rīt'],
    ['zvaniet +44 (20) 7946 0958 rīt', 'zvaniet [tālrunis] rīt'],
    ['zvaniet +1 (555) 123-4567 rīt', 'zvaniet [tālrunis] rīt'],
    ['zvaniet 29.12.34.56 rīt', 'zvaniet [tālrunis] rīt'],
    ['zvaniet +371 29 123 456 rīt', 'zvaniet [tālrunis] rīt'],
    ['tālr. 29123456 2026. gadā', 'tālr. [tālrunis] 2026. gadā'],
  ])('strips %s', (question, stripped) => {
    expect(stripPersonalData(question)).toBe(stripped);
  });

  // Dates (also those shaped like a Latvian number), case numbers, amounts and years stay.
  it.each([
    'sēde 12.03.2026 plkst. 10',
    'sēde 26.03.2026 plkst. 10',
    'sēde 2026-03-26 un 2026.03.26',
    'sēde 26/03/2026',
    'lieta C12345678 ir izskatīta',
    'lieta Nr. C-1234-56/2026 un C30123456',
    'samaksāju 1 234,56 EUR un 250.00 EUR',
    'summa 12 000 EUR, nodeva 1500.50 EUR',
    'no 2024. līdz 2026. gadam',
    'dokuments 1234567890123 un 1234 5678 9012 3456 7',
  ])('keeps %s', (question) => {
    expect(stripPersonalData(question)).toBe(question);
  });

  it('leaves dates, references, amounts of law and article numbers', () => {
    const question = 'Lieta C12345678 no 15.01.2024., TA-2026-000123, Civilprocesa likuma 34. pants';
    expect(stripPersonalData(question)).toBe(question);
  });
});

describe('checks', () => {
  it('Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
  it('IBAN check digits', () => {
    expect(ibanValid('LV80BANK0000435195001')).toBe(true);
    expect(ibanValid('LV81BANK0000435195001')).toBe(false);
  });
});

describe('withoutPersonalData', () => {
  it('takes the data out without a mark, for searching', () => {
    expect(withoutPersonalData('nodeva 29123456 anna@example.lv').split(/\s+/).filter(Boolean)).toEqual([
      'nodeva',
    ]);
  });
});

describe('normalisedQuestion', () => {
  it('groups a question asked in other words order, forms and without diacritics', () => {
    expect(normalisedQuestion('Kā samaksāt valsts nodevu?', 'lv')).toBe(
      normalisedQuestion('valsts nodevas samaksa kā', 'lv'),
    );
    expect(normalisedQuestion('Kā samaksāt valsts nodevu?', 'lv')).toBe(
      normalisedQuestion('ka samaksat valsts nodevu', 'lv'),
    );
  });
  it('leaves out the marks of stripped data', () => {
    expect(normalisedQuestion(stripPersonalData('nodeva 29123456'), 'lv')).toBe(
      normalisedQuestion('nodeva', 'lv'),
    );
  });
  it('is empty for a question of stopwords only', () => {
    expect(normalisedQuestion('kā un ar', 'lv')).toBe('');
  });
});
