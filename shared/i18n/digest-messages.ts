/**
 * Texts of the deadline digest that supervisors receive, in Latvian and English. Latvian is the
 * first language; every key must exist in both. The digest names references, deadlines and flags
 * only: staff open the requests in the staff page, so no client data travels by e-mail.
 */
import { catalogue } from './catalogue.ts';

const lv = {
  'digest.subject': 'Termiņu pārskats: {unit}, {date}',
  'digest.greeting': 'Labdien!',
  'digest.intro':
    'Kopš iepriekšējā pārskata struktūrvienībā "{unit}" ir pieprasījumi, kuru atbildes termiņš ir nokavēts vai drīz beigsies.',
  'digest.overdue.heading': 'Atbildes termiņš ir nokavēts ({count}):',
  'digest.dueSoon.heading.today': 'Atbildes termiņš beidzas šodien ({count}):',
  'digest.dueSoon.heading.next': 'Atbildes termiņš beidzas šodien vai nākamajā darbdienā ({count}):',
  'digest.dueSoon.heading.within':
    'Atbildes termiņš beidzas šodien vai tuvāko {days} darbdienu laikā ({count}):',
  'digest.line': '{reference}: termiņš {deadline}',
  'digest.more': 'Pieprasījumi, kas neietilpa šajā pārskatā: {count}. Tie būs nākamajā pārskatā.',
  'digest.totals': 'Kopā struktūrvienībā šobrīd: nokavēts termiņš — {overdue}, termiņš tuvojas — {dueSoon}.',
  'digest.open':
    'Pieprasījumus atveriet darbinieku lapā pēc to numura. Klientu dati šajā vēstulē apzināti netiek iekļauti.',
  'digest.signature': 'courtdesk termiņu uzraudzība',
  'digest.automatic': 'Šī ir automātiska vēstule; uz to nav jāatbild.',
} as const;

export type DigestMessageKey = keyof typeof lv;

const en: Record<DigestMessageKey, string> = {
  'digest.subject': 'Deadline digest: {unit}, {date}',
  'digest.greeting': 'Hello,',
  'digest.intro':
    'Since the last digest, requests of the unit "{unit}" have passed their answer deadline or are about to.',
  'digest.overdue.heading': 'Answer deadline passed ({count}):',
  'digest.dueSoon.heading.today': 'Answer deadline today ({count}):',
  'digest.dueSoon.heading.next': 'Answer deadline today or on the next working day ({count}):',
  'digest.dueSoon.heading.within': 'Answer deadline today or within the next {days} working days ({count}):',
  'digest.line': '{reference}: deadline {deadline}',
  'digest.more': 'Requests that did not fit in this digest: {count}. They follow in the next one.',
  'digest.totals': 'The unit now has: deadline passed — {overdue}, deadline close — {dueSoon}.',
  'digest.open':
    'Open the requests in the staff page by their reference. Client data is left out of this message on purpose.',
  'digest.signature': 'courtdesk deadline monitoring',
  'digest.automatic': 'This is an automatic message; there is no need to reply.',
};

const messages = catalogue<DigestMessageKey>({ lv, en });

/** The digest text for `key` in `language`, with `{name}` placeholders filled from `values`. */
export const digestMessage = messages.text;
