/**
 * The origin secrets CloudFront may send, read from Secrets Manager: the version labelled
 * `AWSCURRENT` and, while a rotation is under way, the one labelled `AWSPREVIOUS` (CloudFront keeps
 * sending the old value until the distribution is deployed with the new one, docs/security.md).
 * Read at the first request of a cold start and again after `refreshMs`, so that a warm function
 * learns of a rotation within minutes; between reads every check is a comparison in memory.
 */
import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

export interface OriginSecretsOptions {
  /** How long the values read are used before they are read again. @default five minutes */
  readonly refreshMs?: number;
  /** After a failed re-read, how long the values already read go on being used. @default 30 s */
  readonly retryMs?: number;
  /** How long after the last successful read its values are served at most. @default 30 minutes */
  readonly staleMs?: number;
  readonly now?: () => number;
}

/** Where a value read is kept: the values and until when they hold. */
interface Read {
  readonly secrets: readonly string[];
  readonly until: number;
  /** When they were last read successfully: stale values are served for `staleMs` at most. */
  readonly readAt: number;
}

export function originSecretsFrom(
  client: SecretsManagerClient,
  secretArn: string,
  options: OriginSecretsOptions = {},
): () => Promise<readonly string[]> {
  const refreshMs = options.refreshMs ?? 5 * 60_000;
  const retryMs = options.retryMs ?? 30_000;
  // A value closed in a rotation (perhaps leaked) must not stay accepted while reads keep failing.
  const staleMs = options.staleMs ?? 30 * 60_000;
  const now = options.now ?? Date.now;
  let read: Read | undefined;
  let reading: Promise<readonly string[]> | undefined;

  const versionValue = async (stage: 'AWSCURRENT' | 'AWSPREVIOUS'): Promise<string | undefined> => {
    try {
      const result = await client.send(
        new GetSecretValueCommand({ SecretId: secretArn, VersionStage: stage }),
      );
      return result.SecretString || undefined;
    } catch (error) {
      // A secret never rotated has no previous version.
      if (stage === 'AWSPREVIOUS' && error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  };

  const readNow = async (): Promise<readonly string[]> => {
    try {
      const values = await Promise.all([versionValue('AWSCURRENT'), versionValue('AWSPREVIOUS')]);
      // The current value itself must be there: the previous one alone is no secret to check.
      if (!values[0]) throw new Error(`The origin secret ${secretArn} has no current value`);
      const secrets = values.filter((value): value is string => value !== undefined && value !== '');
      read = { secrets, until: now() + refreshMs, readAt: now() };
      return secrets;
    } catch (error) {
      // Values read before still hold for a while: Secrets Manager failing for a moment should not
      // refuse every request. Without any, the error stands (a 500, never a request let through).
      if (!read || now() - read.readAt >= staleMs) {
        read = undefined;
        throw error;
      }
      read = { ...read, until: Math.min(now() + retryMs, read.readAt + staleMs) };
      return read.secrets;
    } finally {
      reading = undefined;
    }
  };

  return () => {
    if (read && now() < read.until) return Promise.resolve(read.secrets);
    reading ??= readNow();
    return reading;
  };
}
