/**
 * Loads the pseudonym secret once per cold start, before the first event is handled: a middy
 * middleware for every function that computes a client or subject key. Deriving it is a KMS call
 * (`derivePseudonymSecret`), so it cannot happen in the synchronous `buildDependencies`; a failed
 * derivation fails the event (retried) and is tried again by the next one.
 */
import type { MiddlewareObj } from '@middy/core';
import { loadConfig } from '../shared/config.ts';
import { installPseudonymKey } from '../shared/domain/pseudonym-key.ts';

let loading: Promise<void> | undefined;

/** Derives and installs the secret of `PSEUDONYM_KEY` (version `PSEUDONYM_KEY_VERSION`), once. */
export function loadPseudonymKey(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  loading ??= (async () => {
    const config = loadConfig(['PSEUDONYM_KEY', 'PSEUDONYM_KEY_VERSION'], env);
    // Imported here, not at the top: the KMS client stays out of staff-api's cold-start bundle.
    const [{ kmsClient }, { derivePseudonymSecret }] = await Promise.all([
      import('../shared/adapters/clients/kms.ts'),
      import('../shared/adapters/kms/kms-pseudonym-key.ts'),
    ]);
    const { secret, version } = await derivePseudonymSecret(
      kmsClient(),
      config.PSEUDONYM_KEY,
      config.PSEUDONYM_KEY_VERSION,
    );
    installPseudonymKey(secret, version);
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The middleware: the handler runs once the key is installed. */
export function pseudonymKey<Event, Result>(): MiddlewareObj<Event, Result> {
  return {
    before: async () => {
      await loadPseudonymKey();
    },
  };
}
