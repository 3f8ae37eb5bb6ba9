/**
 * The readable summary of a data-subject export (`kopsavilkums.pdf` / `summary.pdf`): A4, DejaVu
 * Sans as the letters use (the PDF standard fonts cannot print ā č ē ģ ī ķ ļ ņ š ū ž), one block
 * per ticket with its dates, channel, unit, status, subject and counts, then the assistant
 * questions. The complete data is in the ZIP's `subject.json`; the summary only makes it readable.
 *
 * Times print in Europe/Riga. The same content gives the same bytes (no clock, fixed font names).
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFPage, rgb } from 'pdf-lib';
import type { Language } from '../domain/language.ts';
import type { Channel, TicketStatus } from '../domain/ticket.ts';
import {
  channelKey,
  type ExportSummaryKey,
  exportSummaryTexts,
  statusKey,
} from '../i18n/data-subject-export-messages.ts';
import { letterFonts } from './letter-font.ts';
import { type FontTools, fontTools, oneLine } from './letter-pdf.ts';

export interface SummaryTicket {
  readonly reference: string;
  readonly receivedAt: string;
  readonly channel: Channel;
  readonly status: TicketStatus;
  /** The unit's name in the summary's language. */
  readonly unit: string;
  readonly subject?: string;
  /** Name, email, phone, postal address as the ticket holds them (none once erased). */
  readonly contact: readonly string[];
  readonly messages: number;
  readonly deliveries: number;
  readonly files: readonly string[];
  readonly satisfaction?: number;
  readonly erasedAt?: string;
}

export interface SummaryContent {
  readonly language: Language;
  readonly generatedAt: string;
  readonly tickets: readonly SummaryTicket[];
  readonly questions: readonly { readonly askedAt: string; readonly text: string }[];
}

const pageSize: [number, number] = [595.28, 841.89];
const mm = (millimetres: number) => (millimetres * 72) / 25.4;
const left = mm(20);
const right = pageSize[0] - mm(20);
const top = pageSize[1] - mm(20);
const bottom = mm(22);
const footerBaseline = mm(12);
const grey = rgb(0.35, 0.35, 0.35);
const labelWidth = mm(45);

interface Style {
  readonly font: FontTools;
  readonly size: number;
  readonly colour?: ReturnType<typeof rgb>;
}

/** Lays text out top to bottom, adding pages as it goes. */
class Flow {
  #page: PDFPage;
  #y = top;

  constructor(readonly doc: PDFDocument) {
    this.#page = doc.addPage(pageSize);
  }

  /** Wrapped text at `x`, `width` wide; moves down by `leading` per line. */
  text(value: string, style: Style, x = left, width = right - left): void {
    const leading = style.size * 1.35;
    for (const line of style.font.wrap(style.font.printable(oneLine(value)), style.size, width)) {
      this.#room(leading);
      if (line !== '')
        this.#page.drawText(line, {
          x,
          y: this.#y - style.size,
          size: style.size,
          font: style.font.font,
          color: style.colour ?? rgb(0, 0, 0),
        });
      this.#y -= leading;
    }
  }

  /** A label and its value on one row (the value wrapped beside the label). */
  row(label: string, value: string, labelStyle: Style, valueStyle: Style): void {
    this.#room(valueStyle.size * 1.35);
    const y = this.#y;
    this.text(label, labelStyle, left, labelWidth - mm(2));
    const below = this.#y;
    this.#y = y;
    this.text(value, valueStyle, left + labelWidth, right - left - labelWidth);
    this.#y = Math.min(this.#y, below);
  }

  gap(points: number): void {
    this.#y -= points;
  }

  #room(height: number): void {
    if (this.#y - height >= bottom) return;
    this.#page = this.doc.addPage(pageSize);
    this.#y = top;
  }
}

/** The summary as a PDF. */
export async function renderSubjectSummary(content: SummaryContent): Promise<Uint8Array> {
  const t = (key: ExportSummaryKey, values?: Record<string, string>) =>
    exportSummaryTexts.text(content.language, key, values);
  const time = (iso: string) => formatTime(iso, content.language);
  const fonts = await letterFonts();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const regular = fontTools(
    await doc.embedFont(fonts.regular, { subset: true, customName: 'CDSUMA+DejaVuSans' }),
  );
  const bold = fontTools(
    await doc.embedFont(fonts.bold, { subset: true, customName: 'CDSUMB+DejaVuSans-Bold' }),
  );
  doc.setTitle(t('title'));
  doc.setLanguage(content.language);
  doc.setProducer('courtdesk');
  doc.setCreator('courtdesk');
  doc.setCreationDate(new Date(content.generatedAt));
  doc.setModificationDate(new Date(content.generatedAt));

  const body: Style = { font: regular, size: 10 };
  const label: Style = { font: regular, size: 9, colour: grey };
  const heading: Style = { font: bold, size: 13 };
  const flow = new Flow(doc);
  flow.text(t('title'), { font: bold, size: 16 });
  flow.gap(4);
  flow.text(t('generatedAt', { date: time(content.generatedAt) }), label);
  flow.gap(6);
  flow.text(t('intro'), body);
  flow.gap(12);

  flow.text(t('tickets', { count: String(content.tickets.length) }), heading);
  flow.gap(4);
  if (content.tickets.length === 0) flow.text(t('noTickets'), body);
  for (const ticket of content.tickets) {
    flow.text(t('reference', { reference: ticket.reference }), { font: bold, size: 11 });
    flow.gap(2);
    const rows: [string, string][] = [
      [t('received'), time(ticket.receivedAt)],
      [t('channel'), t(channelKey(ticket.channel))],
      [t('unit'), ticket.unit],
      [t('status'), t(statusKey(ticket.status))],
      ...(ticket.subject ? [[t('subject'), ticket.subject] as [string, string]] : []),
      ...ticket.contact.map((line, index) => [index === 0 ? t('client') : '', line] as [string, string]),
      [t('messages'), String(ticket.messages)],
      [t('deliveries'), String(ticket.deliveries)],
      [t('files'), ticket.files.length > 0 ? ticket.files.join(', ') : t('none')],
      ...(ticket.satisfaction !== undefined
        ? [[t('survey'), t('surveyValue', { satisfaction: String(ticket.satisfaction) })] as [string, string]]
        : []),
    ];
    for (const [name, value] of rows) flow.row(name, value, label, body);
    if (ticket.erasedAt) flow.text(t('erased', { date: time(ticket.erasedAt) }), label);
    flow.gap(10);
  }

  if (content.questions.length > 0) {
    flow.text(t('questions', { count: String(content.questions.length) }), heading);
    flow.gap(4);
    for (const question of content.questions) flow.row(time(question.askedAt), question.text, label, body);
  }

  const pages = doc.getPages();
  pages.forEach((page, index) => {
    const text = t('page', { page: String(index + 1), pages: String(pages.length) });
    page.drawText(text, {
      x: right - regular.width(text, 8),
      y: footerBaseline,
      size: 8,
      font: regular.font,
      color: grey,
    });
  });
  return doc.save({ useObjectStreams: false });
}

/** An instant as `YYYY-MM-DD HH:mm` (lv `DD.MM.YYYY. HH:mm`) in Europe/Riga. */
export function formatTime(iso: string, language: Language): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Riga',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return language === 'lv'
    ? `${parts.day}.${parts.month}.${parts.year}. ${parts.hour}:${parts.minute}`
    : `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
