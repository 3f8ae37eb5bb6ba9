/**
 * A client's question as the question log keeps it (§26): personal data taken out before it is
 * stored, and a normalised form that groups the same question asked in other words.
 *
 * Stripping errs on the side of removing: a number shaped like a phone number or a personal code
 * goes even if it was something else, since the log is for counting questions, not for reading
 * numbers. Card numbers are the exception (only Luhn-valid ones): long digit runs are also case and
 * document numbers, which tell what a question is about.
 */
import { analyse, type SearchLanguage } from './search/index.ts';

/** What replaces each kind of personal data in a stored question. */
export const personalDataMarks = {
  email: '[e-pasts]',
  iban: '[IBAN]',
  card: '[karte]',
  personalCode: '[personas kods]',
  phone: '[tālrunis]',
} as const;

export type PersonalDataKind = keyof typeof personalDataMarks;

const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// Where an IBAN may start: a country code and two check digits, not inside a word. Where it ends is
// found by trying each length (see ibanEnd): a greedy pattern also swallows the next word.
const ibanStart = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}/giu;

/** The IBAN lengths of the SEPA countries and neighbours (ISO 13616 registry); others: 15 to 34. */
const ibanLengths: Readonly<Record<string, number>> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  UA: 29,
  VA: 22,
};

// Digit groups (13 to 19 digits of a card among them), separated by one or two spaces, dots or
// hyphens: a card number written in groups, with an expiry date or a CVV after it.
const digitRun = /(?<!\d)\d+(?:[ .-]{1,2}\d+)*/g;

// DDMMYY-NNNNN: the hyphen (or an en or em dash, with spaces around it or not) may be left out or
// be a space; the new form starts with 32.
const personalCode = /(?<!\d)(\d{6})(?: {0,2}[-\u2010-\u2014] {0,2}| )?(\d{5})(?!\d)/g;

// +371 / 00371 and eight digits; an eight-digit Latvian number (mobile 2…, landline 6…), written in
// one or in groups (spaces, hyphens, dots; the first two digits may be in brackets); any other
// international number (+ or 00, 8 to 15 digits, the area code may be in brackets).
const latvianPhone =
  /(?<![\d+])(?:(?:\+|00)\s?371[\s.-]?)?(?:\([26]\d\)[\s.-]?|[26]\d)(?:[\s.-]?\d){6}(?!\d)/g;
const internationalPhone = /(?:\+|\b00)\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d(?:[\s.-]?\d){4,13}(?!\d)/g;
// 26.03.2026, 2026-03-26, 26/03/2026: a date has the shape of a Latvian number, and is none.
const dateShape = /^(?:\d{1,2}([./-])\d{1,2}\1\d{4}|\d{4}([./-])\d{1,2}\2\d{1,2})$/;

