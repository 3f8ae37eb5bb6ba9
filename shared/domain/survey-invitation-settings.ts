/**
 * How each unit invites its clients to the survey: a separate message after a delay (SQS delays a
 * message at most 900 s), or a link in the answer's footer. Set per unit at deploy time (CDK context
 * `courtdesk:surveyInvitations`), given to staff-api as the `SURVEY_INVITATIONS` variable (JSON):
 * `{ "default": { "mode": "separate", "delaySeconds": 900 }, "<competence>": { … } }`.
 */
import * as z from 'zod/mini';
import { type CompetenceId, isCompetenceId } from './competences.ts';

export type SurveyInvitationMode = 'separate' | 'footer';

export interface SurveyInvitationSetting {
  readonly mode: SurveyInvitationMode;
  /** Seconds between the answer and a separate invitation, 0–900. */
  readonly delaySeconds: number;
}

export interface SurveyInvitationSettings {
  readonly default: SurveyInvitationSetting;
  readonly units: Readonly<Partial<Record<CompetenceId, SurveyInvitationSetting>>>;
}

/** The most SQS delays one message (its per-message `DelaySeconds`). */
export const maxSurveyDelaySeconds = 900;

/** In the cloud unless configured: a separate message a quarter of an hour after the answer. */
export const cloudSurveyInvitations: SurveyInvitationSettings = {
  default: { mode: 'separate', delaySeconds: maxSurveyDelaySeconds },
  units: {},
};

/** In the sandbox unless configured: a separate message at once, so it can be tried straight away. */
export const sandboxSurveyInvitations: SurveyInvitationSettings = {
  default: { mode: 'separate', delaySeconds: 0 },
  units: {},
};

const settingSchema = z.strictObject({
  mode: z.enum(['separate', 'footer']),
  delaySeconds: z.number().check(z.int(), z.minimum(0), z.maximum(maxSurveyDelaySeconds)),
});

/**
 * The settings from their JSON form (context or environment); the default falls back to `fallback`.
 * Throws naming the entry at fault: an unknown unit, a mode, a delay out of 0–900.
 */
export function parseSurveyInvitationSettings(
  value: unknown,
  fallback: SurveyInvitationSettings = cloudSurveyInvitations,
): SurveyInvitationSettings {
  const data: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (data === undefined || data === null) return fallback;
  if (typeof data !== 'object' || Array.isArray(data))
    throw new Error('Survey invitation settings must be an object by unit');
  let defaultSetting = fallback.default;
  const units: Partial<Record<CompetenceId, SurveyInvitationSetting>> = {};
  for (const [key, entry] of Object.entries(data)) {
    const parsed = settingSchema.safeParse(entry);
    if (!parsed.success)
      throw new Error(
        `Survey invitation setting "${key}" must be { mode: "separate" | "footer", delaySeconds: 0–${maxSurveyDelaySeconds} }`,
      );
    if (key === 'default') defaultSetting = parsed.data;
    else if (isCompetenceId(key)) units[key] = parsed.data;
    else throw new Error(`Survey invitation settings name an unknown unit "${key}"`);
  }
  return { default: defaultSetting, units };
}

/** The unit's setting, or the default. */
export function surveyInvitationSettingFor(
  settings: SurveyInvitationSettings,
  competence: string,
): SurveyInvitationSetting {
  return (isCompetenceId(competence) ? settings.units[competence] : undefined) ?? settings.default;
}

/** The settings as the environment variable carries them. */
export function surveyInvitationSettingsJson(settings: SurveyInvitationSettings): string {
  return JSON.stringify({ default: settings.default, ...settings.units });
}
