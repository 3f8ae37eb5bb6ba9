import { describe, expect, it } from 'vitest';
import {
  bestParagraph,
  buildSearchIndex,
  type SearchDocument,
  type SearchIndexJson,
  search,
  searchIndexFromJson,
  searchIndexToJson,
} from '../../../shared/knowledge/search/index.ts';

function article(fields: Partial<SearchDocument> & Pick<SearchDocument, 'id' | 'title'>): SearchDocument {
  return {
    language: 'lv',
    topic: 'general',
    summary: '',
    paragraphs: [],
    keywords: [],
    synonyms: [],
    ...fields,
  };
}

// Made-up articles: the search is tested on its own, not on the seed content.
const documents: SearchDocument[] = [
  article({
    id: 'fee-payment',
    topic: 'court-fees',
    title: 'Valsts nodevas samaksa',
    summary: 'Kur atrast rekvizītus un kā samaksāt valsts nodevu.',
    keywords: ['valsts nodeva', 'rekvizīti', 'maksājums'],
    paragraphs: [
      'Valsts nodevu maksā pirms prasības pieteikuma iesniegšanas tiesā.',
      'Maksājuma rekvizīti ir tiesas tīmekļvietnē. Maksājuma mērķī norāda lietas numuru un personas vārdu.',
      'No ārvalstīm maksājumu var veikt ar SEPA pārskaitījumu uz Valsts kases kontu.',
    ],
  }),
  article({
    id: 'fund-application',
    topic: 'maintenance-fund',
    title: 'Kā pieteikties Uzturlīdzekļu garantiju fondā',
    summary: 'Iesniegums fondam, ja otrs vecāks nemaksā uzturlīdzekļus bērnam.',
    keywords: ['uzturlīdzekļi', 'garantiju fonds'],
    synonyms: [['alimenti', 'uzturlīdzekļi']],
    paragraphs: [
      'Ja otrs vecāks nemaksā uzturlīdzekļus, bērna likumiskais pārstāvis var iesniegt iesniegumu fondam.',
      'Iesniegumam pievieno tiesas nolēmumu par uzturlīdzekļu piedziņu vai tiesu izpildītāja aktu.',
    ],
  }),
  article({
    id: 'administrator-complaint',
    topic: 'insolvency',
    title: 'Sūdzība par maksātnespējas procesa administratoru',
    summary: 'Kā sūdzēties par administratora rīcību maksātnespējas procesā.',
    keywords: ['administrators', 'sūdzība', 'maksātnespēja'],
    paragraphs: [
      'Sūdzību par administratora rīcību iesniedz Maksātnespējas kontroles dienestam.',
      'Sūdzībā norāda, kuru administratora lēmumu vai darbību apstrīdat un kāpēc.',
    ],
  }),
  article({
    id: 'judgment-copy',
    topic: 'certificates-archive',
    title: 'Tiesas sprieduma kopija',
    summary: 'Kā saņemt sprieduma kopiju.',
    keywords: ['kopija', 'spriedums'],
    paragraphs: [
      'Lietas dalībnieks sprieduma kopiju var saņemt tiesā vai e-lietu portālā.',
      'Citām personām izsniedz anonimizētu nolēmumu. Par kopiju maksā kancelejas nodevu.',
    ],
  }),
  article({
    id: 'e-address',
    topic: 'e-services',
    title: 'Oficiālā e-adrese',
    summary: 'Kā tiesa izmanto e-adresi saziņai.',
    keywords: ['e-adrese'],
    paragraphs: ['Tiesa dokumentus var nosūtīt uz jūsu oficiālo elektronisko adresi, ja tā ir aktivizēta.'],
  }),
  article({
    id: 'body-mentions-fee',
    topic: 'general',
    title: 'Saziņa ar Tiesu administrāciju',
    summary: 'Kā sazināties ar Tiesu administrāciju.',
    keywords: ['saziņa', 'kontakti'],
    paragraphs: [
      'Rakstiet mums, izmantojot veidlapu. Jautājumos par valsts nodevu vispirms skatiet rakstu par nodevām.',
    ],
  }),
  article({
    id: 'fee-payment',
    language: 'en',
    topic: 'court-fees',
    title: 'Paying the state fee',
    summary: 'Where to find the payment details and how to pay the state fee.',
    keywords: ['state fee', 'payment details'],
    paragraphs: [
      'The state fee is paid before the statement of claim is submitted to the court.',
      'Payments from abroad can be made by SEPA transfer to the Treasury account.',
    ],
  }),
  article({
    id: 'legal-aid-apply',
    language: 'en',
    topic: 'legal-aid',
    title: 'Applying for state-guaranteed legal aid',
    summary: 'How to apply for legal aid and what to attach.',
    keywords: ['legal aid', 'application'],
    paragraphs: [
      'Fill in the application form and attach documents proving your income.',
      'Applications are submitted to the Legal Aid Administration in person, by post or by e-mail.',
    ],
  }),
];

const index = buildSearchIndex(documents);
const ids = (query: string, language: 'lv' | 'en' = 'lv') =>
  search(index, query, { language, limit: 3 }).map((result) => result.id);

