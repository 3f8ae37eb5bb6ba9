/**
 * A light Latvian stemmer for the knowledge base's search: Kreslins' suffix stripper (1996), as
 * Lucene's LatvianStemmer implements it, extended with the verb forms clients write in questions
 * ("iesniegt", "iesniedzu", "iesniegšana", "maksāju").
 *
 * It works on folded words (lower case, no diacritics), so "nodevām" and "nodevam" share a stem:
 * clients often type without diacritics. Folding already undoes most consonant mutations of
 * inflection (ļ→l, ņ→n, č→c, š→s: brālis/brāļa, tiesnesis/tiesneša); the labial j of genitive
 * plurals (zivju → ziv) is undone as Lucene does, and two mutations of verb stems (dz→g, c→k:
 * iesniedzu/iesniegt, pieteicu/pieteikt) are undone at the stem's end.
 *
 * Known limits, by design of a light stemmer: derivations (pārsūdzēt/pārsūdzība), present stems
 * of another shape (pieteikt/piesaku), the past of -īt verbs (izskatīja: -ija is a noun ending),
 * the d/ž and t/š mutations (sēde/sēžu), suppletive verbs (būt/esmu) are not conflated. The
 * stemmer is applied once to each word: a stem fed back in may be cut further (tiesa → ties →
 * tie), so index and query must both stem exactly once, as `analyse` does.
 */
import { fold } from '../../domain/latvian-text.ts';

interface Ending {
  readonly ending: string;
  /** The word must have more vowels than this (Kreslins' syllable condition). */
  readonly vowels: number;
  /** Whether removing it may leave a palatalised consonant to undo (genitive plural -u, -iem...). */
  readonly palatalises: boolean;
}

function ending(text: string, vowels: number, palatalises = false): Ending {
  return { ending: text, vowels, palatalises };
}

/**
 * Lucene's affix list folded (ā and a merge, so the flags of the merged pair are joined), longest
 * first, with the verb endings added: the verbal noun -šana, the reflexive infinitive -ties, the
 * infinitive -t and the -āj- forms of first-conjugation verbs.
 */
const endings: readonly Ending[] = [
  ending('sanam', 1), // iesniegšanām
  ending('sanas', 1), // iesniegšanas, iesniegšanās
  ending('sanai', 1),
  ending('ajiem', 3),
  ending('sanu', 1),
  ending('sana', 1), // iesniegšana, iesniegšanā
  ending('ajai', 3),
  ending('ajam', 2), // juridiskajam; also maksājam
  ending('ajos', 2),
  ending('ajas', 2),
  ending('ajat', 2), // maksājat
  ending('ajis', 2), // maksājis
  ending('ties', 2), // reflexive infinitive: iepazīties
  ending('iem', 2, true),
  ending('aja', 2), // juridiskajā; also maksāja
  ending('aju', 2), // maksāju
  ending('aji', 2), // maksāji
  ending('ais', 2),
  ending('ai', 2),
  ending('ei', 2),
  ending('am', 1),
  ending('em', 1),
  ending('im', 1),
  ending('us', 1, true),
  ending('as', 1),
  ending('es', 1),
  ending('os', 1, true),
  ending('ij', 1),
  ending('is', 1),
  ending('ie', 1),
  ending('at', 1), // infinitive: maksāt
  ending('et', 1), // vajadzēt
  ending('it', 1), // izskatīt
  ending('ot', 1), // dzīvot
  ending('ut', 1), // dabūt
  ending('u', 1, true),
  ending('a', 1, true),
  ending('i', 1, true),
  ending('e', 1),
  ending('o', 1),
  ending('t', 1), // infinitive after a consonant: iesniegt, saņemt
  ending('s', 0),
];

/** Stems shorter than this are not cut further; Lucene's rule too. */
const minimumStemLength = 3;

const vowel = /[aeiou]/g;

function vowelCount(word: string): number {
  return word.match(vowel)?.length ?? 0;
}

/** The labial j of genitive plurals and datives (zivju, kāpjiem): Lucene's unpalatalisation, folded. */
function unpalatalise(stem: string): string {
  return /[pbmv]j$/.test(stem) ? stem.slice(0, -1) : stem;
}

/**
 * Mutations of verb stems, undone at the stem's end whatever the ending was: applied to every
 * stem alike, so forms of one word still agree (iesniedz-u, iesnieg-t, iesniegt-s all → iesnieg).
 */
function unmutate(stem: string): string {
  if (stem.length > minimumStemLength + 1 && stem.endsWith('dz')) return `${stem.slice(0, -2)}g`;
  if (stem.length > minimumStemLength && stem.endsWith('c')) return `${stem.slice(0, -1)}k`;
  // The passive participle keeps the infinitive's -t: iesniegts, pieteikts.
  if (stem.length > minimumStemLength + 1 && /[gk]t$/.test(stem)) return stem.slice(0, -1);
  return stem;
}

/** After the verbal noun's -šana, the conjugation vowel of the verb stem: maksā-šana → maks. */
function withoutThemeVowel(stem: string): string {
  return stem.length > minimumStemLength && /[aeio]$/.test(stem) ? stem.slice(0, -1) : stem;
}

/**
 * The folded stem of one Latvian word. Words that fold to several parts ("e-lieta") should be
 * split first; this stems the folded text as one word.
 *
 * @example stemLatvian('nodevām') // 'nodev', as are nodeva, nodevu, nodevas, nodevai
 * @example stemLatvian('iesniedzu') // 'iesnieg', as are iesniegt, iesniegšana, iesniedza
 */
export function stemLatvian(word: string): string {
  const folded = fold(word);
  const vowels = vowelCount(folded);
  for (const candidate of endings) {
    if (
      vowels > candidate.vowels &&
      folded.length >= candidate.ending.length + minimumStemLength &&
      folded.endsWith(candidate.ending)
    ) {
      let stem = folded.slice(0, -candidate.ending.length);
      if (candidate.palatalises) stem = unpalatalise(stem);
      if (candidate.ending.startsWith('san')) stem = withoutThemeVowel(stem);
      return unmutate(stem);
    }
  }
  return unmutate(folded);
}

/**
 * Words that say nothing about a question's subject: pronouns, prepositions, conjunctions,
 * particles, auxiliaries and greetings, folded. Only whole words are dropped, before stemming.
 */
export const latvianStopwords: ReadonlySet<string> = new Set(
  [
    'a un vai ir nav bet jo ja ka ko kas kur kad kam kadel kapec cik lai ari vel jau ne ',
    'es man mani mans mana manu tu tev tevi tavs jus jums jusu mes mums musu vins vina vini vinas ',
    'vinam vinai viniem vinu sis si so sie sis sim tas ta to tie tam tai tiem tajos taja tur seit ',
    'par no uz ar pie pec bez lidz par caur aiz zem virs starp ap pret prieks gar ',
    'kads kada kadu kadi kadas kurs kura kuru kuri kuras ',
    'var varu varat varam varetu but bus bija biju esmu esam esat tiek tika tiks tikt ',
    'gribu gribetu velos veletos ludzu paldies sveiki labdien labrit labvakar ',
    'vajag vajadzetu tad tagad talak',
  ]
    .join('')
    .split(' ')
    .filter((word) => word !== ''),
);
