/**
 * The topic catalogue: the one list that the web form, the phone menu and routing share.
 * Each topic names the competence (unit) that answers it; the routing rules send a request with
 * an explicit topic there (see `routing-rules.ts`), except `general`, which keywords may refine.
 *
 * The phone menu (§8 of the standard) reads this list: the caller presses a topic's digit, and 0
 * is kept for "other question / operator", so a caller who fits no topic always has a way on.
 */
import { type CompetenceId, competences, triageCompetence } from './competences.ts';
import type { LocalizedText } from './language.ts';

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

/** The phone menu's key of each unit's topic, in the order the menu reads them out. */
const phoneDigits: Readonly<Record<CompetenceId, PhoneDigit>> = {
  'court-fees': 1,
  'e-services': 2,
  'legal-aid': 3,
  'maintenance-fund': 4,
  insolvency: 5,
  'certificates-archive': 6,
  'data-protection': 7,
  general: operatorPhoneDigit,
};

/** The triage unit's topic is the client's "other question", not the unit's name. */
const otherQuestion: LocalizedText = { lv: 'Cits jautājums', en: 'Other question' };

/**
 * One topic per unit, in the catalogue's order, labelled with the unit's name: a client can reach
 * every unit without going through triage, and a new unit is a new topic.
 */
export const topics: readonly (Topic & { readonly id: CompetenceId })[] = competences.map((competence) => ({
  id: competence.id,
  label: competence.id === triageCompetence.id ? otherQuestion : competence.name,
  phoneDigit: phoneDigits[competence.id],
  competence: competence.id,
}));

export type TopicId = CompetenceId;

export const topicIds = topics.map((topic) => topic.id) as [TopicId, ...TopicId[]];

/** The topic with this id, or undefined. */
export function findTopic(id: string): Topic | undefined {
  return topics.find((topic) => topic.id === id);
}

/** The topic a caller chose by pressing `digit` in the phone menu, or undefined for a key with none. */
export function findTopicByPhoneDigit(digit: number): Topic | undefined {
  return topics.find((topic) => topic.phoneDigit === digit);
}
