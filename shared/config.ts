/**
 * Configuration from the environment, parsed once per cold start. A missing or malformed value
 * fails the start with the variable's name, never later with an `undefined` deep in a use case.
 */
import * as z from 'zod/mini';
import { defaultAcknowledgementBudgetPerHour } from './domain/acknowledgement-limits.ts';

export const configSchemas = {
  TICKETS_TABLE: z.string().check(z.minLength(1)),
  AUDIT_TABLE: z.string().check(z.minLength(1)),
  /** The service-quality figures (buckets, and the stream consumer's bookkeeping). */
  FIGURES_TABLE: z.string().check(z.minLength(1)),
  /** The knowledge base's table: articles, terms, the published set, the question log. */
  KNOWLEDGE_TABLE: z.string().check(z.minLength(1)),
  INTAKE_QUEUE_URL: z.url(),
  OUTBOUND_QUEUE_URL: z.url(),
  /** The standard queue of survey invitations sent after a delay. */
  SURVEY_INVITATIONS_QUEUE_URL: z.url(),
  /**
   * How each unit invites to the survey (JSON, `survey-invitation-settings.ts`): CDK context
   * `courtdesk:surveyInvitations` in the cloud, a separate message at once in the sandbox.
   */
  SURVEY_INVITATIONS: z.optional(z.string().check(z.minLength(2))),
  SENDER_ADDRESS: z.email(),
  SES_CONFIGURATION_SET: z.optional(z.string()),
  REQUEST_BODY_LIMIT_BYTES: z.pipe(
    z.optional(z.string().check(z.regex(/^\d+$/))),
    z.transform((value) => (value ? Number(value) : 256 * 1024)),
  ),
  MAIL_BUCKET: z.string().check(z.minLength(1)),
  /**
   * The retention schedule's overrides (JSON, `domain/retention.ts`): CDK context
   * `courtdesk:retention`; absent: the defaults (placeholders for the records schedule).
   */
  RETENTION_SCHEDULE: z.optional(z.string().check(z.minLength(2))),
  /**
   * The public site's origin, for absolute links in mail (the help pages an acknowledgement names):
   * the CloudFront distribution in the cloud, the gateway in the sandbox (set once it listens).
   */
  PUBLIC_SITE_URL: z.optional(z.url({ protocol: /^https?$/ })),
  /** The domain inbound mail is received for (`courtdesk.localhost` in the sandbox). */
  INBOUND_MAIL_DOMAIN: z.string().check(z.minLength(1)),
  /** Cognito hosted sign-in base URL (cloud); absent in the sandbox. */
  STAFF_AUTH_DOMAIN: z.optional(z.url()),
  STAFF_AUTH_CLIENT_ID: z.optional(z.string().check(z.minLength(1))),
  /** The sandbox's dev-only sign-in page; absent in the cloud. */
  STAFF_SIGN_IN_URL: z.optional(z.string().check(z.minLength(1))),
  /** Minutes without activity after which the admin page signs out and the staff API refuses. */
  STAFF_IDLE_TIMEOUT_MINUTES: z.pipe(
    z.optional(z.string().check(z.regex(/^\d{1,3}$/))),
    z.transform((value) => (value ? Number(value) : 15)),
  ),
  /** Hours after the sign-in that tokens are refreshed (the refresh token's validity). */
  STAFF_SESSION_HOURS: z.pipe(
    z.optional(z.string().check(z.regex(/^\d{1,3}$/))),
    z.transform((value) => (value ? Number(value) : 8)),
  ),
  /**
   * Acknowledgements the court sends in an hour, across all addresses: CDK context
   * `courtdesk:acknowledgementBudgetPerHour` in the cloud; in the sandbox the default, or this
   * variable when the developer sets it.
   */
  ACKNOWLEDGEMENT_BUDGET_PER_HOUR: z.pipe(
    z.optional(z.string().check(z.regex(/^[1-9]\d{0,6}$/))),
    z.transform((value) => (value ? Number(value) : defaultAcknowledgementBudgetPerHour)),
  ),
  /** Days after closing within which a client's follow-up mail reopens a ticket (§7 threading). */
  REOPEN_WINDOW_DAYS: z.pipe(
    z.optional(z.string().check(z.regex(/^\d{1,4}$/))),
    z.transform((value) => (value ? Number(value) : 30)),
  ),
  /** The largest scan of a paper letter the mailroom may upload, in bytes (25 MB by default). */
  POSTAL_SCAN_LIMIT_BYTES: z.pipe(
    z.optional(z.string().check(z.regex(/^\d{1,10}$/))),
    z.transform((value) => (value ? Number(value) : 25 * 1024 * 1024)),
  ),
  /** `off`: no OCR of scans without a text layer even where Tesseract is installed. */
  POSTAL_OCR: z.optional(z.enum(['on', 'off'])),
  /** The public help pages' bucket (served by CloudFront under /palidziba/ and /en/help/). */
  HELP_BUCKET: z.string().check(z.minLength(1)),
  /** The bucket of the audit trail's signed digests (Object Lock in the cloud). */
  AUDIT_DIGEST_BUCKET: z.string().check(z.minLength(1)),
  /** The KMS key that signs the digests (its ARN, which each digest names); the KMS stand-in's in the sandbox. */
  AUDIT_SIGNING_KEY_ID: z.optional(z.string().check(z.regex(/^arn:aws[\w-]*:kms:/))),
  /** The KMS HMAC key (its ARN) that signs and checks survey links; the KMS stand-in's in the sandbox. */
  SURVEY_MAC_KEY: z.string().check(z.regex(/^arn:aws[\w-]*:kms:/)),
  /**
   * The KMS HMAC key (its ARN) the pseudonym secret is derived from (`kms-pseudonym-key.ts`): client
   * and subject keys are keyed with it. The KMS stand-in's in the sandbox.
   */
  PSEUDONYM_KEY: z.string().check(z.regex(/^arn:aws[\w-]*:kms:/)),
  /** The pseudonym key's version (1 unless rotated, docs/pseudonyms.md). */
  PSEUDONYM_KEY_VERSION: z.pipe(
    z.optional(z.string().check(z.regex(/^[1-9]\d{0,3}$/))),
    z.transform((value) => (value ? Number(value) : 1)),
  ),
  /**
   * The secret (its Secrets Manager ARN) CloudFront sends to the API in the origin header: the public
   * and staff functions refuse a request without it (`origin-guard.ts`). The stand-in's in the sandbox.
   */
  ORIGIN_SECRET_ARN: z.string().check(z.regex(/^arn:aws[\w-]*:secretsmanager:/)),
  /** Minutes per sealed segment of the audit trail, a divisor of 60: 60 in the cloud, 1 in the sandbox. */
  AUDIT_SEAL_MINUTES: z.pipe(
    z.optional(z.string().check(z.regex(/^(1|2|3|4|5|6|10|12|15|20|30|60)$/))),
    z.transform((value) => (value ? Number(value) : 60)),
  ),
  /** Seconds after a segment's end before it is sealed: its last records are in by then. */
  AUDIT_SEAL_GRACE_SECONDS: z.pipe(
    z.optional(z.string().check(z.regex(/^\d{1,5}$/))),
    z.transform((value) => (value ? Number(value) : 900)),
  ),
  /** The analysts' export (cloud only): its bucket, that bucket's key, the table it exports. */
  ANALYTICS_BUCKET: z.string().check(z.minLength(1)),
  ANALYTICS_KEY_ARN: z.string().check(z.regex(/^arn:aws[\w-]*:kms:/)),
  TICKETS_TABLE_ARN: z.string().check(z.regex(/^arn:aws[\w-]*:dynamodb:/)),
} as const;

type Schemas = typeof configSchemas;
export type ConfigKey = keyof Schemas;
export type Config<K extends ConfigKey> = { [P in K]: z.infer<Schemas[P]> };

export class ConfigurationError extends Error {
  constructor(key: string, problem: string) {
    super(`Configuration: environment variable ${key} ${problem}`);
    this.name = 'ConfigurationError';
  }
}

/** Reads and validates the named variables from `env`. */
export function loadConfig<K extends ConfigKey>(
  keys: readonly K[],
  env: NodeJS.ProcessEnv = process.env,
): Config<K> {
  const config: Partial<Record<K, unknown>> = {};
  for (const key of keys) {
    const raw = env[key];
    const result = configSchemas[key].safeParse(raw === '' ? undefined : raw);
    if (!result.success) {
      throw new ConfigurationError(key, raw === undefined || raw === '' ? 'is missing' : 'is malformed');
    }
    config[key] = result.data;
  }
  return config as Config<K>;
}
