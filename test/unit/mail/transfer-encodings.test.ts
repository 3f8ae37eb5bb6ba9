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

  it('decodes four million padded segments (24 MB) in time linear in their number', () => {
    // A ratio, not a wall-clock limit (a loaded machine is slow, not quadratic): four times the
    // segments take about four times as long; a decoder quadratic in them would take sixteen.
    // The fastest of three runs of each, so that a pause of the machine counts against neither.
    const timed = (segments: number) => {
      const body = Buffer.from('QQ==\r\n'.repeat(segments));
      const started = performance.now();
      const decoded = decodeBase64(body);
      return { elapsed: performance.now() - started, decoded };
    };
    timed(40_000); // warm-up
    const small = Math.min(...[0, 1, 2].map(() => timed(1_000_000).elapsed));
    const runs = [0, 1, 2].map(() => timed(4_000_000));
    const large = Math.min(...runs.map((run) => run.elapsed));

    expect(large / Math.max(small, 1)).toBeLessThan(10);
    expect(runs[0]?.decoded.equals(Buffer.alloc(4_000_000, 'A'))).toBe(true);
  });
});
