/**
 * The competence catalogue: the units of the Court Administration that answer clients, each
 * with the address its replies come from, the staff groups that work and supervise it, its
 * first-response target and its answer-deadline rule.
 *
 * Versioned with the code: a new unit, a renamed group or a changed target is a reviewed change
 * here. The standard (§16) forbids answering outside one's competence, so every ticket belongs to
 * exactly one of these; `triageCompetence` takes what no rule recognises and refers it on.
 */
import { type AnswerDeadlineRules, answerDeadlineRules } from './calendar-config.ts';
import type { LocalizedText } from './language.ts';

/**
 * The mail domain replies are sent from. A constant until the deployment configures it; the
 * `example.lv` name keeps tests and the sandbox from ever writing to a real mailbox.
 */
export const replyDomain = 'courtdesk.example.lv';

/**
 * How long a unit has to answer, in calendar months from the day of receipt (moved to the next
 * working day by the deadline code), and how far staff may extend it.
 */
export interface AnswerDeadlineRule {
  readonly kind: 'calendar-months';
  readonly months: number;
  /** The legal maximum of an extended answer period, in calendar months from receipt. */
  readonly maximumMonths: number;
  /** The provision that sets the period, for staff and for the extension notice to the client. */
  readonly basis: LocalizedText;
}

export interface Competence {
  readonly id: string;
  readonly name: LocalizedText;
  /** The address replies and notices of this unit are sent from; mail sent to it is routed here. */
  readonly replyFrom: string;
  /** The staff group (a Cognito group) whose members work this unit's tickets. */
  readonly staffGroup: string;
  /** The group that receives the deadline digest and may reassign or jump the queue. */
  readonly supervisorsGroup: string;
  /** Target for the first response, in Latvian working days after receipt. */
  readonly firstResponseWorkingDays: number;
  readonly answerDeadline: AnswerDeadlineRule;
  /** What the unit handles, so that staff re-routing a ticket can tell the units apart. */
  readonly description: LocalizedText;
}

/** Iesniegumu likums §5: one month, extensible to at most four months from receipt. */
const submissionsLawDeadline: AnswerDeadlineRule = {
  kind: 'calendar-months',
  months: answerDeadlineRules.answerMonths,
  maximumMonths: answerDeadlineRules.maximumAnswerMonths,
  basis: {
    lv: 'Iesniegumu likuma 5. pants',
    en: 'Submissions Law, Section 5',
  },
};

/**
 * GDPR art. 12(3): a data subject's request is answered within one month too, but may be
 * extended only by two further months (three in all), not to four as under the Submissions Law.
 * The stricter maximum is applied to the whole unit, so no extension can breach it.
 */
const dataSubjectRequestDeadline: AnswerDeadlineRule = {
  kind: 'calendar-months',
  months: 1,
  maximumMonths: 3,
  basis: {
    lv: 'Vispārīgās datu aizsardzības regulas 12. panta 3. punkts',
    en: 'General Data Protection Regulation, Article 12(3)',
  },
};

/**
 * A unit as the catalogue writes it: its reply address is `<mailbox>@` the reply domain, and its
 * staff groups are named after its id (`competence-<id>`, `competence-<id>-supervisors`), so that
 * a unit's id, address and groups cannot drift apart.
 */
interface UnitDefinition<Id extends string> {
  readonly id: Id;
  readonly name: LocalizedText;
  readonly mailbox: string;
  readonly firstResponseWorkingDays: number;
  readonly answerDeadline: AnswerDeadlineRule;
  readonly description: LocalizedText;
}

function unit<const Id extends string>(definition: UnitDefinition<Id>): Competence & { readonly id: Id } {
  const { id, name, mailbox, firstResponseWorkingDays, answerDeadline, description } = definition;
  return {
    id,
    name,
    replyFrom: `${mailbox}@${replyDomain}`,
    staffGroup: `competence-${id}`,
    supervisorsGroup: `competence-${id}-supervisors`,
    firstResponseWorkingDays,
    answerDeadline,
    description,
  };
}

/**
 * The fallback unit: general enquiries. It receives what no routing rule recognises, answers
 * what it can and refers the rest to the competent unit (§16).
 */
const generalEnquiries = unit({
  id: 'general',
  name: { lv: 'Vispārīgi jautājumi', en: 'General enquiries' },
  mailbox: 'info',
  // Triage answers or refers on fast: the answer period runs from receipt, not from referral.
  firstResponseWorkingDays: 1,
  answerDeadline: submissionsLawDeadline,
  description: {
    lv: 'Vispārīgi jautājumi un pieprasījumi, ko neviens noteikums nepiešķir citai struktūrvienībai: atbild vai pārsūta kompetentajai.',
    en: 'General questions and requests no rule assigns to another unit: answered here or referred to the competent unit.',
  },
});

/**
 * First-response targets are the administration's service targets, not law. Triage and the
 * e-case portal answer fastest: a misrouted request still has to reach its unit in time, and a
 * client locked out of the portal may have a procedural term running.
 */
