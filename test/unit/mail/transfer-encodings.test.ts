import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../../shared/mail/transfer-encodings.ts';

// libbase64's reading, as mailparser decoded: the alphabet only, each `=`-padded segment on its own.
function segmentBySegment(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(/[^a-zA-Z0-9+/=]+/g, '');
  return Buffer.concat(
    text
      .split('=')
      .filter((segment) => segment.length > 0)
      .map((segment) => Buffer.from(segment, 'base64')),
  );
}

describe('decodeBase64', () => {
  it('decodes padded segments, line breaks and stray characters as libbase64 does (property)', () => {
    const symbol = fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split(''),
      '=',
      '==',
      '\r\n',
      ' ',
      '-',
      'é',
    );
    fc.assert(
      fc.property(fc.array(symbol, { maxLength: 40 }), (symbols) => {
        const body = Buffer.from(symbols.join(''), 'latin1');
        expect(decodeBase64(body).equals(segmentBySegment(body))).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('decodes four million padded segments (24 MB) in well under a second', () => {
    const body = Buffer.from('QQ==\r\n'.repeat(4_000_000));

    const started = performance.now();
    const decoded = decodeBase64(body);

    expect(performance.now() - started).toBeLessThan(700);
    expect(decoded.equals(Buffer.alloc(4_000_000, 'A'))).toBe(true);
  });
});
