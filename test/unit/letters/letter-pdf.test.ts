import { extractText, extractTextItems, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { PostalAddress } from '../../../shared/domain/postal-address.ts';
import { letterFontFiles, letterFonts } from '../../../shared/letters/letter-font.ts';
import { formatLetterDate, type LetterContent, renderLetter } from '../../../shared/letters/letter-pdf.ts';

const latvianLetters = 'āčēģīķļņšūž ĀČĒĢĪĶĻŅŠŪŽ';
const rigaAddress: PostalAddress = {
  addressLine: 'Brīvības iela 12-3',
  place: 'Rīga',
  postalCode: 'LV-1050',
};

const letter: LetterContent = {
  language: 'lv',
  reference: 'TA-2026-000123',
  date: '2026-11-28',
  recipient: { name: 'Anna Kalniņa', postalAddress: rigaAddress },
  subject: 'Par uzturlīdzekļu garantiju fonda izmaksu',
  text: `Labdien!\n\nJūsu vēstulē minētie burti: ${latvianLetters}.\n\nAr cieņu,\nJānis Bērziņš`,
};

const mmToPoints = (millimetres: number) => (millimetres * 72) / 25.4;
const pageHeight = 841.89;

/** A copy for pdf.js, which may take over the buffer it is given. */
const open = (pdf: Uint8Array) => getDocumentProxy(new Uint8Array(pdf));

async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  return (await extractText(await open(pdf), { mergePages: false })).text;
}

/** The text's lines, trimmed, so a test can look for one line as a whole. */
const linesOf = (text: string) => text.split('\n').map((line) => line.trim());

/** Where `sequence` starts as consecutive entries of `lines`, or -1. */
function indexOfSequence(lines: readonly string[], sequence: readonly string[]): number {
  return lines.findIndex((_, start) => sequence.every((line, offset) => lines[start + offset] === line));
}

