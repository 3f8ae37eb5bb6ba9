import iconv from 'iconv-lite';
import { decode as libmimeDecode } from 'libmime/lib/charset';
import { describe, expect, it } from 'vitest';
import {
  loadedLegacyDecoders,
  loadLegacyDecoders,
  normalizeCharset,
  TextDecoding,
} from '../../../shared/mail/charsets.ts';

// The charsets decoded by the platform rather than by libmime: each must give libmime's text.
const singleByte = [
  ...[2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15].map((n) => `iso-8859-${n}`),
  ...[1250, 1251, 1252, 1254, 1256, 1257, 1258].map((n) => `windows-${n}`),
  'koi8-r',
  'koi8-u',
  'iso-8859-1',
  'latin1',
  'us-ascii',
  'win-1257',
];

const nativeSamples: readonly (readonly [string, string])[] = [
  ['koi8-r', 'Прошу вернуть государственную пошлину'],
  ['windows-1251', 'Прошу вернуть государственную пошлину'],
  ['utf-16le', 'Lūdzu, atmaksājiet nodevu 😀'],
  ['utf-16be', 'Lūdzu, atmaksājiet nodevu 😀'],
];

// ICU's East Asian tables are not iconv-lite's: these are left to libmime's decoder.
const legacySamples: readonly (readonly [string, string])[] = [
  ['gb18030', '法院行政管理局 — 申请退还国家规费 𠀀'],
  ['gbk', '法院行政管理局申请退还国家规费'],
  ['gb2312', '法院行政管理局'],
  ['big5', '法院行政管理局申請退還國家規費'],
  ['euc-kr', '법원 행정처에 수수료 환불을 요청합니다'],
  ['ks_c_5601-1987', '법원 행정처'],
  ['shift_jis', '裁判所の事務局に手数料の返還を求めます。ｶﾀｶﾅ'],
  ['euc-jp', '裁判所の事務局に手数料の返還を求めます。'],
  ['iso-2022-jp', '裁判所の事務局に手数料の返還を求めます。'],
];

function encodedSample(charset: string, sample: string): Buffer {
  return charset === 'iso-2022-jp' ? Buffer.from(iso2022jp(sample), 'latin1') : iconv.encode(sample, charset);
}

describe('TextDecoding', () => {
  it.each(singleByte)('decodes every byte of %s exactly as libmime does', (charset) => {
    const text = new TextDecoding();
    for (let byte = 0; byte < 256; byte++) {
      const bytes = Buffer.of(byte);
      expect(text.decode(bytes, charset), `${charset} 0x${byte.toString(16)}`).toBe(
        libmimeDecode(bytes, charset),
      );
    }
    expect(text.missing).toBe(false);
  });

  it.each(nativeSamples)('decodes %s text natively, as libmime does', (charset, sample) => {
    const text = new TextDecoding();
    const encoded = encodedSample(charset, sample);

    expect(text.decode(encoded, charset)).toBe(sample);
    expect(libmimeDecode(encoded, charset)).toBe(sample);
    expect(text.missing).toBe(false);
  });

  // Runs before anything below loads the legacy decoders (tests of a file run in order).
  it.each(legacySamples)('asks for the legacy decoders for %s text', (charset, sample) => {
    const text = new TextDecoding();

    text.decode(encodedSample(charset, sample), charset);

    expect(loadedLegacyDecoders()).toBeUndefined();
    expect(text.missing).toBe(true);
  });

  it.each(legacySamples)(
    'decodes %s text with the legacy decoders, as libmime does',
    async (charset, sample) => {
      await loadLegacyDecoders();
      const text = new TextDecoding();
      const encoded = encodedSample(charset, sample);

      expect(text.decode(encoded, charset)).toBe(sample);
      expect(libmimeDecode(encoded, charset)).toBe(sample);
      expect(text.missing).toBe(false);
    },
  );

  it.each(['utf-7', 'UTF7', 'unicode-1-1-utf-7', 'utf-7-imap', 'base64', 'hex'])(
    'reads the refused charset %s as UTF-8, never as markup-smuggling UTF-7',
    (charset) => {
      const text = new TextDecoding();

      expect(text.decode(Buffer.from('+ADw-script+AD4- ā'), charset)).toBe('+ADw-script+AD4- ā');
      expect(text.missing).toBe(false);
    },
  );

  it('reads an unknown charset as UTF-8 once the legacy decoders are there', async () => {
    const { decodeCharset } = await import('../../../shared/mail/legacy-decoders.ts');

    expect(decodeCharset(Buffer.from('Ķekava ā'), normalizeCharset('x-nezinams'))).toBe('Ķekava ā');
  });

  it('normalises labels as libmime does', () => {
    expect(normalizeCharset('Latin1')).toBe('windows-1252');
    expect(normalizeCharset('win-1257')).toBe('windows-1257');
    expect(normalizeCharset('ISO8859-13')).toBe('ISO-8859-13');
    expect(normalizeCharset(undefined)).toBe('UTF-8');
  });
});

// ISO-2022-JP by hand: iconv-lite cannot encode it. Kanji and kana in JIS X 0208 from EUC-JP.
function iso2022jp(sample: string): string {
  let out = '';
  let inJis = false;
  for (const character of sample) {
    const euc = iconv.encode(character, 'euc-jp');
    if (euc.length === 2) {
      if (!inJis) out += '\x1b$B';
      inJis = true;
      out += String.fromCharCode((euc[0] as number) & 0x7f, (euc[1] as number) & 0x7f);
    } else {
      if (inJis) out += '\x1b(B';
      inJis = false;
      out += character;
    }
  }
  return inJis ? `${out}\x1b(B` : out;
}
