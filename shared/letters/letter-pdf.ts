/**
 * The printable letter: what the mailroom prints and posts when a client wrote by post and gave no
 * e-mail address. One A4 PDF per message, laid out for a DL window envelope (DIN 5008 form B, the
 * window position Latvijas Pasts uses too), with the letterhead, the address block in the window,
 * date and reference, the subject, and the text over as many pages as it needs.
 *
 * The same content always gives the same bytes: the dates come from the letter, not the clock, so
 * a letter can be rendered again (reprint, audit) and compared with what was posted.
 */

import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { englishMonths } from '../domain/human-date.ts';
import type { Language } from '../domain/language.ts';
import { addressBlock, isLatvian, type PostalAddress } from '../domain/postal-address.ts';
import { letterFonts } from './letter-font.ts';
import { drawQr, qrModules } from './letter-qr.ts';
import { courtAdministrationLetterhead, type Letterhead } from './letterhead.ts';

export interface LetterContent {
  /** Language of the letter's fixed parts: labels, date, the institution's name. */
  readonly language: Language;
  /** The request's reference, e.g. `TA-2026-000123`. */
  readonly reference: string;
  /** The letter's date, `YYYY-MM-DD` (Europe/Riga). */
  readonly date: string;
  readonly recipient: { readonly name: string; readonly postalAddress: PostalAddress };
  readonly subject: string;
  /** Plain text; paragraphs are separated by blank lines, single line breaks are kept. */
  readonly text: string;
  /** The registered-mail number, when known at render time; printed above the address. */
  readonly registeredMailNumber?: string;
  /** The survey invitation (§26): its text, then the link and its QR code, after the body. */
  readonly survey?: { readonly text: string; readonly url: string };
}

/** The letter's fixed texts; the institution's own texts come from the {@link Letterhead}. */
const labels = {
  lv: {
    date: 'Datums',
    reference: 'Mūsu atsauce',
    registeredMail: 'Ierakstīts sūtījums',
    phone: 'tālr.',
    email: 'e-pasts',
    page: (page: number, pages: number) => `lapa ${page} no ${pages}`,
  },
  en: {
    date: 'Date',
    reference: 'Our reference',
    registeredMail: 'Registered mail',
    phone: 'phone',
    email: 'email',
    page: (page: number, pages: number) => `page ${page} of ${pages}`,
  },
} as const satisfies Record<Language, unknown>;

const monthNames: Record<Language, readonly string[]> = {
  // Latvian dates put the month in the locative: "2026. gada 28. novembrī".
  lv: [
    'janvārī',
    'februārī',
    'martā',
    'aprīlī',
    'maijā',
    'jūnijā',
    'jūlijā',
    'augustā',
    'septembrī',
    'oktobrī',
    'novembrī',
    'decembrī',
  ],
  en: englishMonths,
};

interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function parseLetterDate(date: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (!match || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`The letter date must be a date as YYYY-MM-DD, not "${date}"`);
  }
  return { year, month, day };
}

/**
 * A date as a letter prints it: `2026. gada 28. novembrī` in Latvian, `28 November 2026` in
 * English.
 */
export function formatLetterDate(date: string, language: Language): string {
  const { year, month, day } = parseLetterDate(date);
  const monthName = monthNames[language][month - 1];
  return language === 'lv' ? `${year}. gada ${day}. ${monthName}` : `${day} ${monthName} ${year}`;
}

// Geometry. PDF points from the page's bottom left; the layout is measured in mm from the top left.
const pageSize: [number, number] = [595.28, 841.89];
const mm = (millimetres: number) => (millimetres * 72) / 25.4;
const fromTop = (millimetres: number) => pageSize[1] - mm(millimetres);

const marginLeft = mm(25);
const marginRight = pageSize[0] - mm(20);
const contentWidth = marginRight - marginLeft;
/** DL window (DIN 5008 form B): 20 mm from the left, 45 mm from the top, 90 × 45 mm. */
const envelopeWindow = { left: mm(20), top: 45, width: mm(90), bottom: 90 };
const windowTextWidth = envelopeWindow.left + envelopeWindow.width - mm(5) - marginLeft;
/** Date and reference: the information block right of the window. */
const infoLeft = mm(125);
const infoWidth = marginRight - infoLeft;

