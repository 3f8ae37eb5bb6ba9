/** The forensic scanner's matching: each encoded form of a needle is found, and nothing else is. */
import { describe, expect, it } from 'vitest';
import { base64Forms, needleMatcher, quotedPrintable } from '../../support/forensic.ts';

const email = { label: 'email', value: 'Zelmars.Forenzikis@example.lv', kind: 'text' } as const;
const name = { label: 'name', value: 'Zelmārs Forenzikis', kind: 'text' } as const;
const phone = { label: 'phone', value: '+371 2614 7395', kind: 'phone' } as const;
const match = needleMatcher([email, name, phone]);

function labels(content: Buffer | string): string[] {
  return match(content).map((hit) => `${hit.needle}:${hit.form}`);
}

describe('needle matcher', () => {
  it('finds the email in any case, as UTF-8 and as UTF-16LE', () => {
    expect(labels('from: ZELMARS.FORENZIKIS@EXAMPLE.LV')).toEqual(['email:text']);
    expect(labels(Buffer.from('x zelmars.forenzikis@example.lv y', 'utf16le'))).toEqual(['email:utf16']);
  });

  it('finds the email in base64 at every alignment, across line breaks', () => {
    for (const prefix of ['', 'a', 'ab', 'abc', 'To: ']) {
      const encoded = Buffer.from(`${prefix}<zelmars.forenzikis@example.lv>\r\n`).toString('base64');
      const wrapped = encoded.replace(/(.{20})/g, '$1\r\n');
      expect(labels(`Content-Transfer-Encoding: base64\r\n\r\n${wrapped}`)).toContain('email:base64');
    }
    expect(base64Forms('abc')).toHaveLength(3);
  });

  it('finds the name in quoted-printable with soft line breaks and in an encoded word', () => {
    const body = quotedPrintable('Dear Zelmārs Forenzikis,', false).replace('Fore', 'Fore=\r\n');
    expect(labels(body)).toEqual(['name:quoted-printable']);
    expect(labels(`Subject: =?UTF-8?Q?${quotedPrintable('Zelmārs Forenzikis', true)}?=`)).toEqual([
      'name:q-encoding',
    ]);
  });

  it('finds the phone with or without spaces and country code, and not other numbers', () => {
    for (const form of ['26147395', '+37126147395', '00371 26 147 395', '2614-7395', '(2614) 7395'])
      expect(labels(`tel ${form}`)).toEqual(['phone:digits']);
    expect(labels('26147396 and 2614739')).toEqual([]);
  });

  it('finds nothing in unrelated bytes', () => {
    expect(labels(Buffer.from([0, 1, 2, 255, 254]))).toEqual([]);
    expect(labels('Zelmārs Kalniņš, forenzikis@example.com')).toEqual([]);
  });
});
