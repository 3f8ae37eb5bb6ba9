/**
 * The topic catalogue: the one list that the web form, the phone menu and routing share.
 * Each topic names the competence (unit) that answers it; the routing rules send a request with
 * an explicit topic there (see `routing-rules.ts`), except `general`, which keywords may refine.
 *
 * The phone menu (§8 of the standard) reads this list: the caller presses a topic's digit, and 0
 * is kept for "other question / operator", so a caller who fits no topic always has a way on.
 */
import type { CompetenceId } from './competences.ts';

export type Language = 'lv' | 'en';
export const languages: readonly Language[] = ['lv', 'en'];

export interface LocalizedText {
  readonly lv: string;
  readonly en: string;
}

/** A key of the phone keypad that selects a topic. */
export type PhoneDigit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** The digit for "other question": it leads to the operator and to the triage unit. */
export const operatorPhoneDigit = 0 satisfies PhoneDigit;

export interface Topic {
  readonly id: string;
  readonly label: LocalizedText;
  /** Key pressed in the phone menu (§8); unique across topics (checked in the unit tests). */
  readonly phoneDigit: PhoneDigit;
  /** Competence that answers requests on this topic. */
  readonly competence: CompetenceId;
}

export const topics = [
  {
    id: 'court-fees',
    label: { lv: 'Tiesu izdevumi un maksājumi', en: 'Court fees and payments' },
    phoneDigit: 1,
    competence: 'court-fees',
  },
  {
    id: 'e-services',
    label: { lv: 'E-pakalpojumi un e-lietas portāls', en: 'E-services and the e-case portal' },
    phoneDigit: 2,
    competence: 'e-services',
  },
  {
    id: 'legal-aid',
    label: { lv: 'Valsts nodrošinātā juridiskā palīdzība', en: 'State-guaranteed legal aid' },
    phoneDigit: 3,
    competence: 'legal-aid',
  },
  {
    id: 'maintenance-fund',
    label: { lv: 'Uzturlīdzekļu garantiju fonds', en: 'Maintenance guarantee fund' },
    phoneDigit: 4,
    competence: 'maintenance-fund',
  },
  {
    id: 'insolvency',
    label: { lv: 'Maksātnespējas procesu uzraudzība', en: 'Insolvency supervision' },
    phoneDigit: 5,
    competence: 'insolvency',
  },
  {
    id: 'certificates-archive',
    label: { lv: 'Izziņas un arhīvs', en: 'Certificates and archive' },
    phoneDigit: 6,
    competence: 'certificates-archive',
  },
  {
    id: 'data-protection',
    label: { lv: 'Personas datu aizsardzība', en: 'Personal data protection' },
    phoneDigit: 7,
    competence: 'data-protection',
  },
  {
    id: 'general',
    label: { lv: 'Cits jautājums', en: 'Other question' },
    phoneDigit: 0,
    competence: 'general',
  },
] as const satisfies readonly Topic[];

export type TopicId = (typeof topics)[number]['id'];

export const topicIds = topics.map((topic) => topic.id) as [TopicId, ...TopicId[]];

/** The topic with this id, or undefined. */
export function findTopic(id: string): Topic | undefined {
  return topics.find((topic) => topic.id === id);
}

/** The topic a caller chose by pressing `digit` in the phone menu, or undefined for a key with none. */
export function findTopicByPhoneDigit(digit: number): Topic | undefined {
  return topics.find((topic) => topic.phoneDigit === digit);
}