const fontSize = {
  name: 14,
  contact: 8,
  returnAddress: 7,
  smallestReturnAddress: 5.5,
  registeredMail: 8,
  label: 7.5,
  address: 10,
  subject: 11,
  body: 11,
};
const bodyLeading = 15;
const paragraphGap = 8;
const bodyTop = fromTop(20);
const bodyBottom = mm(25);
const footerBaseline = mm(12);
const grey = rgb(0.35, 0.35, 0.35);

/** What the drawing steps share: the document, its two fonts and the letter's labels. */
interface Letter {
  readonly doc: PDFDocument;
  readonly regular: FontTools;
  readonly bold: FontTools;
  readonly labels: (typeof labels)[Language];
}

interface TextStyle {
  readonly font: FontTools;
  readonly size: number;
  readonly colour?: ReturnType<typeof rgb>;
}

/** Draws `line` on one baseline (the caller wraps it); empty lines draw nothing. */
function draw(page: PDFPage, line: string, x: number, y: number, style: TextStyle): void {
  if (line === '') return;
  page.drawText(line, { x, y, size: style.size, font: style.font.font, color: style.colour ?? rgb(0, 0, 0) });
}

/** Draws `text` wrapped to `width` from baseline `y` down; returns the next baseline. */
function drawWrapped(
  page: PDFPage,
  text: string,
  x: number,
  y: number,
  width: number,
  style: TextStyle & { readonly leading: number },
): number {
  let baseline = y;
  for (const line of style.font.wrap(text, style.size, width)) {
    draw(page, line, x, baseline, style);
    baseline -= style.leading;
  }
  return baseline;
}

/**
 * The letter as a PDF: A4, DejaVu Sans (subset) so Latvian letters print, the address block in the
 * envelope window, the reference and "page N of M" in every page's footer.
 *
 * @example
 * const pdf = await renderLetter({ language: 'lv', reference: 'TA-2026-000123', date: '2026-11-28',
 *   recipient: { name: 'Jānis Bērziņš', postalAddress }, subject: 'Par ...', text: 'Labdien! ...' });
 */
export async function renderLetter(
  content: LetterContent,
  letterhead: Letterhead = courtAdministrationLetterhead,
): Promise<Uint8Array> {
  const date = parseLetterDate(content.date);
  const fontBytes = await letterFonts();
  // No automatic metadata: pdf-lib would stamp the current time and its own producer.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  // Explicit subset names (a tag and "+", as the PDF standard asks), so nothing in the file is random.
  const regular = await doc.embedFont(fontBytes.regular, { subset: true, customName: 'CDLTRA+DejaVuSans' });
  const bold = await doc.embedFont(fontBytes.bold, { subset: true, customName: 'CDLTRB+DejaVuSans-Bold' });
  const letter: Letter = {
    doc,
    regular: fontTools(regular),
    bold: fontTools(bold),
    labels: labels[content.language],
  };

  const reference = letter.regular.printable(oneLine(content.reference));
  const subject = letter.bold.printable(oneLine(content.subject));
  const institution = letter.regular.printable(oneLine(letterhead.name[content.language]));
  setMetadata(doc, {
    title: subject,
    author: institution,
    language: content.language,
    reference,
    // Noon UTC is the same calendar day in every time zone a reader may show it in.
    created: new Date(Date.UTC(date.year, date.month - 1, date.day, 12)),
  });

  const first = doc.addPage(pageSize);
  drawLetterhead(letter, first, institution, letterhead);
  drawFoldMarks(first);
  const addressEnd = drawWindow(letter, first, content, institution, letterhead);
  const infoEnd = drawInfoBlock(letter, first, [
    [letter.labels.date, formatLetterDate(content.date, content.language)],
    [letter.labels.reference, reference],
  ]);
  const textTop = Math.min(fromTop(envelopeWindow.bottom + 10), addressEnd, infoEnd) - bodyLeading;
  const end = flowText(letter, first, textTop, subject, bodyText(content.text));
  if (content.survey) drawSurvey(letter, end, content.survey);
  drawFooters(letter, reference);

  return doc.save({ useObjectStreams: false });
}

