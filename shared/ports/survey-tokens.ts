/**
 * The survey link's token (§26): names a ticket and an expiry, signed with an HMAC key that never
 * leaves KMS in the cloud (GenerateMac / VerifyMac); reveals nothing personal.
 * Format: `<reference>.<expiry, epoch seconds in base 36>.<MAC, base64url>`.
 */
export interface SurveyToken {
  readonly reference: string;
  /** ISO instant after which the link no longer opens the survey. */
  readonly expiresAt: string;
}

export type SurveyTokenCheck = SurveyToken | 'forged' | 'expired';

export interface SurveyTokens {
  /** A token for `reference`, valid until `expiresAt`. */
  sign(token: SurveyToken): Promise<string>;
  /** `forged` for anything not signed by us (or malformed), `expired` past its expiry at `now`. */
  verify(token: string, now: Date): Promise<SurveyTokenCheck>;
}

/** Days a survey link opens the survey (the 28). */
export const surveyLinkDays = 28;
/** Days a response may be changed after it was first given. */
export const surveyChangeDays = 14;
/** Days after an invitation in which the same client address gets no other. */
export const surveyInvitationGapDays = 30;
