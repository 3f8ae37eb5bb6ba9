/**
 * What send-email needs to invite a client to the survey (§26) at most once per ticket and once
 * per address in 30 days. Adapters: `../adapters/dynamodb/survey-invitations.ts` and, for unit
 * tests, `../adapters/memory/survey-invitations.ts`.
 */
import type { DeliveryProblem } from '../domain/delivery-problem.ts';

/** The ticket's `SURVEY#INVITATION` item. */
export interface SurveyInvitationItem {
  readonly reference: string;
  readonly competence: string;
  readonly channel: string;
  readonly invitedAt: string;
  readonly via: 'email' | 'footer' | 'letter';
  /** The outbound message that carries it (a reply's, or the invitation's own). */
  readonly outboundId: string;
}

/** The address's 30-day gap: `SURVEYCAP#<clientKey>` held by the ticket that was invited. */
export interface SurveyAddressCap {
  readonly clientKey: string;
  readonly reference: string;
  /** ISO instant the gap ends. */
  readonly until: string;
}

export interface SurveyInvitationState {
  /** The invitation recorded for the ticket, if any. */
  readonly invitation?: Pick<SurveyInvitationItem, 'outboundId' | 'via'>;
  /** Bounces and complaints recorded on the ticket. */
  readonly deliveryProblems: readonly Pick<DeliveryProblem, 'undeliverable'>[];
  /**
   * Whether service was ended (§17) for the sender `clientKey` names (its `SENDER#<clientKey>`
   * item), on this ticket or another of theirs; false when no key was given.
   */
  readonly senderServiceEnded: boolean;
}

export type SurveyClaim = 'claimed' | 'already-invited' | 'address-cap';

export interface SurveyInvitations {
  /** The ticket's invitation state; `clientKey` (the client's address's key) to check the sender too. */
  state(reference: string, clientKey?: string): Promise<SurveyInvitationState>;
  /**
   * Before the invitation goes out, in one conditional write: the ticket's invitation item (unless
   * another outbound message holds it: `already-invited`) and the address's gap (unless another
   * ticket holds it and it has not ended at `now`: `address-cap`). The same outbound message claims
   * again (a redelivery) and gets `claimed`. Any other failure throws: nothing is sent, the queue
   * retries.
   */
  claim(invitation: SurveyInvitationItem, cap: SurveyAddressCap, now: string): Promise<SurveyClaim>;
}
