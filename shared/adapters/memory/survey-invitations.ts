/** SurveyInvitations in memory, for unit tests; same contract as the DynamoDB adapter. */
import {
  defaultRetentionSchedule,
  expiredAt,
  type RetentionSchedule,
  retentionExpiry,
} from '../../domain/retention.ts';
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
  /** When each address gap's item expires (epoch seconds, as the table's TTL attribute), by client key. */
  readonly capExpiry = new Map<string, number>();
  /** When set, every call fails (the store cannot be read). */
  failing = false;
  readonly #retention: RetentionSchedule;

  /** @param options.retention the schedule of the gap items' expiry (`survey-cap`); the defaults when absent. */
  constructor(options: { readonly retention?: RetentionSchedule } = {}) {
    this.#retention = options.retention ?? defaultRetentionSchedule;
  }

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
    const live = gap && !expiredAt(this.capExpiry.get(cap.clientKey), new Date(now));
    if (gap && live && gap.reference !== cap.reference && gap.until > now) return 'address-cap';
    if (!held) this.invitations.set(invitation.reference, invitation);
    this.caps.set(cap.clientKey, cap);
    this.capExpiry.set(
      cap.clientKey,
      Math.max(
        Math.ceil(Date.parse(cap.until) / 1000),
        retentionExpiry(this.#retention['survey-cap'], new Date(now)),
      ),
    );
    return 'claimed';
  }
}