describe('renderLetter', () => {
  it('prints the Latvian letter with reference, date, address block, subject and text', async () => {
    // Act
    const pdf = await renderLetter(letter);

    // Assess
    const [page, ...rest] = await pageTexts(pdf);
    expect(rest).toEqual([]);
    const lines = linesOf(page ?? '');
    expect(lines).toContain('Tiesu administrācija');
    expect(lines).toContain('Mūsu atsauce');
    expect(lines).toContain('TA-2026-000123');
    expect(lines).toContain('2026. gada 28. novembrī');
    expect(indexOfSequence(lines, ['Anna Kalniņa', 'Brīvības iela 12-3', 'Rīga, LV-1050'])).toBeGreaterThan(
      -1,
    );
    expect(lines).toContain('Par uzturlīdzekļu garantiju fonda izmaksu');
    expect(lines).toContain(`Jūsu vēstulē minētie burti: ${latvianLetters}.`);
    expect(indexOfSequence(lines, ['Ar cieņu,', 'Jānis Bērziņš'])).toBeGreaterThan(-1);
    expect(lines.at(-1)).toMatch(/TA-2026-000123\s*lapa 1 no 1/);
  });

  it('places the address block in the window of a DL envelope', async () => {
    // Act
    const { items } = await extractTextItems(await open(await renderLetter(letter)));

    // Assess: the window is 20–110 mm from the left and 45–90 mm from the top.
    const addressItems = (items[0] ?? []).filter((item) =>
      ['Anna Kalniņa', 'Brīvības iela 12-3', 'Rīga, LV-1050'].includes(item.str),
    );
    expect(addressItems).toHaveLength(3);
    for (const item of addressItems) {
      expect(item.x).toBeGreaterThanOrEqual(mmToPoints(20));
      expect(item.x + item.width).toBeLessThanOrEqual(mmToPoints(110));
      expect(pageHeight - item.y).toBeGreaterThan(mmToPoints(45));
      expect(pageHeight - item.y).toBeLessThan(mmToPoints(90));
    }
  });

  it('prints a foreign address with the country in capitals, and English labels', async () => {
    // Prepare
    const content: LetterContent = {
      ...letter,
      language: 'en',
      recipient: {
        name: 'Jānis Ozols',
        postalAddress: {
          addressLine: '12 Main Street',
          place: 'Dublin',
          postalCode: 'D02 X285',
          country: 'Ireland',
        },
      },
      subject: 'Your question about court fees',
      text: 'Dear Mr Ozols,\n\nThank you for your letter.',
      registeredMailNumber: 'RR123456789LV',
    };

    // Act
    const lines = linesOf((await pageTexts(await renderLetter(content))).join('\n'));

    // Assess
    expect(
      indexOfSequence(lines, ['Jānis Ozols', '12 Main Street', 'D02 X285 Dublin', 'IRELAND']),
    ).toBeGreaterThan(-1);
    expect(lines).toContain('Court Administration');
    expect(lines).toContain('Our reference');
    expect(lines).toContain('Date');
    expect(lines).toContain('28 November 2026');
    expect(lines).toContain('Registered mail RR123456789LV');
    // Mail from abroad comes back only with the sender's country on it.
    expect(lines).toContain('Court Administration, Antonijas iela 6, Rīga, LV-1010, LATVIA');
    expect(lines.at(-1)).toMatch(/page 1 of 1$/);
    expect(lines.join('\n')).not.toMatch(/Mūsu atsauce|lapa \d/);
  });

  it('continues a long text over pages, each with the reference and "page N of M" in its footer', async () => {
    // Prepare
    const paragraphs = Array.from(
      { length: 300 },
      (_, index) =>
        `${index + 1}. rindkopa: šis teksts ir pietiekami garš, lai aizņemtu vairāk nekā vienu rindu lapā, un tas ir jāaplauž pareizi.`,
    );

    // Act
    const pages = await pageTexts(await renderLetter({ ...letter, text: paragraphs.join('\n\n') }));

    // Assess
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((page, index) => {
      expect(linesOf(page).at(-1)).toMatch(
        new RegExp(`^TA-2026-000123\\s*lapa ${index + 1} no ${pages.length}$`),
      );
    });
    // Nothing lost or repeated at the page breaks: every paragraph starts once, in order.
    const starts = pages
      .flatMap(linesOf)
      .map((line) => /^(\d+)\. rindkopa:/.exec(line)?.[1])
      .filter((number) => number !== undefined)
      .map(Number);
    expect(starts).toEqual(paragraphs.map((_, index) => index + 1));
  });

  it('breaks a word longer than the line and keeps all of it within the margins', async () => {
    // Prepare
    const longWord = `https://e-lieta.lv/${'ābolsčēgas'.repeat(30)}`;

    // Act
    const pdf = await renderLetter({ ...letter, text: `Saite: ${longWord} beigas.` });

    // Assess
    const lines = linesOf((await pageTexts(pdf))[0] ?? '');
    const start = lines.findIndex((line) => line.startsWith('Saite:'));
    const end = lines.findIndex((line) => line.endsWith('beigas.'));
    expect(end - start).toBeGreaterThanOrEqual(2);
    expect(lines.slice(start, end + 1).join('')).toBe(`Saite:${longWord} beigas.`);
    const { items } = await extractTextItems(await open(pdf));
    for (const item of items.flat()) {
      expect(item.x + item.width).toBeLessThanOrEqual(595.28 - mmToPoints(20) + 0.5);
    }
  });

  it('gives the same bytes for the same content, with the letter date and title in the metadata', async () => {
    // Act
    const first = await renderLetter(letter);
    const second = await renderLetter(letter);
    const otherDate = await renderLetter({ ...letter, date: '2026-11-29' });

    // Assess
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(Buffer.from(first).equals(Buffer.from(otherDate))).toBe(false);
    const { info } = await (await open(first)).getMetadata();
    expect(info).toMatchObject({
      Title: 'Par uzturlīdzekļu garantiju fonda izmaksu',
      Author: 'Tiesu administrācija',
      Producer: 'courtdesk',
      CreationDate: 'D:20261128120000Z',
      ModDate: 'D:20261128120000Z',
    });
  });

  it('drops control characters, turns tabs into spaces and replaces characters the font lacks', async () => {
    // Prepare
    const content: LetterContent = {
      ...letter,
      subject: 'Par\u0000 pieprasījumu\r\nnr. 5',
      text: 'Pirmā\u0007 rinda\u001b[31m\u202e\r\nOtrā\trinda\u000c\n\n\u0085Trešā rinda\u007f 漢',
      recipient: { ...letter.recipient, name: 'Anna\u0008 Kalniņa' },
    };

    // Act
    const pdf = await renderLetter(content);

    // Assess
    const lines = linesOf((await pageTexts(pdf))[0] ?? '');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
    expect(lines.join('\n')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(lines).toContain('Par pieprasījumu nr. 5');
    expect(lines).toContain('Anna Kalniņa');
    expect(lines).toContain('Pirmā rinda[31m');
    expect(lines.some((line) => /^Otrā\s+rinda$/.test(line))).toBe(true);
    // A character the font has no glyph for prints as the replacement character, not as a blank box.
    expect(lines).toContain('Trešā rinda \ufffd');
  });

  it('refuses a date that is not a calendar date', async () => {
    await expect(renderLetter({ ...letter, date: '2026-02-30' })).rejects.toThrow(RangeError);
    await expect(renderLetter({ ...letter, date: '28.11.2026' })).rejects.toThrow(RangeError);
  });
});

describe('formatLetterDate', () => {
  it('writes the day without a leading zero and the month as Latvians and English readers do', () => {
    expect(formatLetterDate('2026-01-05', 'lv')).toBe('2026. gada 5. janvārī');
    expect(formatLetterDate('2026-03-31', 'lv')).toBe('2026. gada 31. martā');
    expect(formatLetterDate('2026-01-05', 'en')).toBe('5 January 2026');
  });
});

describe('letterFonts', () => {
  it('reads the DejaVu TrueType files once per process', async () => {
    // Act
    const first = await letterFonts();
    const second = await letterFonts();

    // Assess
    expect(second).toBe(first);
    const trueTypeVersion = [0x00, 0x01, 0x00, 0x00];
    expect([...first.regular.subarray(0, 4)]).toEqual(trueTypeVersion);
    expect([...first.bold.subarray(0, 4)]).toEqual(trueTypeVersion);
    expect(Buffer.from(first.bold).equals(Buffer.from(first.regular))).toBe(false);
    expect(letterFontFiles).toMatchObject({ regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' });
  });
});
