/**
 * The `retention` index attributes of a settled ticket (see `./retention.ts`): small and free of
 * SDK imports, so that the writers that settle a ticket carry little into their bundles.
 */
import { shardedKey } from './ticket-keys.ts';

/** The index attributes of a ticket settled (answered or closed) at `settledAt`. */
export function retentionKeys(reference: string, settledAt: string) {
  return { retainKey: shardedKey('retain', reference), retainSortKey: `${settledAt}#${reference}` };
}

/** The attributes the `retention` index projects beside its keys: no personal data. */
export const retentionIndexAttributes = ['reference', 'status'] as const;
