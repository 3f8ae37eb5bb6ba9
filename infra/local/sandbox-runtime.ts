/**
 * What the sandbox's handlers need before the first one runs: the keys kept in the data folder
 * (audit signing, survey and pseudonym MACs) behind the KMS stand-in, the origin secret behind the
 * Secrets Manager stand-in (the gateway sends it as CloudFront does), the local token issuer staff
 * sign in with, the environment CDK gives the functions in the cloud (plus the SDK's endpoint
 * settings), and the client keys of an older data folder re-keyed.
 */
import { join } from 'node:path';
import { isSegmentMinutes } from '../../shared/domain/audit-chain.ts';
import {
  sandboxSurveyInvitations,
  surveyInvitationSettingsJson,
} from '../../shared/domain/survey-invitation-settings.ts';
import { bucketSpec, commonEnvironment, defaultRequestBodyLimitBytes, queues, tables } from '../inventory.ts';
import { type LocalSigningKey, loadOrCreateSigningKey } from './audit-signing-key.ts';
import { localCredentials, localRegion, type QueueUrls } from './emulators.ts';
import { type LocalIdentity, startIdentity } from './identity.ts';
import { type LocalKms, startLocalKms } from './local-kms.ts';
import {
  type LocalOriginSecret,
  type LocalSecretsManager,
  loadOrCreateOriginSecret,
  startLocalSecretsManager,
} from './local-origin-secret.ts';
import { migrateSandboxPseudonyms } from './migrate-pseudonyms.ts';
import type { SandboxBuckets } from './sandbox-buckets.ts';
import { loadOrCreateMacKey } from './survey-mac-key.ts';

export interface FunctionRuntime {
  readonly kms: LocalKms;
  /** Answers GetSecretValue for the origin secret. */
  readonly secretsManager: LocalSecretsManager;
  /** What the gateway sends in the origin header, as CloudFront does. */
  readonly originSecret: LocalOriginSecret;
  readonly identity: LocalIdentity;
  readonly signingKey: LocalSigningKey;
  /** The audit sealer's period and grace, as the functions read them. */
  readonly sealMinutes: number;
  readonly graceSeconds: number;
}

