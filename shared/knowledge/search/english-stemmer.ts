/**
 * A light English stemmer for the knowledge base's English articles: plurals, the
 * -ing and -ed of verbs, and a final silent e, so "apply", "applies", "applied", "applying" and
 * "charge", "charges", "charged" meet. It is far lighter than Porter's: derivations (-ation,
 * -ment, -ness) keep their own stems, which a help text's few hundred words can afford, and
 * irregular forms (paid, gave) are not conflated.
 */
import { fold } from '../../domain/latvian-text.ts';

const minimumStemLength = 3;
const hasVowel = /[aeiouy]/;
// Doubled final consonants from -ing/-ed (submitted, stopping); ll, ss, zz stay (fill, pass, buzz).
const doubledConsonant = /([bcdfghjkmnpqrtvw])\1$/;

function withoutPlural(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function withoutVerbEnding(word: string): string {
  for (const suffix of ['ing', 'ed']) {
    const stem = word.slice(0, -suffix.length);
    if (word.endsWith(suffix) && stem.length >= minimumStemLength && hasVowel.test(stem)) {
      if (suffix === 'ed' && stem.endsWith('i')) return `${stem.slice(0, -1)}y`; // applied → apply
      return doubledConsonant.test(stem) ? stem.slice(0, -1) : stem;
    }
  }
  return word;
}

/**
 * The folded stem of one English word.
 *
 * @example stemEnglish('Applied') // 'apply', as are applies, applying
 * @example stemEnglish('charges') // 'charg', as are charge, charged, charging
 */
export function stemEnglish(word: string): string {
  const stem = withoutVerbEnding(withoutPlural(fold(word)));
  // A silent final e goes, so "charge" meets "charg-ing"; short words (fee, use) keep it.
  return stem.length > minimumStemLength + 1 && stem.endsWith('e') && !stem.endsWith('ee')
    ? stem.slice(0, -1)
    : stem;
}

/** Function words of English questions, folded; only whole words are dropped, before stemming. */
export const englishStopwords: ReadonlySet<string> = new Set(
  [
    'a an the and or but if then so of to in on at by for with from into about as is are was were be ',
    'been being am do does did have has had can could would should will shall may might must ',
    'i me my mine we us our you your he him his she her it its they them their this that these those ',
    'what which who whom whose when where why how there here not no yes please thanks thank hello hi ',
    'dear want wanted like would need some any all just also too very',
  ]
    .join('')
    .split(' ')
    .filter((word) => word !== ''),
);
