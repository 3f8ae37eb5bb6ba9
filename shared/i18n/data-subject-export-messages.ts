/**
 * Texts of a data-subject export's PDF summary (`kopsavilkums.pdf` / `summary.pdf`), Latvian and
 * English: the data subject reads it, so every label, channel and status is spelled out.
 */
import type { Language } from '../domain/language.ts';
import type { Channel, TicketStatus } from '../domain/ticket.ts';
import { catalogue } from './catalogue.ts';

export const exportSummaryTexts = catalogue({
  lv: {
    title: 'Jūsu personas datu kopsavilkums',
    intro:
      'Šajā kopsavilkumā ir uzskaitīti pieprasījumi un ziņas, kas par Jums glabājas tiesu administrācijas klientu apkalpošanas sistēmā. Pilni dati mašīnlasāmā formā ir datnē subject.json, Jūsu iesniegtās un saņemtās datnes — mapē files/.',
    generatedAt: 'Sagatavots: {date}',
    tickets: 'Pieprasījumi ({count})',
    noTickets: 'Pieprasījumu nav.',
    reference: 'Pieprasījums {reference}',
    received: 'Saņemts',
    channel: 'Kanāls',
    unit: 'Struktūrvienība',
    status: 'Statuss',
    subject: 'Temats',
    client: 'Kontaktinformācija',
    messages: 'Ziņas sarakstē',
    deliveries: 'Jums nosūtītās vēstules',
    files: 'Datnes',
    survey: 'Aptaujas atbilde',
    surveyValue: 'vērtējums {satisfaction} no 5',
    erased: 'Personas dati pseidonimizēti {date}',
    questions: 'Jautājumi virtuālajam asistentam ({count})',
    none: 'nav',
    page: 'lapa {page} no {pages}',
    'channel.web': 'tīmekļa veidlapa',
    'channel.email': 'e-pasts',
    'channel.postal': 'pasts',
    'channel.phone': 'tālrunis',
    'status.new': 'jauns',
    'status.open': 'izskatīšanā',
    'status.waiting-on-client': 'gaida Jūsu atbildi',
    'status.answered': 'atbildēts',
    'status.closed': 'slēgts',
  },
  en: {
    title: 'Summary of your personal data',
    intro:
      "This summary lists the requests and messages about you that the Court Administration's client service system holds. The complete data in machine-readable form is in the file subject.json, the files you sent and received in the folder files/.",
    generatedAt: 'Prepared: {date}',
    tickets: 'Requests ({count})',
    noTickets: 'No requests.',
    reference: 'Request {reference}',
    received: 'Received',
    channel: 'Channel',
    unit: 'Unit',
    status: 'Status',
    subject: 'Subject',
    client: 'Contact details',
    messages: 'Messages in the thread',
    deliveries: 'Messages sent to you',
    files: 'Files',
    survey: 'Survey response',
    surveyValue: 'rating {satisfaction} of 5',
    erased: 'Personal data pseudonymised on {date}',
    questions: 'Questions to the virtual assistant ({count})',
    none: 'none',
    page: 'page {page} of {pages}',
    'channel.web': 'web form',
    'channel.email': 'email',
    'channel.postal': 'post',
    'channel.phone': 'phone',
    'status.new': 'new',
    'status.open': 'in progress',
    'status.waiting-on-client': 'waiting for your reply',
    'status.answered': 'answered',
    'status.closed': 'closed',
  },
});

export type ExportSummaryKey = Parameters<typeof exportSummaryTexts.text>[1];

/** The summary's file name in the ZIP, in the summary's language. */
export const summaryFileName: Readonly<Record<Language, string>> = {
  lv: 'kopsavilkums.pdf',
  en: 'summary.pdf',
};

export const channelKey = (channel: Channel): ExportSummaryKey => `channel.${channel}`;
export const statusKey = (status: TicketStatus): ExportSummaryKey => `status.${status}`;