/** Whether the digits pass the Luhn check (card numbers). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Whether an IBAN's check digits are right (ISO 13616: the number moved and read mod 97 is 1). */
export function ibanValid(text: string): boolean {
  const compact = text.replace(/[ -]/g, '').toUpperCase();
  const moved = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const character of moved) {
    const value = /\d/.test(character) ? character : String(character.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** A Latvian personal code's first six digits: a real date (DDMMYY), or 32… (codes since 2017). */
function personalCodeStart(first: string): boolean {
  if (first.startsWith('32')) return true;
  const day = Number(first.slice(0, 2));
  const month = Number(first.slice(2, 4));
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

/** Latvian IBANs (LV, 21 characters) always go; others when their length and check digits are right. */
function looksLikeIban(compact: string): boolean {
  if (!/\d{4}/.test(compact)) return false;
  const country = compact.slice(0, 2);
  if (country === 'LV') return compact.length === 21;
  const length = ibanLengths[country];
  const lengthFits =
    length === undefined ? compact.length >= 15 && compact.length <= 34 : compact.length === length;
  return lengthFits && ibanValid(compact);
}

const alphanumeric = /[\p{L}\p{N}]/u;

/**
 * Where the IBAN starting at `start` ends: the longest run of up to 34 letters and digits (single
 * spaces or hyphens between them) that ends at a word's end and is an IBAN; undefined if none is.
 */
function ibanEnd(text: string, start: number): number | undefined {
  const ends: { end: number; compact: string }[] = [];
  let compact = text.slice(start, start + 4).toUpperCase();
  let at = start + 4;
  while (compact.length < 34) {
    const separated = (text[at] === ' ' || text[at] === '-') && alphanumeric.test(text[at + 1] ?? '');
    const next = separated ? at + 1 : at;
    const character = text[next] ?? '';
    if (!/^[A-Za-z0-9]$/.test(character)) break;
    compact += character.toUpperCase();
    at = next + 1;
    if (!alphanumeric.test(text[at] ?? '')) ends.push({ end: at, compact });
  }
  return ends.reverse().find((candidate) => looksLikeIban(candidate.compact))?.end;
}

function stripIbans(text: string): string {
  let result = '';
  let from = 0;
  for (const match of text.matchAll(ibanStart)) {
    if (match.index < from) continue;
    const end = ibanEnd(text, match.index);
    if (end === undefined) continue;
    result += text.slice(from, match.index) + personalDataMarks.iban;
    from = end;
  }
  return result + text.slice(from);
}

/**
 * Card numbers in a run of digit groups: the longest Luhn-valid span of whole groups with 13 to 19
 * digits, from each group on. Whole groups only: a card is written in groups, never split inside
 * one, and a long case or document number that happens to pass Luhn in part stays.
 */
function stripCards(run: string): string {
  const groups = [...run.matchAll(/\d+/g)].map((group) => ({
    start: group.index,
    end: group.index + group[0].length,
    digits: group[0],
  }));
  let result = '';
  let from = 0;
  for (let first = 0; first < groups.length; first += 1) {
    for (let last = groups.length - 1; last >= first; last -= 1) {
      const digits = groups
        .slice(first, last + 1)
        .map((group) => group.digits)
        .join('');
      if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) continue;
      result += run.slice(from, groups[first]?.start) + personalDataMarks.card;
      from = groups[last]?.end ?? run.length;
      first = last;
      break;
    }
  }
  return result + run.slice(from);
}

const notDate = (match: string, mark: string) => (dateShape.test(match.trim()) ? match : mark);

/**
 * The question with email addresses, IBANs, card numbers (Luhn), personal codes (`DDMMYY-NNNNN`,
 * `32NNNN-NNNNN`) and phone numbers (`+371`, eight-digit Latvian, international) replaced by
 * {@link personalDataMarks}. Dates, amounts and case numbers stay.
 *
 * @example stripPersonalData('Mans kods 010180-12345, tālr. 29123456') // 'Mans kods [personas kods], tālr. [tālrunis]'
 */
export function stripPersonalData(text: string): string {
  return strip(text);
}

/** The email addresses and phone numbers {@link stripPersonalData} takes out of `text`, as written. */
export interface StrippedContacts {
  readonly emails: readonly string[];
  readonly phones: readonly string[];
}

/**
 * What {@link stripPersonalData} replaces with the email and phone marks, found by the same steps in
 * the same order (a digit run taken as a card or a personal code is no phone): the question log
 * links a question to the data subjects it names by their keyed pseudonyms, never by these.
 */
export function strippedContacts(text: string): StrippedContacts {
  const found = { emails: [] as string[], phones: [] as string[] };
  strip(text, found);
  return found;
}

function strip(text: string, found?: { emails: string[]; phones: string[] }): string {
  const phone = (match: string) => {
    const replaced = notDate(match, personalDataMarks.phone);
    if (replaced !== match) found?.phones.push(match);
    return replaced;
  };
  return stripIbans(
    text.replace(email, (match) => {
      found?.emails.push(match);
      return personalDataMarks.email;
    }),
  )
    .replace(digitRun, stripCards)
    .replace(personalCode, (match, first: string) =>
      personalCodeStart(first) ? personalDataMarks.personalCode : match,
    )
    .replace(latvianPhone, phone)
    .replace(internationalPhone, phone);
}

const marks = new RegExp(
  Object.values(personalDataMarks)
    .map((mark) => mark.replace(/[[\]]/g, '\\$&'))
    .join('|'),
  'g',
);

/**
 * The text with personal data taken out altogether, for searching: a phone number or an address
 * matches no article, and only dilutes how much of the question an article covers.
 */
export function withoutPersonalData(text: string): string {
  return stripPersonalData(text).replace(marks, ' ');
}

/**
 * The question's grouping key: its search terms (folded, stemmed, without stopwords and without the
 * marks of stripped data), unique and sorted, so that "Kā samaksāt nodevu?" and "nodevu kā
 * samaksāt" count as one question.
 */
export function normalisedQuestion(strippedText: string, language: SearchLanguage): string {
  const stems = analyse(strippedText.replace(marks, ' '), language).map((term) => term.stem);
  return [...new Set(stems)].sort().join(' ');
}
