import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPhrase, fold, matchPhrase, stem, tokens, words } from '../../../shared/domain/latvian-text.ts';

const latvianDiacritics = /[āčēģīķļņšūžōŗĀČĒĢĪĶĻŅŠŪŽŌŖ]/u;

describe('fold', () => {
  it('strips every Latvian diacritic, including the legacy ō and ŗ', () => {
    expect(fold('ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž Ōō Ŗŗ')).toBe('acegiklnsuz acegiklnsuz oo rr');
  });

  it('lowercases without regard to locale', () => {
    expect(fold('MAKSĀTNESPĒJAS ADMINISTRATORS')).toBe('maksatnespejas administrators');
    // The Turkish dotted capital I lowercases to i plus a combining dot, which folding removes too.
    expect(fold('İ')).toBe('i');
  });

  it('makes every run of punctuation and white space one space, trimmed', () => {
    expect(fold('  „Valsts   nodeva”,\tlūdzu!\n\ne-lieta; manas.tiesas.lv ')).toBe(
      'valsts nodeva ludzu e lieta manas tiesas lv',
    );
  });

  it('treats decomposed input (ā as a + combining macron) like composed input', () => {
    expect(fold('nodeva\u0304s'.normalize('NFD'))).toBe(fold('nodevās'));
    expect(fold('tiesā'.normalize('NFD'))).toBe('tiesa');
  });

  it('keeps digits, so case numbers and years survive', () => {
    expect(fold('Lieta Nr. C-1234/2026')).toBe('lieta nr c 1234 2026');
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        expect(fold(fold(text))).toBe(fold(text));
      }),
    );
  });

  it('leaves no diacritics, combining marks, upper-case Latvian letters or stray spaces (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const folded = fold(text);
        expect(folded).not.toMatch(latvianDiacritics);
        expect(folded).not.toMatch(/\p{M}/u);
        expect(folded).not.toMatch(/[A-Z]/);
        expect(folded).not.toMatch(/^ | $| {2}/);
      }),
    );
  });
});

describe('stem', () => {
  it.each([
    [['nodeva', 'nodevu', 'nodevas', 'nodevai', 'nodevām', 'nodevās'], 'nodev'],
    [['maksātnespēja', 'maksātnespējas', 'maksātnespējā', 'MAKSATNESPEJAS'], 'maksatnespej'],
    [['izziņa', 'izziņu', 'izziņas', 'izziņai', 'izziņām'], 'izzin'],
    [['palīdzība', 'palīdzību', 'palīdzības', 'palīdzībai'], 'palidzib'],
    [
      ['uzturlīdzekļi', 'uzturlīdzekļu', 'uzturlīdzekļiem', 'uzturlīdzeklis', 'uzturlīdzekli'],
      'uzturlidzekl',
    ],
    [['tiesa', 'tiesas', 'tiesā', 'tiesām', 'tiesu', 'tiesai'], 'ties'],
    [['portāls', 'portālā', 'portālu', 'portālam', 'portāla', 'portālos'], 'portal'],
    [
      ['juridiskā', 'juridiskās', 'juridisko', 'juridiskajai', 'juridiskais', 'juridiskajā', 'juridiskajiem'],
      'juridisk',
    ],
    [['valsts', 'valstij', 'valstī'], 'valst'],
    [['iestāde', 'iestādes', 'iestādei', 'iestādē', 'iestādēm', 'iestādēs'], 'iestad'],
    [['tirgus', 'tirgū'], 'tirg'],
    [
      ['administrators', 'administratoru', 'administratoram', 'administratori', 'administratoriem'],
      'administrator',
    ],
  ])('gives the forms %j one stem', (forms, expected) => {
    expect(forms.map((form) => stem(form))).toEqual(forms.map(() => expected));
  });

  it('leaves short words whole rather than cutting them to nothing', () => {
    expect(['es', 'un', 'ar', 'tas', 'ir', 'uz', 'e', 'lv'].map((word) => stem(word))).toEqual([
      'es',
      'un',
      'ar',
      'tas',
      'ir',
      'uz',
      'e',
      'lv',
    ]);
    // A longer ending that would leave too short a stem gives way to a shorter one.
    expect(stem('māja')).toBe('maj');
    expect(stem('dati')).toBe('dat');
  });

  it('does not conflate words that merely start alike', () => {
    expect(stem('maksātnespēja')).not.toBe(stem('maksājums'));
    expect(stem('datums')).not.toBe(stem('dati'));
    expect(stem('izzināt')).not.toBe(stem('izziņa'));
  });

  const consonants = 'bcdfghklnprtvz'.split('');
  const letters = 'abcdefghijklmnoprstuvz'.split('');
  /** Folded stems that end in a consonant no ending ends with, so any ending can follow them. */
  const stems = fc
    .tuple(
      fc.array(fc.constantFrom(...letters), { minLength: 2, maxLength: 8 }),
      fc.constantFrom(...consonants),
    )
    .map(([start, last]) => `${start.join('')}${last}`);
  const endings = fc.constantFrom(
    '',
    's',
    'a',
    'e',
    'i',
    'u',
    'o',
    'as',
    'es',
    'is',
    'us',
    'os',
    'ai',
    'ei',
    'am',
    'em',
    'im',
    'iem',
    'ā',
    'ē',
    'ī',
    'ū',
    'ām',
    'ēm',
    'ās',
    'ēs',
    'ūs',
    'ais',
    'ajā',
    'ajai',
    'ajam',
    'ajām',
    'ajās',
    'ajos',
    'ajiem',
  );

  it('gives every inflected form of a stem that stem, in any case (property)', () => {
    fc.assert(
      fc.property(stems, endings, fc.boolean(), (base, ending, upper) => {
        const word = upper ? `${base}${ending}`.toUpperCase() : `${base}${ending}`;
        expect(stem(word)).toBe(base);
      }),
    );
  });

  it('is idempotent on the stems it produces from inflected forms (property)', () => {
    fc.assert(
      fc.property(stems, endings, (base, ending) => {
        const once = stem(`${base}${ending}`);
        expect(stem(once)).toBe(once);
      }),
    );
  });

  it('is never empty for a word that folds to something, and is a prefix of the folded word (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), (text) => {
        for (const part of fold(text)
          .split(' ')
          .filter((piece) => piece !== '')) {
          const result = stem(part);
          expect(result.length).toBeGreaterThanOrEqual(Math.min(part.length, 3));
          expect(part.startsWith(result)).toBe(true);
        }
      }),
    );
  });
});

