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
  readonly now?: () => number;
}

/** Where a value read is kept: the values and until when they hold. */
interface Read {
  readonly secrets: readonly string[];
  readonly until: number;
}

export function originSecretsFrom(
  client: SecretsManagerClient,
  secretArn: string,
  options: OriginSecretsOptions = {},
): () => Promise<readonly string[]> {
  const refreshMs = options.refreshMs ?? 5 * 60_000;
  const retryMs = options.retryMs ?? 30_000;
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
      const secrets = values.filter((value): value is string => value !== undefined);
      if (!secrets[0]) throw new Error(`The origin secret ${secretArn} has no current value`);
      read = { secrets, until: now() + refreshMs };
      return secrets;
    } catch (error) {
      // Values read before still hold for a while: Secrets Manager failing for a moment should not
      // refuse every request. Without any, the error stands (a 500, never a request let through).
      if (!read) throw error;
      read = { secrets: read.secrets, until: now() + retryMs };
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
