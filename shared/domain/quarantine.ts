/**
 * Quarantined inbound mail: which unit's supervisors decide about a held mail.
 * Pure: no AWS, no I/O.
 */
import { type CompetenceId, triageCompetence } from './competences.ts';
import { defaultRules, type RoutingRules, route } from './routing.ts';

/**
 * The unit whose supervisors decide about a held mail: the one the routing rules give its
 * recipients (`routedTo`, our addresses as the units' addresses), or triage when no recipient
 * rule matched — the content is not read for this, since it may be what could not be read.
 */
export function quarantineCompetence(
  routedTo: readonly string[],
  rules: RoutingRules = defaultRules,
): CompetenceId {
  const decision = route(
    { channel: 'email', recipient: routedTo, subject: '', body: '', language: 'lv' },
    rules,
  );
  return decision.matched.some((match) => match.field === 'recipient')
    ? decision.competence
    : triageCompetence.id;
}