describe('search', () => {
  it('finds an article by an inflected form of its words', () => {
    expect(ids('kā samaksāt valsts nodevu')[0]).toBe('fee-payment');
    expect(ids('nodevām')[0]).toBe('fee-payment');
    expect(ids('administratoram')[0]).toBe('administrator-complaint');
  });

  it('answers a query without diacritics as the one with them', () => {
    expect(search(index, 'sudziba par maksatnespejas administratoru', { language: 'lv' })).toEqual(
      search(index, 'sūdzība par maksātnespējas administratoru', { language: 'lv' }),
    );
  });

  it('tolerates a typo in a long word', () => {
    expect(ids('valsts nodeeva')[0]).toBe('fee-payment');
    expect(ids('maksatnespjas administartors')[0]).toBe('administrator-complaint');
  });

  it('expands synonyms: alimenti finds the article about uzturlīdzekļi', () => {
    expect(ids('alimenti nemaksā')[0]).toBe('fund-application');
    const paragraph = search(index, 'alimenti', { language: 'lv' })[0]!;
    expect(paragraph.snippet).toContain('uzturlīdzekļus');
  });

  it('ranks a title match above a body match', () => {
    const results = ids('nodeva');
    expect(results[0]).toBe('fee-payment');
    expect(results.indexOf('body-mentions-fee')).toBeGreaterThan(0);
  });

  it('completes the last word while it is being typed', () => {
    expect(ids('sprieduma kop')[0]).toBe('judgment-copy');
    expect(ids('uzturlīdz')[0]).toBe('fund-application');
  });

  it('returns nothing for empty, stopword-only and nonsense queries', () => {
    expect(ids('')).toEqual([]);
    expect(ids('   ?! ')).toEqual([]);
    expect(ids('kā es varu')).toEqual([]);
    expect(ids('qwxzv plkjh')).toEqual([]);
    expect(ids('zaļš kaķis dzied operā')).toEqual([]);
  });

  it('answers English questions from the English articles', () => {
    expect(ids('how do I pay the state fee', 'en')[0]).toBe('fee-payment');
    expect(ids('applying for legal aid', 'en')[0]).toBe('legal-aid-apply');
    expect(search(index, 'legal aid', { language: 'en' })[0]!.language).toBe('en');
  });

  it('falls back to the other language when the asked one has nothing', () => {
    const [result] = search(index, 'legal aid application', { language: 'lv' });
    expect(result).toMatchObject({ id: 'legal-aid-apply', language: 'en' });
    expect(search(index, 'legal aid application', { language: 'lv', fallback: false })).toEqual([]);
  });

  it('quotes the most relevant paragraph as the snippet', () => {
    const [result] = search(index, 'rekvizīti maksājuma mērķis', { language: 'lv' });
    expect(result).toMatchObject({ id: 'fee-payment', paragraphIndex: 1, topic: 'court-fees' });
    expect(result!.snippet.startsWith('Maksājuma rekvizīti')).toBe(true);
  });

  it('limits the results and orders them best first', () => {
    const results = search(index, 'tiesa', { language: 'lv', limit: 2, relativeThreshold: 0 });
    expect(results.length).toBeLessThanOrEqual(2);
    expect(results[0]!.score).toBeGreaterThanOrEqual(results.at(-1)!.score);
  });

  it('survives a JSON round trip unchanged', () => {
    const json = JSON.parse(JSON.stringify(searchIndexToJson(index))) as SearchIndexJson;
    const restored = searchIndexFromJson(json);
    for (const query of ['valsts nodeva', 'alimenti', 'administartors', 'sprieduma kop']) {
      expect(search(restored, query, { language: 'lv' })).toEqual(search(index, query, { language: 'lv' }));
    }
  });

  it('looks stems up safely: a word named like an Object property is just a word', () => {
    expect(ids('constructor toString __proto__', 'en')).toEqual([]);
  });

  it('refuses two documents with one id in one language', () => {
    expect(() => buildSearchIndex([documents[0]!, documents[0]!])).toThrow(/Duplicate lv/);
  });
});

describe('bestParagraph', () => {
  it('picks the paragraph that matches most of the question', () => {
    const answer = bestParagraph(documents[0]!, 'vai var maksāt no ārvalstīm ar pārskaitījumu');
    expect(answer?.paragraphIndex).toBe(2);
    expect(answer?.paragraph).toContain('SEPA');
  });

  it('uses the article synonyms and typo tolerance', () => {
    expect(bestParagraph(documents[1]!, 'alimentu piedzina')?.paragraphIndex).toBe(1);
  });

  it('trims a long paragraph to about 200 characters around the first match', () => {
    const long = `${'Ievads bez nozīmes. '.repeat(20)}Kancelejas nodevu maksā par kopiju. ${'Beigas. '.repeat(30)}`;
    const answer = bestParagraph(
      article({ id: 'long', title: 'Garš', paragraphs: [long] }),
      'kancelejas nodeva',
    );
    expect(answer!.snippet.length).toBeLessThanOrEqual(202);
    expect(answer!.snippet).toContain('Kancelejas nodevu');
    expect(answer!.snippet.startsWith('…')).toBe(true);
    expect(answer!.snippet.endsWith('…')).toBe(true);
  });

  it('gives the first paragraph when nothing in the body matches, and nothing without paragraphs', () => {
    expect(bestParagraph(documents[4]!, 'e-adrese')?.paragraphIndex).toBe(0);
    expect(bestParagraph(article({ id: 'empty', title: 'Tukšs' }), 'jebkas')).toBeUndefined();
  });
});

describe('search of client questions', () => {
  it('matches a verb with another aspect prefix: nomaksāt finds maksāt and samaksāt', () => {
    expect(ids('kur nomaksāt nodevu')[0]).toBe('fee-payment');
    expect(ids('nomaksāju')[0]).toBe('fee-payment');
    const negated = article({
      id: 'negated',
      title: 'Jautājumi',
      paragraphs: ['Par termiņiem.', 'Ja vecāks nemaksā, rakstiet.'],
    });
    expect(bestParagraph(negated, 'nesamaksāja')?.paragraphIndex).toBe(1);
  });

  it('answers a long colloquial question with many words the articles do not have', () => {
    const question = 'Labdien! Bijušais vīrs jau pusgadu nemaksā alimentus mūsu meitai, ko man tagad darīt?';
    expect(ids(question)[0]).toBe('fund-application');
  });
});
