/**
 * The routing rules, in the order they are tried; the first that matches decides. Data, not
 * code: `routing.ts` checks and applies them. See `RoutingConditions` (`routing-conditions.ts`)
 * for what each condition means.
 *
 * Order, and why:
 * 1. A topic the client chose (web form, phone menu) or staff set (a letter): an explicit choice
 *    beats our guessing. `general` has no rule here, so keywords may still refine it.
 * 2. Mail sent to a unit's own address goes to that unit: the client, or the unit itself in an
 *    earlier letter, already chose it. The general address (`info@`) is refined by keywords.
 * 3. The sender's domain, for correspondents who always write about one matter.
 * 4. Keywords and phrases, most specific and most time-critical first: data protection (the
 *    GDPR allows the shortest extension), then the units with unmistakable vocabulary, then
 *    certificates and archive, whose words ("izziņa", "kopija") also occur in other matters.
 * 5. The fallback: general enquiries triage and refer on.
 *
 * Terms are written once, in their dictionary form with diacritics; case, diacritics and
 * inflection are folded when matching, so "VALSTS NODEVA", "valsts nodevu" and
 * "valsts nodevas" all match 'valsts nodeva'. Prefer distinctive words: a common word such as
 * "tiesa" would match nearly every request.
 */
import { competences, triageCompetence } from './competences.ts';
import type { RoutingRuleDefinition } from './routing-conditions.ts';
import { topics } from './topics.ts';

/** Each topic goes to the competence the topic catalogue names; `general` is left to the rules below. */
const topicRules: RoutingRuleDefinition[] = topics
  .filter((topic) => topic.competence !== triageCompetence.id)
  .map((topic) => ({ id: `topic-${topic.id}`, when: { topics: [topic.id] }, competence: topic.competence }));

/** Mail to a unit's reply address goes to that unit; the triage address is left to the rules below. */
const recipientRules: RoutingRuleDefinition[] = competences
  .filter((competence) => competence.id !== triageCompetence.id)
  .map((competence) => ({
    id: `recipient-${competence.id}`,
    when: { channels: ['email'], recipients: [competence.replyFrom] },
    competence: competence.id,
  }));

const senderRules: RoutingRuleDefinition[] = [
  {
    // ILLUSTRATIVE: stands for the mail domains of insolvency administrators' offices, who write
    // to the supervising unit about their proceedings. The real list comes from the register of
    // administrators; these `example.lv` domains only show the mechanism.
    id: 'sender-insolvency-administrators',
    when: { senderDomains: ['maksatnespeja.example.lv', 'administratori.example.lv'] },
    competence: 'insolvency',
  },
];

const keywordRules: RoutingRuleDefinition[] = [
  {
    // Phrases rather than "personas dati" alone: mail signatures and consent notices mention
    // personal data processing in requests about anything else.
    id: 'keywords-data-protection',
    when: {
      keywords: ['GDPR', 'VDAR', 'DVI'],
      phrases: [
        'datu aizsardzība',
        'datu subjekts',
        'Datu valsts inspekcija',
        'mani personas dati',
        'savi personas dati',
        'personas datu dzēšana',
        'data protection',
        'data subject',
        'my personal data',
        'subject access request',
      ],
    },
    competence: 'data-protection',
  },
  {
    id: 'keywords-insolvency',
    when: {
      keywords: ['maksātnespēja', 'maksātnespējīgs', 'bankrots', 'insolvency', 'bankruptcy'],
      phrases: ['tiesiskās aizsardzības process', 'saistību dzēšanas plāns', 'kreditora prasījums'],
    },
    competence: 'insolvency',
  },
  {
    id: 'keywords-maintenance-fund',
    when: {
      keywords: ['uzturlīdzekļi', 'alimenti', 'UGF', 'alimony'],
      phrases: ['garantiju fonds', 'maintenance fund', 'maintenance guarantee', 'child support'],
    },
    competence: 'maintenance-fund',
  },
  {
    id: 'keywords-legal-aid',
    when: {
      phrases: ['juridiskā palīdzība', 'valsts nodrošinātā', 'bezmaksas advokāts', 'legal aid'],
    },
    competence: 'legal-aid',
  },
  {
    id: 'keywords-court-fees',
    when: {
      keywords: ['nodeva', 'rekvizīti', 'pārmaksa', 'fee'],
      phrases: ['tiesas izdevumi', 'drošības nauda', 'court costs'],
    },
    competence: 'court-fees',
  },
  {
    id: 'keywords-e-services',
    when: {
      // 'portāls' also matches the English 'portal': both fold to the same stem.
      keywords: ['elieta', 'portāls', 'eparaksts', 'parole', 'password'],
      phrases: ['e-lieta', 'manas.tiesas.lv', 'e-pakalpojums', 'e-paraksts', 'e-adrese', 'e-case'],
    },
    competence: 'e-services',
  },
  {
    id: 'keywords-certificates-archive',
    when: {
      keywords: ['izziņa', 'arhīvs', 'izraksts', 'certificate', 'archive'],
      phrases: [
        'sprieduma kopija',
        'nolēmuma kopija',
        'lēmuma kopija',
        'lietas materiālu kopija',
        'copy of the judgment',
      ],
    },
    competence: 'certificates-archive',
  },
];

/** The shipped rule list, in order. `routing.ts` checks it when it loads. */
export const defaultRuleDefinitions: readonly RoutingRuleDefinition[] = [
  ...topicRules,
  ...recipientRules,
  ...senderRules,
  ...keywordRules,
  { id: 'fallback-triage', when: 'always', competence: triageCompetence.id },
];
