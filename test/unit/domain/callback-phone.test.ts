import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latvianMobile } from '../../../shared/domain/callback-phone.ts';
import { latvianMobileCandidate } from '../../../shared/domain/client-request.ts';

describe('latvianMobile', () => {
  it.each([
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
  ])('answers %j as +37120000000', (input) => {
    expect(latvianMobile(input)).toBe('+37120000000');
  });

  it('accepts the other allocated mobile ranges', () => {
    expect(latvianMobile('29 123 456')).toBe('+37129123456');
    expect(latvianMobile('+371 2333 0000')).toBe('+37123330000');
    expect(latvianMobile('+371 2300 0000')).toBe('+37123000000');
  });

  it.each([
    ['67000000', 'a Riga landline'],
    ['+371 67 000 000', 'a landline in international form'],
    ['0037165000000', 'a landline after 00'],
    ['80000000', 'a free phone number'],
    ['90000000', 'a premium rate number'],
  ])('refuses %j (%s)', (input) => {
    expect(latvianMobile(input)).toBeUndefined();
  });

  it.each([
    ['+49 151 12345678', 'a German mobile'],
    ['+370 612 34567', 'a Lithuanian mobile'],
    ['+372 5123 4567', 'an Estonian mobile'],
    ['0049 151 12345678', 'a German mobile after 00'],
  ])('refuses %j (%s)', (input) => {
    expect(latvianMobile(input)).toBeUndefined();
  });

  it.each([
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
  ])('refuses garbage %j', (input) => {
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