describe('tokens and words', () => {
  it('turns a Latvian request into folded stems', () => {
    expect(tokens('Lūdzu atmaksāt pārmaksāto valsts nodevu!')).toEqual([
      'ludz',
      'atmaksat',
      'parmaksat',
      'valst',
      'nodev',
    ]);
    expect(tokens('Problēmas ar e-lietas portālu manas.tiesas.lv')).toEqual([
      'problem',
      'ar',
      'e',
      'liet',
      'portal',
      'man',
      'ties',
      'lv',
    ]);
  });

  it('keeps each word as written, for explanations', () => {
    expect(words('„Valsts nodevas” e-lietā.')).toEqual([
      { surface: 'Valsts', stem: 'valst' },
      { surface: 'nodevas', stem: 'nodev' },
      { surface: 'e-lietā', stem: 'e' },
      { surface: 'e-lietā', stem: 'liet' },
    ]);
  });

  it('gives the same tokens as folding the whole text and stemming its words (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const folded = fold(text);
        expect(tokens(text)).toEqual(folded === '' ? [] : folded.split(' ').map((part) => stem(part)));
      }),
    );
  });
});

describe('matchPhrase', () => {
  const text = tokens('Vēlos pieteikties valsts nodrošinātajai juridiskajai palīdzībai savā lietā.');

  it('finds a phrase in any inflected form, contiguous and in order', () => {
    expect(matchPhrase(text, tokens('juridiskā palīdzība'))).toBe(true);
    expect(matchPhrase(text, tokens('valsts nodrošinātā'))).toBe(true);
    expect(findPhrase(text, tokens('juridiskā palīdzība'))).toBe(4);
  });

  it('does not match words out of order or apart', () => {
    expect(matchPhrase(text, tokens('palīdzība juridiskā'))).toBe(false);
    expect(matchPhrase(text, tokens('valsts juridiskā'))).toBe(false);
  });

  it('never matches an empty phrase, and matches a phrase longer than the text nowhere', () => {
    expect(matchPhrase(text, [])).toBe(false);
    expect(matchPhrase(tokens('nodeva'), tokens('valsts nodeva'))).toBe(false);
  });

  it('finds any slice of a text in it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('nodev', 'valst', 'ties', 'e', 'liet'), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.nat(),
        (textTokens, a, b) => {
          const start = a % textTokens.length;
          const end = start + 1 + (b % (textTokens.length - start));
          expect(matchPhrase(textTokens, textTokens.slice(start, end))).toBe(true);
          expect(findPhrase(textTokens, textTokens.slice(start, end))).toBeLessThanOrEqual(start);
        },
      ),
    );
  });
});
