/**
 * The callback rule of §19.1: we call back only Latvian mobile numbers. The exact check, by
 * libphonenumber's Latvian mobile ranges. Server-side only: `libphonenumber-js/mobile` minifies to
 * some 135 kB, even Latvia-only metadata with its core to 39 kB, against a public form bundle of
 * 50 kB; the browser checks the shape with `latvianMobileCandidate`, never more strictly.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { latvianMobileCandidate } from './client-request.ts';

/**
 * `input` as a Latvian mobile number in E.164 (`+3712…`), or undefined for any other number:
 * a landline, a service number, a foreign number, a range not allocated to mobile operators.
 *
 * Accepts the spellings `latvianMobileCandidate` does (`+371 2…`, `2…`, `00371…`, with spaces,
 * dashes or brackets), and nothing else, so the browser never refuses what this accepts.
 *
 * @example
 * latvianMobile('+371 20 000 000'); // '+37120000000'
 * latvianMobile('67000000'); // undefined: a landline
 */
export function latvianMobile(input: string): string | undefined {
  const candidate = latvianMobileCandidate(input);
  if (candidate === undefined) return undefined;
  // The `mobile` metadata knows only mobile ranges, so isValid() is already "a valid mobile number".
  const number = parsePhoneNumberFromString(candidate);
  return number?.country === 'LV' && number.isValid() && number.getType() === 'MOBILE'
    ? number.number
    : undefined;
}
