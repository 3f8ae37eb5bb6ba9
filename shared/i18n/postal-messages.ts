/**
 * Texts about post in Latvian and English: the subject a registered letter gets when the mailroom
 * gave none, and why a scan was refused (shown to the mailroom by the staff API).
 */

import type { Language } from '../domain/language.ts';
import type { ScanRefusalReason } from '../domain/postal-registration.ts';
import { catalogue } from './catalogue.ts';

const subjects = catalogue({
  lv: {
    letter: 'Pasta sūtījums, saņemts {date}',
    registeredLetter: 'Pasta sūtījums, saņemts {date} (ierakstīts sūtījums {number})',
    call: 'Tālruņa zvans {date}',
  },
  en: {
    letter: 'Letter received on {date}',
    registeredLetter: 'Letter received on {date} (registered mail {number})',
    call: 'Phone call on {date}',
  },
});

/** A day (`YYYY-MM-DD`) as a subject line writes it: lv "12.05.2026.", en "12/05/2026". */
function subjectDate(language: Language, day: string): string {
  const [year, month, date] = day.split('-');
  return language === 'lv' ? `${date}.${month}.${year}.` : `${date}/${month}/${year}`;
}

/** The subject of a letter registered without one: the day it arrived, and its registered-mail number. */
export function postalSubject(language: Language, receivedOn: string, registeredMailNumber?: string): string {
  const date = subjectDate(language, receivedOn);
  return registeredMailNumber
    ? subjects.text(language, 'registeredLetter', { date, number: registeredMailNumber })
    : subjects.text(language, 'letter', { date });
}

const refusals = catalogue<ScanRefusalReason>({
  lv: {
    empty: 'Augšupielādētais fails ir tukšs. Skenējiet vēstuli vēlreiz un augšupielādējiet to.',
    'too-large': 'Fails ir lielāks par atļauto ({limit}). Skenējiet ar mazāku izšķirtspēju vai pa daļām.',
    'unsupported-type': 'Šāda veida failu nevar reģistrēt. Atļauti tikai PDF, JPEG, PNG un TIFF skenējumi.',
    executable:
      'Fails nav skenējums, bet programma vai skripts ({detected}), lai gan tā nosaukums var liecināt citu. Tas ir izdzēsts; augšupielādējiet vēstules skenējumu.',
    'pdf-encrypted':
      'PDF ir aizsargāts ar paroli vai šifrēts, tāpēc to nevar glabāt arhīvā. Skenējiet vēstuli vēlreiz bez aizsardzības.',
    'pdf-corrupt': 'PDF ir bojāts vai nepilnīgs, un to nevar atvērt. Skenējiet vēstuli vēlreiz.',
    'image-corrupt': 'Attēla fails ir bojāts, un to nevar atvērt. Skenējiet vēstuli vēlreiz.',
    'too-many-pages': 'Skenējumā ir vairāk lappušu nekā atļauts ({pages}). Sadaliet to vairākos sūtījumos.',
    unregistered: 'Skenējums nav piesaistīts nevienam reģistrētam sūtījumam, tāpēc tas ir izdzēsts.',
  },
  en: {
    empty: 'The uploaded file is empty. Scan the letter again and upload it.',
    'too-large': 'The file is larger than allowed ({limit}). Scan at a lower resolution or in parts.',
    'unsupported-type':
      'This kind of file cannot be registered. Only PDF, JPEG, PNG and TIFF scans are accepted.',
    executable:
      'The file is not a scan but a program or script ({detected}), whatever its name says. It was deleted; upload the scan of the letter.',
    'pdf-encrypted':
      'The PDF is password-protected or encrypted, so it cannot be archived. Scan the letter again without protection.',
    'pdf-corrupt': 'The PDF is damaged or incomplete and cannot be opened. Scan the letter again.',
    'image-corrupt': 'The image file is damaged and cannot be opened. Scan the letter again.',
    'too-many-pages': 'The scan has more pages than allowed ({pages}). Split it into several registrations.',
    unregistered: 'The scan belongs to no registered letter, so it was deleted.',
  },
});

/** Why a scan was refused, in `language`, with the limits filled in. */
export function scanRefusalMessage(
  language: Language,
  reason: ScanRefusalReason,
  values: { readonly limit?: string; readonly pages?: string; readonly detected?: string } = {},
): string {
  // A limit given as undefined reads as empty, not as the placeholder.
  const given = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value ?? '']));
  return refusals.text(language, reason, given);
}

/** The subject of a logged call without one: the day it was taken. */
export function phoneSubject(language: Language, day: string): string {
  return subjects.text(language, 'call', { date: subjectDate(language, day) });
}
