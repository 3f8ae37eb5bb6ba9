/**
 * Saved answer templates staff start replies from, per unit and language. Versioned with the code
 * like the competence catalogue: wording that speaks for the Court Administration is reviewed.
 * Placeholders in `[brackets]` are for the staff member to fill in before sending.
 */
import { type CompetenceId, competences } from './competences.ts';
import type { Language } from './language.ts';

export interface AnswerTemplate {
  readonly id: string;
  /** The unit it is for; templates without one are offered to every unit. */
  readonly competence?: CompetenceId;
  readonly language: Language;
  readonly title: string;
  readonly text: string;
}

const shared: readonly AnswerTemplate[] = [
  {
    id: 'answer',
    language: 'lv',
    title: 'Atbilde',
    text: 'Labdien!\n\nPaldies par Jūsu jautājumu. [Atbilde]\n\nJa rodas vēl jautājumi, labprāt palīdzēsim.',
  },
  {
    id: 'answer',
    language: 'en',
    title: 'Answer',
    text: 'Hello,\n\nThank you for your question. [Answer]\n\nIf you have any further questions, we will be glad to help.',
  },
  {
    id: 'more-information',
    language: 'lv',
    title: 'Nepieciešama papildu informācija',
    text: 'Labdien!\n\nLai varētu atbildēt uz Jūsu jautājumu, lūdzam norādīt: [kas vajadzīgs].\n\nTiklīdz saņemsim šo informāciju, turpināsim izskatīt Jūsu pieprasījumu.',
  },
  {
    id: 'more-information',
    language: 'en',
    title: 'More information needed',
    text: 'Hello,\n\nTo answer your question we need the following: [what is needed].\n\nAs soon as we receive it, we will continue with your request.',
  },
  {
    id: 'other-institution',
    language: 'lv',
    title: 'Jautājums citas iestādes kompetencē',
    text: 'Labdien!\n\nJūsu jautājums ir [iestādes nosaukums] kompetencē. Lūdzam vērsties tur: [kontaktinformācija].',
  },
  {
    id: 'other-institution',
    language: 'en',
    title: "Another institution's competence",
    text: 'Hello,\n\nYour question is within the competence of [institution]. Please contact them: [contact details].',
  },
];

const specific: readonly AnswerTemplate[] = [
  {
    id: 'fee-payment-details',
    competence: 'court-fees',
    language: 'lv',
    title: 'Valsts nodevas samaksas rekvizīti',
    text: 'Labdien!\n\nValsts nodevu var samaksāt ar pārskaitījumu, norādot maksājuma mērķī lietas numuru: [lietas numurs]. Rekvizīti: [rekvizīti].',
  },
  {
    id: 'fee-payment-details',
    competence: 'court-fees',
    language: 'en',
    title: 'Court fee payment details',
    text: 'Hello,\n\nThe court fee can be paid by bank transfer, quoting the case number in the payment reference: [case number]. Payment details: [details].',
  },
  {
    id: 'identity-check',
    competence: 'data-protection',
    language: 'lv',
    title: 'Personas identitātes apstiprināšana',
    text: 'Labdien!\n\nLai izpildītu Jūsu pieprasījumu par personas datiem, mums jāpārliecinās par Jūsu identitāti. Lūdzam pieprasījumu parakstīt ar drošu elektronisko parakstu vai iesniegt to klātienē.',
  },
  {
    id: 'identity-check',
    competence: 'data-protection',
    language: 'en',
    title: 'Confirming your identity',
    text: 'Hello,\n\nTo act on your request about personal data, we need to confirm your identity. Please sign the request with a qualified electronic signature or submit it in person.',
  },
];

/** The templates for the given units: each unit's own and the shared ones, tagged with the unit. */
export function templatesFor(
  units: readonly CompetenceId[],
): (AnswerTemplate & { competence: CompetenceId })[] {
  return competences
    .filter((competence) => units.includes(competence.id))
    .flatMap((competence) =>
      [...specific.filter((template) => template.competence === competence.id), ...shared].map(
        (template) => ({ ...template, competence: competence.id }),
      ),
    );
}
