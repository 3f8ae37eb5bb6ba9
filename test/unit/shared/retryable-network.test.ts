/**
 * Review s12, low-medium: transient network failures whose codes are not in `networkCodes` are
 * classed 'other' → not retryable → ingest-email quarantines the mail ('ingest-failed') on a
 * network blip instead of letting the event retry. Each needs a supervisor's release.
 */
import { describe, expect, it } from 'vitest';
import { isRetryable } from '../../../shared/retryable-error.ts';

const systemError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });

describe('isRetryable: transient network errors', () => {
  for (const code of ['ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL', 'EHOSTDOWN'])
    it(`retries ${code}`, () => {
      expect(isRetryable(systemError(code))).toBe(true);
    });
});