/** The institution's name, its address and contact lines, and a rule under them. */
function drawLetterhead(letter: Letter, page: PDFPage, institution: string, letterhead: Letterhead): void {
  const nameStyle = { font: letter.bold, size: fontSize.name, leading: fontSize.name * 1.25 };
  let y = drawWrapped(page, institution, marginLeft, fromTop(18), contentWidth, nameStyle) - 1;
  const contactStyle = {
    font: letter.regular,
    size: fontSize.contact,
    leading: fontSize.contact * 1.35,
    colour: grey,
  };
  const contactLines = [
    letterhead.addressLines.join(', '),
    [
      `${letter.labels.phone} ${letterhead.phone}`,
      `${letter.labels.email} ${letterhead.email}`,
      letterhead.web,
    ].join(' · '),
  ];
  for (const contact of contactLines) {
    y = drawWrapped(
      page,
      letter.regular.printable(oneLine(contact)),
      marginLeft,
      y,
      contentWidth,
      contactStyle,
    );
  }
  const ruleY = y + contactStyle.leading - mm(3);
  page.drawLine({
    start: { x: marginLeft, y: ruleY },
    end: { x: marginRight, y: ruleY },
    thickness: 0.75,
    color: grey,
  });
}

/** Where the mailroom folds the page for a DL envelope (form B: 105 and 210 mm). */
function drawFoldMarks(page: PDFPage): void {
  for (const fold of [105, 210]) {
    const y = fromTop(fold);
    page.drawLine({ start: { x: mm(5), y }, end: { x: mm(10), y }, thickness: 0.5, color: grey });
  }
}

/**
 * What the envelope window shows: the return address small on top, the registered-mail number,
 * then the address block. Returns the baseline below the address.
 */
function drawWindow(
  letter: Letter,
  page: PDFPage,
  content: LetterContent,
  institution: string,
  letterhead: Letterhead,
): number {
  const { regular, bold } = letter;
  const abroad = !isLatvian(content.recipient.postalAddress);
  const returnAddress = regular.printable(
    oneLine(
      [
        institution,
        ...letterhead.addressLines,
        // Mail from abroad finds its way back only with the country on it.
        ...(abroad ? [letterhead.country.toLocaleUpperCase('lv')] : []),
      ].join(', '),
    ),
  );
  // Shrunk to one line while it stays legible; wrapped beyond that.
  const returnSize = Math.max(
    fontSize.smallestReturnAddress,
    Math.min(fontSize.returnAddress, windowTextWidth / regular.width(returnAddress, 1)),
  );
  let y = drawWrapped(page, returnAddress, marginLeft, fromTop(envelopeWindow.top + 4), windowTextWidth, {
    font: regular,
    size: returnSize,
    leading: returnSize * 1.2,
    colour: grey,
  });

  const registered = oneLine(content.registeredMailNumber ?? '');
  if (registered !== '') {
    y = drawWrapped(
      page,
      bold.printable(`${letter.labels.registeredMail} ${registered}`),
      marginLeft,
      Math.min(y - 2, fromTop(envelopeWindow.top + 9)),
      windowTextWidth,
      { font: bold, size: fontSize.registeredMail, leading: fontSize.registeredMail * 1.2 },
    );
  }

  y = Math.min(y - 4, fromTop(envelopeWindow.top + 15));
  const addressStyle = { font: regular, size: fontSize.address, leading: fontSize.address * 1.25 };
  for (const line of addressBlock(content.recipient.name, content.recipient.postalAddress)) {
    const printable = regular.printable(oneLine(line));
    if (printable !== '') y = drawWrapped(page, printable, marginLeft, y, windowTextWidth, addressStyle);
  }
  return y;
}

