import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../../../shared/domain/latvian-text.ts';
import { analyse } from '../../../shared/knowledge/search/analyse.ts';
import { stemEnglish } from '../../../shared/knowledge/search/english-stemmer.ts';
import { stemLatvian } from '../../../shared/knowledge/search/latvian-stemmer.ts';

/** Real paradigms: every form of a row must share one stem. */
const paradigms: readonly (readonly string[])[] = [
  ['nodeva', 'nodevu', 'nodevas', 'nodevai', 'nodevām', 'nodevās', 'nodevā'],
  ['tiesa', 'tiesas', 'tiesā', 'tiesām', 'tiesu', 'tiesai', 'tiesās'],
  ['spriedums', 'sprieduma', 'spriedumu', 'spriedumā', 'spriedumam', 'spriedumi', 'spriedumiem'],
  ['maksātnespēja', 'maksātnespējas', 'maksātnespējai', 'maksātnespēju', 'maksātnespējā'],
  [
    'administrators',
    'administratora',
    'administratoru',
    'administratoram',
    'administratori',
    'administratoriem',
  ],
  ['pieteikums', 'pieteikuma', 'pieteikumu', 'pieteikumā', 'pieteikumi', 'pieteikumiem'],
  ['iesniegt', 'iesniedzu', 'iesniedza', 'iesniegšana', 'iesniegšanas', 'iesniegts', 'iesniegta'],
  ['maksāt', 'maksāju', 'maksāja', 'maksāšana', 'maksa', 'maksu', 'maksas'],
  ['uzturlīdzekļi', 'uzturlīdzekļus', 'uzturlīdzekļiem', 'uzturlīdzeklis', 'uzturlīdzekļu'],
  ['valsts', 'valstij', 'valstī', 'valstis', 'valstu'],
  ['palīdzība', 'palīdzības', 'palīdzību', 'palīdzībai', 'palīdzībā'],
  ['juridiskā', 'juridiskais', 'juridiskajam', 'juridisko', 'juridiskās', 'juridiskajai', 'juridiskajiem'],
  ['iesniegums', 'iesnieguma', 'iesniegumu', 'iesniegumā', 'iesniegumi'],
  ['dokuments', 'dokumenta', 'dokumentu', 'dokumentam', 'dokumenti', 'dokumentiem', 'dokumentos'],
  ['kreditors', 'kreditora', 'kreditoru', 'kreditoram', 'kreditori', 'kreditoriem'],
  ['prasība', 'prasības', 'prasību', 'prasībai', 'prasībā', 'prasībām'],
  ['lieta', 'lietas', 'lietu', 'lietai', 'lietā', 'lietām', 'lietās'],
  ['apliecība', 'apliecības', 'apliecību', 'apliecībai', 'apliecībām'],
  ['fonds', 'fonda', 'fondu', 'fondam', 'fondā'],
  ['bērns', 'bērna', 'bērnu', 'bērnam', 'bērni', 'bērniem'],
  ['tiesnesis', 'tiesneša', 'tiesnesi', 'tiesnesim', 'tiesneši', 'tiesnešiem'],
  ['brālis', 'brāļa', 'brāli', 'brāļi', 'brāļu'],
  ['uzņēmums', 'uzņēmuma', 'uzņēmumu', 'uzņēmumam', 'uzņēmumi'],
  ['parāds', 'parāda', 'parādu', 'parādam', 'parādi', 'parādiem'],
  ['parādnieks', 'parādnieka', 'parādnieku', 'parādniekam', 'parādnieki'],
  ['iestāde', 'iestādes', 'iestādei', 'iestādi', 'iestādē', 'iestādēm'],
  ['kopija', 'kopijas', 'kopiju', 'kopijai', 'kopijā', 'kopijām'],
  ['arhīvs', 'arhīva', 'arhīvu', 'arhīvam', 'arhīvā'],
  ['paraksts', 'paraksta', 'parakstu', 'parakstam', 'parakstā'],
  ['adrese', 'adreses', 'adresei', 'adresi', 'adresē'],
  ['dati', 'datu', 'datiem', 'datus', 'datos'],
  ['sēde', 'sēdes', 'sēdei', 'sēdi', 'sēdē'],
  ['nauda', 'naudas', 'naudu', 'naudai', 'naudā'],
  ['termiņš', 'termiņa', 'termiņu', 'termiņam', 'termiņi'],
  ['atbilde', 'atbildes', 'atbildei', 'atbildi', 'atbildē'],
  ['sūdzība', 'sūdzības', 'sūdzību', 'sūdzībai', 'sūdzībā'],
  ['portāls', 'portāla', 'portālu', 'portālam', 'portālā'],
  ['zivs', 'zivju', 'zivij', 'zivis'],
  ['pieteikt', 'pieteicu', 'pieteica', 'pieteikts'],
  ['izskatīt', 'izskatīšana', 'izskatīšanas', 'izskatīšanai'],
  ['reģistrs', 'reģistra', 'reģistru', 'reģistram', 'reģistrā'],
];

