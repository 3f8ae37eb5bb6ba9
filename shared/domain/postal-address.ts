/**
 * A client's postal address, as the mailroom reads it off an envelope and as a letter's address
 * block prints it (Latvijas Pasts: the addressee, then street and house — or a house's name — then
 * the place, and the postal code `LV-1234` last, after the place: "Rīga, LV-1050"). Addresses
 * abroad keep their own postal code and add the country, in capitals, as the last line.
 */
import * as z from 'zod/mini';

export interface PostalAddress {
  /** Street and house number with flat (`Brīvības iela 12-3`), or a house's name (`"Ozoli"`). */
  readonly addressLine: string;
  /** Town or city; in the country, the village, parish and municipality (`Valgundes pag., Jelgavas nov.`). */
  readonly place: string;
  /** `LV-1234` in Latvia; abroad, the country's own code. */
  readonly postalCode: string;
  /** Absent: Latvia. Otherwise the country's name as it should be printed. */
  readonly country?: string;
}

/** The code Latvijas Pasts uses: `LV-` and four digits. */
export const latvianPostalCode = /^LV-\d{4}$/;

/** What counts as Latvia in the `country` field (an empty one too). */
const latvia = /^(latvija|latvia|lv|lettland)$/i;

export function isLatvian(address: Pick<PostalAddress, 'country'>): boolean {
  return (
    address.country === undefined || address.country.trim() === '' || latvia.test(address.country.trim())
  );
}

/**
 * The code in the form Latvijas Pasts prints: `1050`, `lv 1050` and `LV1050` become `LV-1050`.
 * Anything else is returned trimmed (and refused by the schema for a Latvian address).
 */
export function normalisePostalCode(code: string): string {
  const match = /^\s*(?:lv\s*-?\s*)?(\d{4})\s*$/i.exec(code);
  return match ? `LV-${match[1]}` : code.trim();
}

/** Printable text on one line: no control characters, no line breaks, no bidi overrides. */
const oneLine = z.refine<string>(
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
  (value) => !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(value),
  { message: 'characters' },
);

const line = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max), oneLine);

/** An address as staff enter it; the code is normalised and checked against the country. */
export const postalAddressSchema = z
  .object({
    addressLine: line(200),
    place: line(200),
    postalCode: z.pipe(
      z.string().check(z.trim(), z.minLength(1), z.maxLength(20), oneLine),
      z.transform(normalisePostalCode),
    ),
    country: z.optional(z.string().check(z.trim(), z.maxLength(100), oneLine)),
  })
  .check(
    z.refine((address) => !isLatvian(address) || latvianPostalCode.test(address.postalCode), {
      message: 'postal-code',
      path: ['postalCode'],
    }),
  );

/**
 * The address block of a letter, line by line, as Latvijas Pasts asks for it: the addressee's
 * name, the street line, the place with the postal code after a comma; abroad the place with the
 * code, and the country in capitals.
 */
export function addressBlock(name: string, address: PostalAddress): string[] {
  if (isLatvian(address)) return [name, address.addressLine, `${address.place}, ${address.postalCode}`];
  return [
    name,
    address.addressLine,
    `${address.postalCode} ${address.place}`,
    (address.country ?? '').toLocaleUpperCase('lv'),
  ];
}