export async function prepareFunctionRuntime(options: {
  readonly dataDir: string;
  readonly endpoints: { readonly dynamodb: string; readonly sqs: string; readonly ses: string };
  readonly buckets: SandboxBuckets;
  readonly tableNames: Readonly<Record<string, string>>;
  readonly queueUrls: QueueUrls;
  readonly inboundDomain: string;
  readonly senderAddress?: string;
  readonly quiet?: boolean;
  readonly audit?: { readonly sealMinutes?: number; readonly graceSeconds?: number };
  readonly log: (line: string) => void;
  readonly onError: (error: unknown) => void;
}): Promise<FunctionRuntime> {
  const { dataDir, endpoints, buckets, tableNames, queueUrls, log, onError } = options;
  const signingKey = loadOrCreateSigningKey(join(dataDir, 'audit', 'signing-key.pem'), localRegion);
  const surveyMacKey = loadOrCreateMacKey(join(dataDir, 'survey', 'mac-key'), localRegion);
  const pseudonymMacKey = loadOrCreateMacKey(
    join(dataDir, 'pseudonyms', 'mac-key'),
    localRegion,
    'pseudonym',
  );
  const sealMinutes = options.audit?.sealMinutes ?? numberSetting('AUDIT_SEAL_MINUTES', 1);
  const graceSeconds = options.audit?.graceSeconds ?? numberSetting('AUDIT_SEAL_GRACE_SECONDS', 10);
  if (!isSegmentMinutes(sealMinutes))
    throw new Error(`AUDIT_SEAL_MINUTES must divide 60 (1, 2, 5, 10, 15, 30, 60, …), got ${sealMinutes}`);

  // The functions' environment, as CDK sets it in the cloud, plus the SDK's endpoint settings.
  Object.assign(process.env, {
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    AWS_ENDPOINT_URL_S3: buckets.mailBucket.endpoint,
    POWERTOOLS_SERVICE_NAME: 'courtdesk',
    // No CloudWatch here: the audit metrics (EMF lines) would only clutter the console.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? (options.quiet ? 'ERROR' : 'INFO'),
    [commonEnvironment.senderEnvName]: options.senderAddress ?? 'noreply@courtdesk.localhost',
    [commonEnvironment.bodyLimitEnvName]:
      process.env[commonEnvironment.bodyLimitEnvName] ?? String(defaultRequestBodyLimitBytes),
  });
  // Staff sign in on the dev-only page of the local token issuer (Cognito's hosted UI in the cloud).
  process.env.STAFF_SIGN_IN_URL = '/local/sign-in';
  delete process.env.STAFF_AUTH_DOMAIN;
  delete process.env.STAFF_AUTH_CLIENT_ID;
  const identity = await startIdentity(join(dataDir, 'identity', 'signing-key.json'));
  process.env[bucketSpec('mail').envName] = buckets.mailBucket.name;
  process.env[bucketSpec('audit-digests').envName] = buckets.digestBucket.name;
  process.env[bucketSpec('help').envName] = buckets.helpBucket.name;
  // The sealer signs through the KMS stand-in, with the sandbox's key under a KMS-shaped ARN.
  const kms = await startLocalKms({
    key: signingKey,
    macKey: surveyMacKey,
    macKeys: [pseudonymMacKey],
    onError,
  });
  process.env.AWS_ENDPOINT_URL_KMS = kms.endpoint;
  process.env.AUDIT_SIGNING_KEY_ID = signingKey.keyArn;
  // Survey links are signed (send-email) and checked (survey-api) with the sandbox's HMAC key.
  process.env.SURVEY_MAC_KEY = surveyMacKey.keyArn;
  // Client and subject keys are keyed with the secret derived from the sandbox's pseudonym key.
  process.env.PSEUDONYM_KEY = pseudonymMacKey.keyArn;
  process.env.PSEUDONYM_KEY_VERSION ??= '1';
  // The functions behind /api/* read the origin secret as in the cloud, from the stand-in.
  const originSecret = loadOrCreateOriginSecret(join(dataDir, 'edge', 'origin-secret'), localRegion);
  const secretsManager = await startLocalSecretsManager({ secret: originSecret, onError });
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secretsManager.endpoint;
  process.env.ORIGIN_SECRET_ARN = originSecret.secretArn;
  process.env.AUDIT_SEAL_MINUTES = String(sealMinutes);
  process.env.AUDIT_SEAL_GRACE_SECONDS = String(graceSeconds);
  process.env[commonEnvironment.inboundDomainEnvName] = options.inboundDomain;
  for (const table of tables) process.env[table.envName] = tableNames[table.id];
  for (const queue of queues) process.env[queue.envName] = queueUrls[queue.id]?.url;
  // Survey invitations at once (a separate message, no delay), unless the developer set them.
  process.env.SURVEY_INVITATIONS ??= surveyInvitationSettingsJson(sandboxSurveyInvitations);
  delete process.env.AWS_PROFILE;
  // Client keys of a data folder from before the keys were keyed, re-keyed before any handler runs.
  await migrateSandboxPseudonyms({
    dynamoEndpoint: endpoints.dynamodb,
    kmsEndpoint: kms.endpoint,
    keyArn: pseudonymMacKey.keyArn,
    version: Number(process.env.PSEUDONYM_KEY_VERSION),
    ticketsTable: tableNames.tickets ?? 'tickets',
    auditTable: tableNames.audit ?? 'audit',
    log,
  });
  return { kms, secretsManager, originSecret, identity, signingKey, sealMinutes, graceSeconds };
}

/** A whole number of at least 0 from the environment, or `fallback`. */
function numberSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`Environment variable ${name} must be a whole number, got "${raw}"`);
  return value;
}