/** Labelled values right of the window (date, reference); returns the baseline below them. */
function drawInfoBlock(
  letter: Letter,
  page: PDFPage,
  entries: readonly (readonly [string, string])[],
): number {
  const leading = fontSize.address * 1.3;
  let y = fromTop(envelopeWindow.top + 5);
  for (const [label, value] of entries) {
    draw(page, label, infoLeft, y, { font: letter.regular, size: fontSize.label, colour: grey });
    y = drawWrapped(page, value, infoLeft, y - leading, infoWidth, {
      font: letter.regular,
      size: fontSize.address,
      leading,
    });
    y -= fontSize.address * 0.6;
  }
  return y;
}

/** The subject in bold, then the body, onto as many pages as it takes. */
function flowText(
  letter: Letter,
  first: PDFPage,
  top: number,
  subject: string,
  body: readonly string[],
): { page: PDFPage; y: number } {
  let page = first;
  let y = top;
  // A paragraph gap only moves the baseline; a new page starts at its top, so no gap lands there.
  const writeLine = (line: string, style: TextStyle) => {
    if (y < bodyBottom) {
      page = letter.doc.addPage(pageSize);
      y = bodyTop;
    }
    draw(page, line, marginLeft, y, style);
    y -= bodyLeading;
  };

  for (const line of letter.bold.wrap(subject, fontSize.subject, contentWidth)) {
    writeLine(line, { font: letter.bold, size: fontSize.subject });
  }
  y -= paragraphGap;
  for (const item of letter.regular.layoutText(body, fontSize.body, contentWidth)) {
    if (item === paragraphBreak) y -= paragraphGap;
    else writeLine(item, { font: letter.regular, size: fontSize.body });
  }
  return { page, y };
}

/** The QR code's side with its quiet zone: about 28 mm of code, which scans from a hand's length. */
const qrSize = mm(34);

/**
 * The survey invitation under the text: a line of text, the link, and its QR code left-aligned
 * below, on a new page when the rest of this one is too short for it.
 */
function drawSurvey(
  letter: Letter,
  end: { page: PDFPage; y: number },
  survey: { text: string; url: string },
): void {
  const textStyle = { font: letter.regular, size: fontSize.body, leading: bodyLeading };
  const linkStyle = { font: letter.regular, size: fontSize.contact, leading: fontSize.contact * 1.3 };
  const text = letter.regular.wrap(
    letter.regular.printable(oneLine(survey.text)),
    fontSize.body,
    contentWidth,
  );
  const link = letter.regular.wrap(oneLine(survey.url), fontSize.contact, contentWidth);
  const height = paragraphGap + text.length * bodyLeading + link.length * linkStyle.leading + mm(6) + qrSize;
  let { page, y } = end;
  if (y - height < bodyBottom) {
    page = letter.doc.addPage(pageSize);
    y = bodyTop;
  } else y -= paragraphGap;
  for (const line of text) {
    draw(page, line, marginLeft, y, textStyle);
    y -= bodyLeading;
  }
  for (const line of link) {
    draw(page, line, marginLeft, y, linkStyle);
    y -= linkStyle.leading;
  }
  const bottom = y - mm(1) - qrSize;
  drawQr(
    { drawRectangle: (box) => page.drawRectangle({ ...box, color: rgb(0, 0, 0) }) },
    qrModules(survey.url),
    marginLeft - mm(3),
    bottom,
    qrSize,
  );
}

/** Each page's footer: the reference, and "page N of M" now that M is known. */
function drawFooters(letter: Letter, reference: string): void {
  const pages = letter.doc.getPages();
  const style = { font: letter.regular, size: fontSize.contact, colour: grey };
  pages.forEach((page, index) => {
    const ruleY = footerBaseline + fontSize.contact + 3;
    page.drawLine({
      start: { x: marginLeft, y: ruleY },
      end: { x: marginRight, y: ruleY },
      thickness: 0.5,
      color: grey,
    });
    draw(page, reference, marginLeft, footerBaseline, style);
    const pageLabel = letter.labels.page(index + 1, pages.length);
    draw(
      page,
      pageLabel,
      marginRight - letter.regular.width(pageLabel, fontSize.contact),
      footerBaseline,
      style,
    );
  });
}

