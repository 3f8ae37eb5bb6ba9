/**
 * The topic catalogue: the one list that the web form, the phone menu and routing share.
 * Each topic names the competence (unit) that answers it; routing by rules comes later.
 */

export type Language = 'lv' | 'en';
export const languages: readonly Language[] = ['lv', 'en'];

export interface LocalizedText {
  readonly lv: string;
  readonly en: string;
}

export interface Topic {
  readonly id: string;
  readonly label: LocalizedText;
  /** Key pressed in the phone menu (§8). */
  readonly phoneDigit: number;
  /** Competence that answers requests on this topic. */
  readonly competence: string;
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

export function findTopic(id: string): Topic | undefined {
  return topics.find((topic) => topic.id === id);
}
