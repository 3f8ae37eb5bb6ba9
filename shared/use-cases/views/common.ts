/**
 * Pieces the views share: zod/mini schemas (for the HTTP contract and its OpenAPI document) from
 * which the views' TypeScript types are inferred, so that no shape is written twice.
 */
import * as z from 'zod/mini';
import { type CompetenceId, competences } from '../../domain/competences.ts';

export const competenceIds = competences.map((competence) => competence.id) as [
  CompetenceId,
  ...CompetenceId[],
];

/** A text in both languages. */
export const localized = z.object({ lv: z.string(), en: z.string() });

/** One page of a list, and the cursor of the next one when there is more. */
export function page<Item extends z.ZodMiniType>(item: Item) {
  return z.object({ items: z.array(item), cursor: z.optional(z.string()) });
}

/** A postal address as staff see it. */
export const postalAddressView = z.object({
  addressLine: z.string(),
  place: z.string(),
  postalCode: z.string(),
  country: z.optional(z.string()),
});

/** Where and how to PUT a file's bytes (a short-lived signed URL): exactly `headers`, before `expiresAt`. */
export const uploadTargetShape = {
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
};
