/**
 * The callback rule of §19.1: we call back only Latvian mobile numbers. The exact check, by
 * libphonenumber's Latvian mobile ranges, copied here: `libphonenumber-js/mobile` minifies to some
 * 135 kB of code and every country's metadata, for one pattern. The browser checks only the shape
 * with `latvianMobileCandidate`, never more strictly; the tests keep libphonenumber-js as the oracle.
 */
import { latvianMobileCandidate } from './client-request.ts';

/**
 * The national numbers (8 digits) allocated to Latvian mobile operators: the LV mobile pattern of
 * libphonenumber-js 1.13.16 (metadata.mobile.json). Update it with the library's metadata.
 */
const latvianMobileNumber =
  /^(?:2333[0-8]\d{3}|2(?:[0-24-9]\d\d|3(?:0[07]|[14-9]\d|2[02-9]|3[0-24-9]))\d{4})$/;

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
  // The candidate is `+371` and eight digits.
  return candidate !== undefined && latvianMobileNumber.test(candidate.slice(4)) ? candidate : undefined;
}
