/**
 * The language routing rules are written in: the conditions a rule may put on a request and the
 * competence it sends it to. `routing-rules.ts` writes the shipped list in it; `routing.ts` checks
 * and applies any list.
 */
import type { CompetenceId } from './competences.ts';
import type { IntakeMessage } from './intake-message.ts';
import type { Language } from './language.ts';
import type { TopicId } from './topics.ts';

export type Channel = IntakeMessage['channel'];
export const channels: readonly Channel[] = ['web', 'email', 'postal', 'phone'];

/**
 * Conditions of a rule. Every condition given must hold; within one condition any listed value
 * suffices. `keywords` and `phrases` together form one condition on the text (subject and body):
 * it holds when any keyword or any phrase is found. Text is compared folded and stemmed
 * (`latvian-text.ts`), so a term written once matches its inflected, upper-case and
 * diacritic-free forms.
 */
export interface RoutingConditions {
  readonly channels?: readonly Channel[];
  /**
   * Recipient addresses: `unit@domain` exactly, `*@domain` for any address at a domain, or
   * `unit@*` for a local part at any domain. Case is ignored, and so is a `+tag` in the local
   * part (`nodevas+TA-2026-000123@…` is `nodevas@…`), which reply threading may add.
   */
  readonly recipients?: readonly string[];
  readonly topics?: readonly TopicId[];
  /** Single words; any of them. */
  readonly keywords?: readonly string[];
  /** Several words that must appear together and in this order; any of the phrases. */
  readonly phrases?: readonly string[];
  /** Domains of the sender's address; a domain also covers its subdomains. */
  readonly senderDomains?: readonly string[];
  /** The language the client asked to be answered in. */
  readonly languages?: readonly Language[];
}

/** One rule as written in the rule list. */
export interface RoutingRuleDefinition {
  /** Stable, unique, kebab-case: it is stored on tickets and shown to staff. */
  readonly id: string;
  /** `'always'` only for the fallback, which must be the last rule. */
  readonly when: RoutingConditions | 'always';
  readonly competence: CompetenceId;
}
