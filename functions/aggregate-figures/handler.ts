/**
 * The tickets table's stream → the service-quality figures (§26, §27). Each record of a figure
 * source (ticket, take record, survey response, survey invitation) is applied in order; the others
 * are passed over. On a failure the batch answers with the failed record's sequence number, so
 * that Lambda retries from it (ReportBatchItemFailures): the records before it are done, and a
 * record seen again is skipped by its sequence number. A REMOVE (a TTL expiry, an erasure) keeps
 * the item's figures: it only moves its bookkeeping's sequence number on.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { figureSourceKind, type ItemImage } from '../../shared/domain/figures/contributions.ts';
import { loggedError } from '../../shared/logged-error.ts';
import { logger } from '../../shared/logger.ts';
import {
  type ApplyChangesDeps,
  applyChanges,
  type SourceChange,
} from '../../shared/use-cases/figures/apply-changes.ts';
import { buildDependencies } from './dependencies.ts';

let dependencies: ApplyChangesDeps | undefined;

/** The stream record as a change of a figure source; undefined for any other item. */
export function sourceChange(record: DynamoDBRecord): SourceChange | undefined {
  const stream = record.dynamodb;
  if (!stream?.Keys || !stream.SequenceNumber) return undefined;
  // The aws-lambda types describe the same wire shape as the SDK's AttributeValue.
  const image = (value: unknown) =>
    value ? (unmarshall(value as Record<string, AttributeValue>) as ItemImage) : undefined;
  const newImage = record.eventName === 'REMOVE' ? undefined : image(stream.NewImage);
  if (!figureSourceKind(newImage) && !figureSourceKind(image(stream.OldImage))) return undefined;
  const keys = image(stream.Keys) ?? {};
  return {
    source: { pk: String(keys.pk), sk: String(keys.sk) },
    image: newImage,
    sequence: stream.SequenceNumber,
  };
}

/** Applies `event`'s records with `deps` (the handler's, or a test's). */
export async function aggregateFigures(
  event: DynamoDBStreamEvent,
  deps: ApplyChangesDeps,
): Promise<DynamoDBBatchResponse> {
  const changes: SourceChange[] = [];
  for (const record of event.Records) {
    const change = sourceChange(record);
    if (change) changes.push(change);
  }
  const result = await applyChanges(deps, changes);
  if (!result.failed) {
    if (result.applied) logger.info('Figures updated', { applied: result.applied, skipped: result.skipped });
    return { batchItemFailures: [] };
  }
  const failed = changes[result.failed.index] as SourceChange;
  // The key names a ticket reference, not a person; the error is the SDK's or the conflict's.
  logger.error('Figures not updated', {
    applied: result.applied,
    skipped: result.skipped,
    sequenceNumber: failed.sequence,
    ...loggedError(result.failed.error),
  });
  return { batchItemFailures: [{ itemIdentifier: failed.sequence }] };
}

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler((event) => {
  dependencies ??= buildDependencies();
  return aggregateFigures(event, dependencies);
});