function setMetadata(
  doc: PDFDocument,
  metadata: { title: string; author: string; language: Language; reference: string; created: Date },
): void {
  doc.setTitle(metadata.title);
  doc.setAuthor(metadata.author);
  doc.setSubject(metadata.reference);
  doc.setKeywords([metadata.reference]);
  doc.setLanguage(metadata.language);
  doc.setProducer('courtdesk');
  doc.setCreator('courtdesk');
  doc.setCreationDate(metadata.created);
  doc.setModificationDate(metadata.created);
}

/** Marks a blank line (a paragraph break) in laid-out text. */
const paragraphBreak = Symbol('paragraph break');

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is its purpose
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;
/** Invisible format characters: bidi overrides and marks, soft hyphen, byte order mark. */
const formatCharacters = /[\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Spaces a line may break at, apart from the plain space; no-break spaces stay unbroken. */
const otherSpaces = /[\u2000-\u200a\u205f\u3000]/g;
const lineBreaks = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/;

/** A field printed on one line: breaks and tabs become spaces, other controls go. */
export function oneLine(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\r\n|[\t\r\n\v\f\u0085\u2028\u2029]/g, ' ')
    .replace(controlCharacters, '')
    .replace(formatCharacters, '')
    .replace(otherSpaces, ' ')
    .trim();
}

/** The body's lines, with tabs as spaces and without control characters. */
function bodyText(value: string): string[] {
  return value
    .normalize('NFC')
    .split(lineBreaks)
    .map((line) =>
      line
        .replace(/\t/g, '    ')
        .replace(controlCharacters, '')
        .replace(formatCharacters, '')
        .replace(otherSpaces, ' ')
        .trimEnd(),
    );
}

export type FontTools = ReturnType<typeof fontTools>;

/** Measuring, wrapping and glyph checks for one embedded font. */
export function fontTools(font: PDFFont) {
  const supported = new Set(font.getCharacterSet());
  const replacement = supported.has(0xfffd) ? '\ufffd' : '?';
  // Advance widths per character at 1000 pt: measuring whole strings would run the text shaper on
  // every candidate line, which is slow for long letters. pdf-lib draws without kerning, so the
  // sum of advances is what it prints.
  const advances = new Map<string, number>();
  const advance = (character: string) => {
    let value = advances.get(character);
    if (value === undefined) {
      value = font.widthOfTextAtSize(character, 1000);
      advances.set(character, value);
    }
    return value;
  };
  const width = (value: string, fontSize: number) => {
    let total = 0;
    for (const character of value) total += advance(character);
    return (total * fontSize) / 1000;
  };

  /** The text with characters the font has no glyph for replaced, so none prints as a blank box. */
  const printable = (value: string) =>
    Array.from(value, (character) =>
      supported.has(character.codePointAt(0) ?? 0) ? character : replacement,
    ).join('');

  /** One line broken at spaces to fit `maxWidth`; a word longer than a line is split. */
  const wrap = (line: string, fontSize: number, maxWidth: number): string[] => {
    const lines: string[] = [];
    let current = '';
    for (const token of line.match(/ +|[^ ]+/g) ?? []) {
      if (token.startsWith(' ') || width(current + token, fontSize) <= maxWidth) {
        current += token;
        continue;
      }
      if (current.trim() !== '') lines.push(current.trimEnd());
      current = '';
      if (width(token, fontSize) <= maxWidth) {
        current = token;
        continue;
      }
      for (const character of token) {
        if (current !== '' && width(current + character, fontSize) > maxWidth) {
          lines.push(current);
          current = '';
        }
        current += character;
      }
    }
    if (current.trim() !== '' || lines.length === 0) lines.push(current.trimEnd());
    return lines;
  };

  /** Body lines wrapped, runs of blank lines as one paragraph break, none at the start or end. */
  const layoutText = (lines: readonly string[], fontSize: number, maxWidth: number) => {
    const items: (string | typeof paragraphBreak)[] = [];
    let pendingBreak = false;
    for (const line of lines) {
      if (line.trim() === '') {
        pendingBreak = items.length > 0;
        continue;
      }
      if (pendingBreak) items.push(paragraphBreak);
      pendingBreak = false;
      items.push(...wrap(printable(line), fontSize, maxWidth));
    }
    return items;
  };

  return { font, width, printable, wrap, layoutText };
}
