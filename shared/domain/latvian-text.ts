/**
 * Latvian-aware text matching for routing: people write "maksātnespējas", "MAKSATNESPEJA" or
 * "maksātnespējā" and mean the same word. Folding removes case and diacritics; stemming removes
 * the inflection endings of nouns and adjectives, so a rule names a word once, in any form.
 *
 * This is a light suffix stripper, not a morphological analyser: it conflates forms of one word
 * well enough for keyword rules, and it may also conflate a few unrelated words. Rules should
 * therefore use distinctive words and phrases, not short common ones.
 */

/**
 * Endings of the six noun declensions and of adjectives (indefinite and definite), written as
 * they look after folding (ā→a, ē→e, ī→i, ū→u, š→s). Longest first, so "-iem" wins over "-em"
 * and "-m"; folding also merges the consonant alternations of inflection (brālis/brāļa,
 * uzturlīdzeklis/uzturlīdzekļi).
 */
const endings = [
  'ajiem', // definite adjective, dative/instrumental plural: juridiskajiem
  'ajai', // juridiskajai
  'ajam', // juridiskajam, juridiskajām
  'ajas', // juridiskajās
  'ajos', // juridiskajos
  'iem', // plural dative of the 1st/2nd declensions: uzturlīdzekļiem
  'ais', // definite adjective: juridiskais
  'aja', // definite adjective locative: juridiskajā
  'as', // nodevas, nodevās, juridiskās
  'es', // 5th declension: iestādes, iestādēs
  'is', // 2nd declension: uzturlīdzeklis
  'us', // 3rd declension and accusative plural: tirgus, dokumentus; also -ūs
  'os', // locative plural: dokumentos
  'ai', // dative: nodevai
  'ei', // dative: iestādei
  'am', // dative: portālam, nodevām
  'em', // dative plural: iestādēm
  'im', // dative: uzturlīdzeklim
  'ij', // 6th declension dative: valstij
  'a', // nodeva, tiesā
  'e', // iestāde, iestādē
  'i', // dati, valstī
  'u', // nodevu, tirgū
  'o', // definite adjective accusative: juridisko
  's', // portāls (and -š after folding)
] as const;

/** Stems shorter than this are left whole: "tas", "es", "dati" → "dat" but never "d". */
const minimumStemLength = 3;

// Marks left over after canonical decomposition: the macron, caron, cedilla of ā, č, ģ, ŗ, ...
const combiningMarks = /\p{M}/gu;
// Everything that is neither a letter nor a digit separates words.
const separators = /[^\p{L}\p{N}]+/gu;

/**
 * The text in lower case, without diacritics, with every run of punctuation and white space
 * made one space and no space at either end. Lowercasing is locale-independent (no Turkish
 * dotless i surprises), and compatibility decomposition also folds ligatures and full-width
 * letters, so what looks alike matches alike.
 *
 * @example fold('Maksātnespējas  ADMINISTRATORS!') // 'maksatnespejas administrators'
 * @example fold('e-lieta, manas.tiesas.lv') // 'e lieta manas tiesas lv'
 */
export function fold(text: string): string {
  return (
    text
      .normalize('NFKD')
      // Lowercasing can itself produce a combining mark ('İ' → 'i̇'), so decompose again after it.
      .toLowerCase()
      .normalize('NFKD')
      .replace(combiningMarks, '')
      .replace(separators, ' ')
      .trim()
  );
}

/**
 * The word without its inflection ending: the longest ending in the list that leaves a stem of at
 * least three characters. The word is folded first, so the stem is lower case and plain ASCII for
 * Latvian input; a word too short to strip is returned folded but whole, never empty unless the
 * word folds to nothing.
 *
 * @example stem('nodevām') // 'nodev', as are nodeva, nodevu, nodevas, nodevai, nodevās
 * @example stem('uzturlīdzekļiem') // 'uzturlidzekl'
 */
export function stem(word: string): string {
  const folded = fold(word);
  for (const ending of endings) {
    if (folded.length - ending.length >= minimumStemLength && folded.endsWith(ending)) {
      return folded.slice(0, -ending.length);
    }
  }
  return folded;
}

/** A word of a text as written and as it is compared. */
export interface Word {
  /** The word as it appears in the text, for explanations ("found 'nodevas'"). */
  readonly surface: string;
  /** Its folded stem, for comparison. */
  readonly stem: string;
}

/**
 * The words of a text with their stems, in order. Splitting happens on white space first so
 * that each word keeps its original spelling; folding may split a chunk further ("e-lieta" →
 * "e", "lieta"), and each part then carries the chunk as written.
 */
export function words(text: string): Word[] {
  return text.split(/\s+/u).flatMap((chunk) => {
    const surface = chunk.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}\p{M}]+$/gu, '');
    return fold(chunk)
      .split(' ')
      .filter((part) => part !== '')
      .map((part) => ({ surface, stem: stem(part) }));
  });
}

/**
 * The folded stems of a text's words, in order.
 *
 * @example tokens('Valsts nodevas atmaksa') // ['valst', 'nodev', 'atmaks']
 */
export function tokens(text: string): string[] {
  return words(text).map((word) => word.stem);
}

/**
 * Where the phrase's tokens first occur in the text's tokens as a contiguous run, or -1.
 * An empty phrase matches nowhere: a rule without words must not match every text.
 */
export function findPhrase(textTokens: readonly string[], phraseTokens: readonly string[]): number {
  if (phraseTokens.length === 0) return -1;
  for (let start = 0; start + phraseTokens.length <= textTokens.length; start++) {
    if (phraseTokens.every((token, offset) => textTokens[start + offset] === token)) return start;
  }
  return -1;
}

/**
 * Whether the phrase's tokens occur in the text's tokens, contiguous and in order.
 *
 * @example matchPhrase(tokens('Kur ir juridiskās palīdzības iesniegums?'), tokens('juridiskā palīdzība')) // true
 */
export function matchPhrase(textTokens: readonly string[], phraseTokens: readonly string[]): boolean {
  return findPhrase(textTokens, phraseTokens) !== -1;
}
