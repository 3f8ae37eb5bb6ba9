/**
 * vitest setup: every test process computes client and subject keys with one fixed test key, as
 * a function does after its cold start loaded the real one (`installPseudonymKey`). A sandbox
 * started in the process installs its own key over it.
 */
import { installPseudonymKey } from '../../shared/domain/pseudonym-key.ts';

/** The fixed test key: 32 bytes, not secret. */
export const testPseudonymSecret = Buffer.from('courtdesk test pseudonym key 32b', 'utf8');

installPseudonymKey(testPseudonymSecret, 1);
