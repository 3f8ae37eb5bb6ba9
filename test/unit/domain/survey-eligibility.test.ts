/** Who is invited to the survey, and the reason for each client who is not. */
import { describe, expect, it } from 'vitest';
import { placeholderEmail } from '../../../shared/domain/postal-registration.ts';
import { type SurveyEligibilityInput, surveyEligibility } from '../../../shared/domain/survey-eligibility.ts';
import {
  parseSurveyInvitationSettings,
  sandboxSurveyInvitations,
  surveyInvitationSettingFor,
  surveyInvitationSettingsJson,
} from '../../../shared/domain/survey-invitation-settings.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import { testTicket } from '../../support/tickets.ts';

const address = { addressLine: 'Brīvības iela 12-3', place: 'Rīga', postalCode: 'LV-1050' };

function input(
  fields: Partial<Ticket> = {},
  rest: Partial<SurveyEligibilityInput> = {},
): SurveyEligibilityInput {
  return {
    ticket: testTicket('TA-2026-000001', 'court-fees', {
      status: 'answered',
      receivedAt: '2026-11-24T10:00:00.000Z',
      answerDeadline: '2026-12-28',
      ...fields,
    }),
    action: 'answered',
    withReply: true,
    deliveryProblems: [],
    invited: false,
    ...rest,
  };
}

describe('surveyEligibility', () => {
  it('invites by email when a ticket is answered or closed by staff', () => {
    expect(surveyEligibility(input())).toEqual({ invite: true, via: 'email' });
    expect(surveyEligibility(input({ status: 'closed' }, { action: 'closed', withReply: false }))).toEqual({
      invite: true,
      via: 'email',
    });
  });

  it.each([
    ['open', 'open'],
    ['waiting on the client', 'waiting-on-client'],
  ] as const)('does not invite for a staff action that sets %s', (_, status) => {
    expect(surveyEligibility(input({ status }, { action: status }))).toEqual({
      invite: false,
      reason: 'not-settled',
    });
  });

  it('does not invite when the ticket was reopened before the invitation went out', () => {
    expect(surveyEligibility(input({ status: 'open' }, { action: undefined }))).toEqual({
      invite: false,
      reason: 'not-settled',
    });
  });

  it('does not invite when service was ended on the ticket, or for the sender (§17)', () => {
    const ended = { reason: 'Aizskaroša saziņa', by: 'anna', at: '2026-11-25T10:00:00.000Z' };
    expect(surveyEligibility(input({ status: 'closed', serviceEnded: ended }, { action: 'closed' }))).toEqual(
      {
        invite: false,
        reason: 'service-ended',
      },
    );
    expect(
      surveyEligibility(input({ review: { reason: 'service-ended', since: '2026-11-01T00:00:00.000Z' } })),
    ).toEqual({ invite: false, reason: 'service-ended' });
    // Ended on another ticket of theirs: the sender's flag.
    expect(surveyEligibility(input({}, { senderServiceEnded: true }))).toEqual({
      invite: false,
      reason: 'service-ended',
    });
  });

  it('does not invite for automatic mail, nor for spam', () => {
    expect(surveyEligibility(input({ channel: 'email', screening: { automatic: true } }))).toEqual({
      invite: false,
      reason: 'automatic-mail',
    });
    expect(surveyEligibility(input({ channel: 'email', screening: { spam: true } }))).toEqual({
      invite: false,
      reason: 'spam',
    });
  });

  it('does not invite for a quarantine release whose sender could not be read', () => {
    const client = { name: 'Nezināms sūtītājs', email: 'unknown-sender+abc@invalid' };
    expect(surveyEligibility(input({ channel: 'email', client }))).toEqual({
      invite: false,
      reason: 'released-without-address',
    });
  });

  it('does not invite a client with neither an email nor a postal address', () => {
    const client = { name: 'Zvanītājs', email: placeholderEmail('phone', ['Zvanītājs', '+37120000000']) };
    expect(surveyEligibility(input({ channel: 'phone', client }))).toEqual({
      invite: false,
      reason: 'no-address',
    });
  });

  it('does not invite to an address that bounced permanently or complained', () => {
    expect(surveyEligibility(input({}, { deliveryProblems: [{ undeliverable: true }] }))).toEqual({
      invite: false,
      reason: 'undeliverable',
    });
    // A transient bounce does not mark the address.
    expect(surveyEligibility(input({}, { deliveryProblems: [{ undeliverable: false }] }))).toEqual({
      invite: true,
      via: 'email',
    });
  });

  it('invites a client answered by post in the reply letter, but posts no invitation alone', () => {
    const client = {
      name: 'Jānis Bērziņš',
      email: placeholderEmail('post', ['Jānis Bērziņš', 'LV-1050', 'Brīvības iela 12-3']),
      postalAddress: address,
    };
    expect(surveyEligibility(input({ channel: 'postal', client }))).toEqual({ invite: true, via: 'letter' });
    expect(
      surveyEligibility(
        input({ channel: 'postal', client, status: 'closed' }, { action: 'closed', withReply: false }),
      ),
    ).toEqual({ invite: false, reason: 'letter-without-reply' });
  });

  it('invites once per ticket', () => {
    expect(surveyEligibility(input({}, { invited: true }))).toEqual({
      invite: false,
      reason: 'already-invited',
    });
  });
});

describe('survey invitation settings', () => {
  it('reads a default and per-unit settings, and answers the default for other units', () => {
    const settings = parseSurveyInvitationSettings(
      '{"default":{"mode":"separate","delaySeconds":600},"court-fees":{"mode":"footer","delaySeconds":0}}',
    );
    expect(surveyInvitationSettingFor(settings, 'court-fees')).toEqual({ mode: 'footer', delaySeconds: 0 });
    expect(surveyInvitationSettingFor(settings, 'insolvency')).toEqual({
      mode: 'separate',
      delaySeconds: 600,
    });
    expect(parseSurveyInvitationSettings(surveyInvitationSettingsJson(settings))).toEqual(settings);
  });

  it('falls back to the given default: 900 s in the cloud, 0 s in the sandbox', () => {
    expect(surveyInvitationSettingFor(parseSurveyInvitationSettings(undefined), 'general')).toEqual({
      mode: 'separate',
      delaySeconds: 900,
    });
    expect(parseSurveyInvitationSettings(undefined, sandboxSurveyInvitations).default.delaySeconds).toBe(0);
  });

  it('refuses an unknown unit, a mode or a delay out of 0–900, naming the entry', () => {
    expect(() => parseSurveyInvitationSettings({ nowhere: { mode: 'footer', delaySeconds: 0 } })).toThrow(
      /unknown unit "nowhere"/,
    );
    expect(() => parseSurveyInvitationSettings({ default: { mode: 'sms', delaySeconds: 0 } })).toThrow(
      /"default"/,
    );
    expect(() =>
      parseSurveyInvitationSettings({ 'court-fees': { mode: 'separate', delaySeconds: 901 } }),
    ).toThrow(/"court-fees"/);
  });
});
