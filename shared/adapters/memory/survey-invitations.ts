/** SurveyInvitations in memory, for unit tests; same contract as the DynamoDB adapter. */
import type {
  SurveyAddressCap,
  SurveyClaim,
  SurveyInvitationItem,
  SurveyInvitationState,
  SurveyInvitations,
} from '../../ports/survey-invitations.ts';

export class MemorySurveyInvitations implements SurveyInvitations {
  /** `SURVEY#INVITATION` items by reference. */
  readonly invitations = new Map<string, SurveyInvitationItem>();
  /** Address gaps by client key. */
  readonly caps = new Map<string, SurveyAddressCap>();
  /** Undeliverable flags of the tickets' delivery problems, by reference. */
  readonly problems = new Map<string, { undeliverable: boolean }[]>();
  /** Client keys of senders whose service was ended (§17: their `SENDER#` items). */
  readonly endedSenders = new Set<string>();
  /** When set, every call fails (the store cannot be read). */
  failing = false;

  async state(reference: string, clientKey?: string): Promise<SurveyInvitationState> {
    if (this.failing) throw new Error('survey invitations unavailable');
    const invitation = this.invitations.get(reference);
    return {
      ...(invitation ? { invitation: { outboundId: invitation.outboundId, via: invitation.via } } : {}),
      deliveryProblems: this.problems.get(reference) ?? [],
      senderServiceEnded: clientKey !== undefined && this.endedSenders.has(clientKey),
    };
  }

  async claim(invitation: SurveyInvitationItem, cap: SurveyAddressCap, now: string): Promise<SurveyClaim> {
    if (this.failing) throw new Error('survey invitations unavailable');
    const held = this.invitations.get(invitation.reference);
    if (held && held.outboundId !== invitation.outboundId) return 'already-invited';
    const gap = this.caps.get(cap.clientKey);
    if (gap && gap.reference !== cap.reference && gap.until > now) return 'address-cap';
    if (!held) this.invitations.set(invitation.reference, invitation);
    this.caps.set(cap.clientKey, cap);
    return 'claimed';
  }
}
