import { afterEach, describe, expect, it, vi } from 'vitest';
import { TextDecoding } from '../../../shared/mail/charsets.ts';
import { parseMail } from '../../../shared/mail/parse-mail.ts';

const timedOut = { ok: false, reason: 'unparseable', detail: 'Parsing did not finish in the time allowed.' };

async function timed<T>(work: () => Promise<T>): Promise<{ readonly result: T; readonly ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

/**
 * The CPU time the work took, not the wall clock: on two cores shared with browsers and emulators
 * a linear parse can wait seconds for a core, while a quadratic one burns minutes of CPU.
 */
async function cpuTimed<T>(work: () => Promise<T>): Promise<{ readonly result: T; readonly ms: number }> {
  const started = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(started);
  return { result, ms: (used.user + used.system) / 1000 };
}

describe('parseMail time on hostile headers', () => {
  it('reads a Content-Type with 100,000 RFC 2231 parameters in linear time', async () => {
    const params = Array.from({ length: 100_000 }, (_, i) => `;${i.toString(36)}*=x`).join('');
    const raw = Buffer.from(`From: a@pasts.example\r\nContent-Type: text/plain${params}\r\n\r\nLabdien!\r\n`);

    const { result, ms } = await cpuTimed(() => parseMail(raw));

    expect(result.ok && result.mail.text).toBe('Labdien!\n');
    expect(ms).toBeLessThan(5_000);
  }, 60_000);

  it('reads the same header of an inline embedded message in linear time', async () => {
    const params = Array.from({ length: 50_000 }, (_, i) => `;${i.toString(36)}*=x`).join('');
    const raw = Buffer.from(
      [
        'From: a@pasts.example',
        'Content-Type: multipart/mixed; boundary=robeza',
        '',
        '--robeza',
        'Content-Type: message/rfc822',
        'Content-Disposition: inline',
        '',
        'From: b@pasts.example',
        `Content-Type: text/plain${params}`,
        '',
        'Iekšā',
        '--robeza--',
        '',
      ].join('\r\n'),
    );

    const { result, ms } = await cpuTimed(() => parseMail(raw));

    expect(result.ok && result.mail.text).toContain('Iekšā');
    expect(ms).toBeLessThan(5_000);
  }, 60_000);
});

describe('parseMail deadline after the split', () => {
  it('gives up on 25 MB of bare line feeds when the deadline passes, not seconds later', async () => {
    const raw = Buffer.from(`From: a@pasts.example\r\n\r\n${'\n'.repeat(25 * 1024 * 1024 - 4096)}`);

    const { result, ms } = await timed(() => parseMail(raw, undefined, 2_000));

    // Either it finishes in time (the text is all line feeds) or it is refused for the deadline.
    if (result.ok) expect(result.mail.text.length).toBe(25 * 1024 * 1024 - 4096);
    else expect(result).toEqual(timedOut);
    expect(ms).toBeLessThan(4_000);
  }, 60_000);
});

describe('parseMail deadline between the steps after the split', () => {
  // A clock that jumps a minute ahead while a body is decoded from its charset: whatever comes
  // after that decoding must see the deadline passed.
  function clockJumpingOnDecode(): void {
    const realNow = performance.now.bind(performance);
    let skew = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => realNow() + skew);
    const decode = TextDecoding.prototype.decode;
    vi.spyOn(TextDecoding.prototype, 'decode').mockImplementation(function (this: TextDecoding, ...args) {
      skew += 60_000;
      return decode.apply(this, args);
    });
  }

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('checks the deadline after decoding the last text part', async () => {
    clockJumpingOnDecode();
    const raw = Buffer.from(
      'From: a@pasts.example\r\nContent-Type: text/plain; charset=iso-8859-13\r\n\r\nLabdien!\r\n',
    );

    expect(await parseMail(raw, undefined, 5_000)).toEqual(timedOut);
  });

  it('gives up before converting an HTML-only body to text once decoding it used up the time', async () => {
    clockJumpingOnDecode();
    const raw = Buffer.from(
      'From: a@pasts.example\r\nContent-Type: text/html; charset=iso-8859-13\r\n\r\n<p>Labdien!</p>\r\n',
    );

    expect(await parseMail(raw, undefined, 5_000)).toEqual(timedOut);
  });

  it('stops showing the headers of embedded messages once the deadline has passed', async () => {
    clockJumpingOnDecode();
    const embedded = (subject: string): string[] => [
      '--robeza',
      'Content-Type: message/rfc822',
      'Content-Disposition: inline',
      '',
      'From: b@pasts.example',
      `Subject: =?iso-8859-13?Q?${subject}?=`,
      '',
      'Iekšā',
    ];
    const raw = Buffer.from(
      [
        'From: a@pasts.example',
        'Content-Type: multipart/mixed; boundary=robeza',
        '',
        ...embedded('Pirm=E2'),
        ...embedded('Otr=E2'),
        '--robeza--',
        '',
      ].join('\r\n'),
    );

    expect(await parseMail(raw, undefined, 5_000)).toEqual(timedOut);
    expect(TextDecoding.prototype.decode).toHaveBeenCalledTimes(1);
  });

  it('still parses when the clock does not jump', async () => {
    const raw = Buffer.from(
      'From: a@pasts.example\r\nContent-Type: text/plain; charset=iso-8859-13\r\n\r\nLabdien!\r\n',
    );

    expect((await parseMail(raw, undefined, 5_000)).ok).toBe(true);
  });
});
