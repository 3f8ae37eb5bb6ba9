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

// A country code, two check digits, 11 to 30 letters or digits, in groups of four or not.
const iban = /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,30}\b/gi;

// 13 to 19 digits, in groups separated by single spaces or hyphens.
const cardCandidate = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;

// DDMMYY-NNNNN (the hyphen may be left out or be a space); the new form starts with 32.
const personalCode = /(?<!\d)(\d{6})[- ]?(\d{5})(?!\d)/g;

// +371 / 00371 and eight digits; an eight-digit Latvian number (mobile 2…, landline 6…), written in
// one or in groups; any other international number (+ and 8 to 15 digits).
const latvianPhone = /(?<![\d+])(?:(?:\+|00)\s?371[\s-]?)?[26]\d(?:[\s-]?\d){6}(?!\d)/g;
const internationalPhone = /(?:\+|\b00)\d(?:[\s-]?\d){7,14}(?!\d)/g;

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

/** Latvian IBANs (LV, 21 characters) always go; others when their check digits are right. */
function looksLikeIban(match: string): boolean {
  const compact = match.replace(/[ -]/g, '').toUpperCase();
  if (!/\d{4}/.test(compact)) return false;
  if (compact.startsWith('LV')) return compact.length === 21;
  return ibanValid(compact);
}

/**
 * The question with email addresses, IBANs, card numbers (Luhn), personal codes (`DDMMYY-NNNNN`,
 * `32NNNN-NNNNN`) and phone numbers (`+371`, eight-digit Latvian, international) replaced by
 * {@link personalDataMarks}.
 *
 * @example stripPersonalData('Mans kods 010180-12345, tālr. 29123456') // 'Mans kods [personas kods], tālr. [tālrunis]'
 */
export function stripPersonalData(text: string): string {
  return text
    .replace(email, personalDataMarks.email)
    .replace(iban, (match) => (looksLikeIban(match) ? personalDataMarks.iban : match))
    .replace(cardCandidate, (match) => (luhnValid(match.replace(/\D/g, '')) ? personalDataMarks.card : match))
    .replace(personalCode, (match, first: string) =>
      personalCodeStart(first) ? personalDataMarks.personalCode : match,
    )
    .replace(latvianPhone, personalDataMarks.phone)
    .replace(internationalPhone, personalDataMarks.phone);
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