/**
 * What the light stemmer does not conflate, documented: each row is a pair that would share a
 * stem under a full morphological analyser but does not here.
 */
const notConflated: readonly (readonly [string, string])[] = [
  ['sēde', 'sēžu'], // d/ž mutation of the genitive plural
  ['pieteikt', 'piesaku'], // present stem of another shape
  ['būt', 'esmu'], // suppletive
  ['pārsūdzēt', 'pārsūdzība'], // derivation (-ība) keeps its own stem
  ['tiesa', 'tiesības'], // derivation, rightly apart
  ['izskatīt', 'izskatīja'], // past of -īt verbs: -ija is also the noun ending of kopija, policija
];

describe('stemLatvian', () => {
  it.each(paradigms.map((forms) => [forms[0]!, forms] as const))('conflates the forms of %s', (_, forms) => {
    const stems = new Set(forms.map(stemLatvian));
    expect([...stems]).toHaveLength(1);
  });

  it('keeps apart unrelated words of the paradigms', () => {
    const firstStems = paradigms.map((forms) => stemLatvian(forms[0]!));
    expect(new Set(firstStems).size).toBe(firstStems.length);
  });

  it.each(notConflated)('does not conflate %s and %s (a light stemmer limit)', (a, b) => {
    expect(stemLatvian(a)).not.toBe(stemLatvian(b));
  });

  it('gives the same stem with or without diacritics and in any case', () => {
    for (const forms of paradigms) {
      for (const form of forms) {
        expect(stemLatvian(fold(form))).toBe(stemLatvian(form));
        expect(stemLatvian(form.toUpperCase())).toBe(stemLatvian(form));
      }
    }
  });

  it('leaves short words whole', () => {
    expect(stemLatvian('tas')).toBe('tas');
    expect(stemLatvian('es')).toBe('es');
    expect(stemLatvian('dati')).toBe('dat');
  });

  it('is applied once: a stem fed back in may be cut further (documented)', () => {
    expect(stemLatvian('tiesa')).toBe('ties');
    expect(stemLatvian('ties')).toBe('tie');
  });

  it('is fold-invariant, folded, and never longer than the folded word (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), (text) => {
        const word = fold(text).split(' ')[0] ?? '';
        const stem = stemLatvian(word);
        expect(stemLatvian(fold(word))).toBe(stem);
        expect(fold(stem)).toBe(stem);
        expect(stem.length).toBeLessThanOrEqual(word.length);
        if (word.length > 0) expect(stem.length).toBeGreaterThanOrEqual(Math.min(word.length, 3));
      }),
    );
  });

  it('keeps at least three letters of any inflected form (property)', () => {
    const latvianWord = fc.stringMatching(/^[a-zāčēģīķļņšūž]{1,14}$/u);
    fc.assert(
      fc.property(latvianWord, (word) => {
        expect(stemLatvian(word).length).toBeGreaterThanOrEqual(Math.min(fold(word).length, 3));
      }),
    );
  });
});

describe('fold', () => {
  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        expect(fold(fold(text))).toBe(fold(text));
      }),
    );
  });
});

describe('analyse', () => {
  it('drops stopwords and keeps where each word is', () => {
    const text = 'Kā es varu samaksāt valsts nodevu?';
    const terms = analyse(text, 'lv');
    expect(terms.map((term) => term.stem)).toEqual(['samaks', 'valst', 'nodev']);
    expect(text.slice(terms[2]!.start, terms[2]!.end)).toBe('nodevu');
  });

  it('reads decomposed text (a + combining macron) as one word', () => {
    expect(analyse('nodevās'.normalize('NFD'), 'lv').map((term) => term.stem)).toEqual(['nodev']);
  });

  it('analyses English with the English stemmer and stopwords', () => {
    expect(analyse('How do I apply for the refunds?', 'en').map((term) => term.stem)).toEqual([
      'apply',
      'refund',
    ]);
  });
});

describe('stemEnglish', () => {
  it.each([
    ['apply', 'applies', 'applied', 'applying'],
    ['charge', 'charges', 'charged', 'charging'],
    ['submit', 'submits', 'submitted', 'submitting'],
    ['court', 'courts'],
    ['fee', 'fees'],
    ['box', 'boxes'],
    ['judgment', 'judgments'],
  ])('conflates the forms of %s', (...forms) => {
    expect(new Set(forms.map(stemEnglish)).size).toBe(1);
  });

  it('keeps words ending in -ss, -us, -is', () => {
    expect(stemEnglish('address')).toBe('address');
    expect(stemEnglish('status')).toBe('status');
    expect(stemEnglish('basis')).toBe('basis');
  });
});