export const competences = [
  unit({
    id: 'court-fees',
    name: { lv: 'Tiesu izdevumi un maksājumi', en: 'Court fees and payments' },
    mailbox: 'nodevas',
    firstResponseWorkingDays: 2,
    answerDeadline: submissionsLawDeadline,
    description: {
      lv: 'Valsts nodeva, kancelejas nodeva, drošības nauda un citi tiesu izdevumi: apmērs, maksājuma rekvizīti, pārmaksas atmaksa.',
      en: 'State fees, office fees, security deposits and other court costs: amounts, payment details, refunds of overpayments.',
    },
  }),
  unit({
    id: 'e-services',
    name: { lv: 'E-pakalpojumi un e-lietas portāls', en: 'E-services and the e-case portal' },
    mailbox: 'e-pakalpojumi',
    firstResponseWorkingDays: 1,
    answerDeadline: submissionsLawDeadline,
    description: {
      lv: 'E-lietas portāls manas.tiesas.lv, piekļuve lietas materiāliem, e-adrese un elektroniskā dokumentu iesniegšana tiesā.',
      en: 'The e-case portal manas.tiesas.lv, access to case files, the e-address and filing documents with a court electronically.',
    },
  }),
  unit({
    id: 'legal-aid',
    name: { lv: 'Valsts nodrošinātā juridiskā palīdzība', en: 'State-guaranteed legal aid' },
    mailbox: 'juridiska-palidziba',
    firstResponseWorkingDays: 2,
    answerDeadline: submissionsLawDeadline,
    description: {
      lv: 'Valsts nodrošinātās juridiskās palīdzības pieprasīšana, piešķiršana, apmaksa un atlīdzība juridiskās palīdzības sniedzējiem.',
      en: 'Applying for and granting state-guaranteed legal aid, and payment of legal aid providers.',
    },
  }),
  unit({
    id: 'maintenance-fund',
    name: { lv: 'Uzturlīdzekļu garantiju fonds', en: 'Maintenance guarantee fund' },
    mailbox: 'uzturlidzekli',
    firstResponseWorkingDays: 2,
    answerDeadline: submissionsLawDeadline,
    description: {
      lv: 'Uzturlīdzekļu izmaksa no Uzturlīdzekļu garantiju fonda bērniem un izmaksāto uzturlīdzekļu piedziņa no parādniekiem.',
      en: 'Maintenance paid to children from the Maintenance Guarantee Fund, and its recovery from debtors.',
    },
  }),
  unit({
    id: 'insolvency',
    name: { lv: 'Maksātnespējas procesu uzraudzība', en: 'Insolvency supervision' },
    mailbox: 'maksatnespeja',
    firstResponseWorkingDays: 2,
    answerDeadline: submissionsLawDeadline,
    description: {
      lv: 'Maksātnespējas administratoru darbības uzraudzība, sūdzības par administratoriem, maksātnespējas un tiesiskās aizsardzības procesi.',
      en: 'Supervision of insolvency administrators, complaints about them, insolvency and legal protection proceedings.',
    },
  }),
  unit({
    id: 'certificates-archive',
    name: { lv: 'Izziņas un arhīvs', en: 'Certificates and archive' },
    mailbox: 'izzinas',
    // Archive look-ups take longer before anything useful can be said.
    firstResponseWorkingDays: 3,
    answerDeadline: submissionsLawDeadline,
    description: {
      lv: 'Izziņas, tiesu nolēmumu un lietu materiālu kopijas no arhīva, arhīva uzziņas.',
      en: 'Certificates, copies of court decisions and case files from the archive, archive enquiries.',
    },
  }),
  unit({
    id: 'data-protection',
    name: { lv: 'Personas datu aizsardzība', en: 'Personal data protection' },
    mailbox: 'datu-aizsardziba',
    firstResponseWorkingDays: 2,
    answerDeadline: dataSubjectRequestDeadline,
    description: {
      lv: 'Datu subjektu pieprasījumi (piekļuve, labošana, dzēšana), personas datu apstrāde tiesās un saziņa ar Datu valsts inspekciju.',
      en: 'Data subject requests (access, rectification, erasure), processing of personal data by the courts, contact with the Data State Inspectorate.',
    },
  }),
  generalEnquiries,
] as const;

export type CompetenceId = (typeof competences)[number]['id'];

/** Whether `id` names a unit of the catalogue. */
export function isCompetenceId(id: string): id is CompetenceId {
  return competences.some((competence) => competence.id === id);
}

/** The unit with this id, or undefined. */
export function findCompetence(id: string): (Competence & { readonly id: CompetenceId }) | undefined {
  return competences.find((competence) => competence.id === id);
}

/** The unit whose reply address is `address` (case-insensitive), or undefined. */
export function findCompetenceByAddress(
  address: string,
): (Competence & { readonly id: CompetenceId }) | undefined {
  const wanted = address.trim().toLowerCase();
  return competences.find((competence) => competence.replyFrom === wanted);
}

/** The fallback unit that routing sends to when no other rule matches. */
export const triageCompetence: Competence & { readonly id: CompetenceId } = generalEnquiries;

/**
 * A unit's answer-deadline rule in the shape the deadline functions take
 * (`answerDeadline(receivedAt, calendar, rules)` in `deadlines.ts`).
 */
export function answerDeadlineRulesOf(competence: Competence): AnswerDeadlineRules {
  return {
    answerMonths: competence.answerDeadline.months,
    maximumAnswerMonths: competence.answerDeadline.maximumMonths,
  };
}
