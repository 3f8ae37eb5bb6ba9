import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { describe, expect, it } from 'vitest';
import { latvianMobile } from '../../../shared/domain/callback-phone.ts';
import { latvianMobileCandidate } from '../../../shared/domain/client-request.ts';

/**
 * The check as it was made with libphonenumber-js/mobile, whose metadata the own pattern copies:
 * the oracle for it. The `mobile` metadata knows only mobile ranges, so a valid number is a mobile.
 */
function libphonenumberLatvianMobile(input: string): string | undefined {
  const candidate = latvianMobileCandidate(input);
  if (candidate === undefined) return undefined;
  const number = parsePhoneNumberFromString(candidate);
  return number?.country === 'LV' && number.isValid() && number.getType() === 'MOBILE'
    ? number.number
    : undefined;
}

const spellingsOf20000000 = [
  '+37120000000',
  '+371 20000000',
  '+371 20 000 000',
  '+371-20-000-000',
  '+371 (20) 000-000',
  '20000000',
  '20 000 000',
  '2000-0000',
  '0037120000000',
  '00371 20 000 000',
  '371 20000000',
  ' +371 20000000 ',
];

const otherLatvianNumbers: [string, string][] = [
  ['67000000', 'a Riga landline'],
  ['+371 67 000 000', 'a landline in international form'],
  ['0037165000000', 'a landline after 00'],
  ['80000000', 'a free phone number'],
  ['90000000', 'a premium rate number'],
];

const foreignMobiles: [string, string][] = [
  ['+49 151 12345678', 'a German mobile'],
  ['+370 612 34567', 'a Lithuanian mobile'],
  ['+372 5123 4567', 'an Estonian mobile'],
  ['0049 151 12345678', 'a German mobile after 00'],
];

const garbage = [
  '',
  'abc',
  'nav',
  '2000000',
  '200000000',
  '+371 2000000',
  '+371 200000000',
  '+371 20000000 ext. 5',
  'tel:+37120000000',
  '+371 2000000a',
  '+3712000000O',
  '++37120000000',
  '+ 371 20000000 +',
  '٢٠٠٠٠٠٠٠',
];

describe('latvianMobile', () => {
  it.each(spellingsOf20000000)('answers %j as +37120000000', (input) => {
    expect(latvianMobile(input)).toBe('+37120000000');
  });

  it('accepts the other allocated mobile ranges', () => {
    expect(latvianMobile('29 123 456')).toBe('+37129123456');
    expect(latvianMobile('+371 2333 0000')).toBe('+37123330000');
    expect(latvianMobile('+371 2300 0000')).toBe('+37123000000');
  });

  it.each(otherLatvianNumbers)('refuses %j (%s)', (input) => {
    expect(latvianMobile(input)).toBeUndefined();
  });

  it.each(foreignMobiles)('refuses %j (%s)', (input) => {
    expect(latvianMobile(input)).toBeUndefined();
  });

  it.each(garbage)('refuses garbage %j', (input) => {
    expect(latvianMobile(input)).toBeUndefined();
  });

  it('refuses a number the browser lets through that no mobile operator has (2301 xxxx, 2333 9xxx)', () => {
    // The browser checks only the shape; this is why ingest-web checks again.
    expect(latvianMobileCandidate('+371 2301 0000')).toBe('+37123010000');
    expect(latvianMobile('+371 2301 0000')).toBeUndefined();
    expect(latvianMobileCandidate('23339000')).toBe('+37123339000');
    expect(latvianMobile('23339000')).toBeUndefined();
  });

  it('never accepts what the browser’s check refuses, and then answers the same number', () => {
    const spelledNumber = fc
      .tuple(
        fc.constantFrom('', '+371', '+371 ', '00371', '371 ', '+49 ', '+370 ', '0'),
        fc.stringMatching(/^[0-9 ()-]{6,14}$/),
      )
      .map(([prefix, rest]) => `${prefix}${rest}`);
    fc.assert(
      fc.property(fc.oneof(spelledNumber, fc.string()), (input) => {
        const exact = latvianMobile(input);
        if (exact !== undefined) expect(latvianMobileCandidate(input)).toBe(exact);
      }),
    );
  });

  it('never accepts a Latvian landline (6x xxx xxx)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{7}$/), (digits) => {
        expect(latvianMobile(`6${digits}`)).toBeUndefined();
        expect(latvianMobile(`+371 6${digits}`)).toBeUndefined();
      }),
    );
  });
});

describe('latvianMobile against libphonenumber-js/mobile 1.13.16', () => {
  it('answers the examples above as the library does', () => {
    const examples = [
      ...spellingsOf20000000,
      ...otherLatvianNumbers.map(([input]) => input),
      ...foreignMobiles.map(([input]) => input),
      ...garbage,
      '29 123 456',
      '+371 2333 0000',
      '+371 2300 0000',
      '+371 2301 0000',
      '23339000',
    ];
    for (const input of examples)
      expect(latvianMobile(input), input).toBe(libphonenumberLatvianMobile(input));
  });

  it('agrees on every five-digit prefix 2xxxx, with low, middle and high endings', () => {
    // The ranges are told apart by the first five digits at most (2333[0-8]), so these cover every
    // branch of the pattern, and each range at both of its ends.
    const mismatches: string[] = [];
    for (let prefix = 20_000; prefix <= 29_999; prefix += 1) {
      for (const ending of ['000', '001', '500', '998', '999']) {
        const number = `${prefix}${ending}`;
        if (latvianMobile(number) !== libphonenumberLatvianMobile(number)) mismatches.push(number);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees on random Latvian numbers and spellings', () => {
    const latvianNumber = fc
      .tuple(fc.constantFrom('', '+371', '+371 ', '00371', '371 '), fc.stringMatching(/^2\d{7}$/))
      .map(([prefix, digits]) => `${prefix}${digits}`);
    const anything = fc.stringMatching(/^[+0-9 ()-]{0,16}$/);
    fc.assert(
      fc.property(fc.oneof(latvianNumber, anything), (input) => {
        expect(latvianMobile(input)).toBe(libphonenumberLatvianMobile(input));
      }),
      { numRuns: 5_000 },
    );
  });
});
