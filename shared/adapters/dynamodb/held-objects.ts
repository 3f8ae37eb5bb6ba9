/**
 * The `HOLDKEY#<object key>` items that protect a held ticket's objects from the retention
 * sweeper, apart from the rest of the data-subject items so that intake's threading writes them
 * without loading those.
 */
import { quarantinePrefix, rawMailPrefix } from '../../mail/keys.ts';

/**
 * The item that protects one object of a held ticket from the retention sweeper
 * (`HOLDKEY#<object key>`), with the reference only: written when the hold is set, deleted when
 * it is lifted.
 */
export const heldObjectKey = (objectKey: string) => ({ pk: `HOLDKEY#${objectKey}`, sk: 'HOLDKEY' });

/**
 * The objects of one client message (a follow-up's `MESSAGE#` item) that the retention sweeper
 * lists by prefix and a hold on its ticket must keep: its raw mail and the copy under `quarantine/`
 * a release leaves (absent for most: an item for it protects nothing and costs nothing). Its
 * attachments are not listed by the sweeper: they go only with the ticket's erasure, which a hold
 * refuses.
 */
export function heldObjectsOfMessage(message: { readonly source?: unknown }): string[] {
  const source = message.source as { channel?: unknown; id?: unknown } | undefined;
  if (source?.channel !== 'email' || typeof source.id !== 'string' || source.id === '') return [];
  return [`${rawMailPrefix}${source.id}`, `${quarantinePrefix}${source.id}`];
}

/** The `HOLDKEY` item that protects `objectKey` for the hold of `reference` set at `hold`. */
export const heldObjectItem = (objectKey: string, reference: string, hold: string) => ({
  ...heldObjectKey(objectKey),
  type: 'held-object',
  reference,
  hold,
});
