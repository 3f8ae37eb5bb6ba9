/**
 * The survey invitation as send-email sends it (§26): checked again when it goes out (the ticket
 * may have been reopened, or its mail bounced, since the answer), claimed for the ticket and the
 * address before anything is sent, and audited whether it went or not — never with the address.
 * It travels alone (`survey` messages, from the delayed queue), in the footer of the answer's
 * mail, or printed in the answer's letter with a QR code.
 */
import { type AuditRecord, auditEventSource, auditRecord, ticketResource } from '../domain/audit-event.ts';
import { clientGroupId, stableId } from '../domain/ids.ts';
import type { OutboundMessage } from '../domain/intake-message.ts';
import type { Language } from '../domain/language.ts';
import { type SurveySkipReason, surveyEligibility } from '../domain/survey-eligibility.ts';
import { hasEmailAddress, type Ticket } from '../domain/ticket.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { SurveyInvitationItem, SurveyInvitations } from '../ports/survey-invitations.ts';
import { type SurveyTokens, surveyInvitationGapDays, surveyLinkDays } from '../ports/survey-tokens.ts';

export interface SurveyInvitationDeps {
  readonly invitations: SurveyInvitations;
  readonly tokens: SurveyTokens;
  readonly audit: AuditLog;
  /** The public site's origin (read per call: the sandbox's gateway knows its port late). */
  readonly siteUrl: () => string;
}

/** The one outbound id of a ticket's separate invitation: a second request is the same message. */
export const surveyOutboundId = (reference: string) => `survey-${reference}`;

/**
 * The survey page's address for a token, in the ticket's language: the token in the fragment
 * (`/aptauja/#t=…`), which a browser never sends, so that it never reaches the CDN's access logs
 * (it names a ticket). The page still takes older links' `?t=`, and rewrites them at once.
 */
export function surveyLink(siteUrl: string, token: string, language: Language): string {
  const page = `${siteUrl.replace(/\/+$/, '')}/aptauja/${language === 'en' ? '?lang=en' : ''}`;
  return `${page}#t=${encodeURIComponent(token)}`;
}

/** An invitation claimed and ready to go with its message. */
export interface PreparedInvitation {
  readonly url: string;
  readonly via: SurveyInvitationItem['via'];
  /** The `InviteToSurvey` record, written with the send's record once it went. */
  readonly audit: AuditRecord;
}

const day = 24 * 3600 * 1000;

/**
 * Whether the message carries (or is) an invitation; if so, claims it for the ticket and the
 * address and answers its link. A skip is audited here and answers undefined: a `survey` message
 * is then not sent, a reply goes without the link. A store that cannot be read or written throws,
 * and the queue retries: no invitation goes out unchecked against the 30-day gap.
 */
export async function prepareInvitation(
  deps: SurveyInvitationDeps,
  clock: Clock,
  ticket: Ticket,
  outbound: OutboundMessage,
): Promise<PreparedInvitation | undefined> {
  const withReply = outbound.kind === 'reply';
  // The sender's §17 flag is kept per address: a client without one is checked on the ticket only.
  const state = await deps.invitations.state(
    ticket.reference,
    hasEmailAddress(ticket.client) ? clientGroupId(ticket.client.email) : undefined,
  );
  const now = clock.now();
  const at = now.toISOString();
  const skip = async (reason: SurveySkipReason) => {
    await deps.audit.append([inviteToSurveyAudit(ticket, outbound, at, { outcome: 'skipped', reason })]);
    return undefined;
  };
  const eligibility = surveyEligibility({
    ticket,
    withReply,
    deliveryProblems: state.deliveryProblems,
    invited: state.invitation !== undefined && state.invitation.outboundId !== outbound.outboundId,
    senderServiceEnded: state.senderServiceEnded,
  });
  if (!eligibility.invite) return skip(eligibility.reason);
  const via = eligibility.via === 'letter' ? 'letter' : withReply ? 'footer' : 'email';
  const token = await deps.tokens.sign({
    reference: ticket.reference,
    expiresAt: new Date(now.getTime() + surveyLinkDays * day).toISOString(),
  });
  const url = surveyLink(deps.siteUrl(), token, ticket.language);
  const claim = await deps.invitations.claim(
    {
      reference: ticket.reference,
      competence: ticket.competence,
      channel: ticket.channel,
      invitedAt: at,
      via,
      outboundId: outbound.outboundId,
    },
    {
      clientKey: clientGroupId(ticket.client.email),
      reference: ticket.reference,
      until: new Date(now.getTime() + surveyInvitationGapDays * day).toISOString(),
    },
    at,
  );
  if (claim !== 'claimed') return skip(claim);
  return { url, via, audit: inviteToSurveyAudit(ticket, outbound, at, { outcome: 'sent', via }) };
}

/** The `InviteToSurvey` record: which ticket and message, sent how or skipped why; no address. */
export function inviteToSurveyAudit(
  ticket: Pick<Ticket, 'reference' | 'competence'>,
  outbound: Pick<OutboundMessage, 'outboundId' | 'kind'>,
  at: string,
  result:
    | { readonly outcome: 'sent'; readonly via: SurveyInvitationItem['via'] }
    | { readonly outcome: 'skipped'; readonly reason: SurveySkipReason },
): AuditRecord {
  return auditRecord({
    eventTime: at,
    eventSource: auditEventSource,
    eventName: 'InviteToSurvey',
    eventType: 'AwsServiceEvent',
    userIdentity: { type: 'Service', invokedBy: 'send-email' },
    sourceIPAddress: 'courtdesk.internal',
    userAgent: 'courtdesk/send-email',
    requestParameters: {
      kind: outbound.kind,
      outboundId: outbound.outboundId,
      competence: ticket.competence,
    },
    responseElements: result,
    requestID: outbound.outboundId,
    eventID: stableId(outbound.outboundId, 'InviteToSurvey', result.outcome),
    readOnly: false,
    resources: [ticketResource(ticket.reference)],
  });
}
