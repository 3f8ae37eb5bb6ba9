/**
 * One resumable pass of a data migration over the ticket items (or other items of a table, by type): a strongly consistent scan, a
 * page at a time, each item handed to the migration, with the scan's cursor and the counts saved in
 * a progress item (`MIGRATION#<name>` / `MIGRATION`) after every page. Stopped (`maxPages`, a
 * crash), the next call resumes at the saved page; a finished pass leaves `done` and is skipped
 * unless `force`d. A finished pass is recorded once, with counts only. Each migration's step must
 * be idempotent: a crash mid-page runs that page again.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type AuditInput, auditEventSource, auditRecord } from '../../domain/audit-event.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { Item } from './items.ts';
import type { DynamoTables } from './tickets-table.ts';

export interface MigrationPassOptions {
  readonly audit: AuditLog;
  readonly now?: () => Date;
  /** Ticket items per page. @default 100 */
  readonly pageSize?: number;
  /** Stop after this many pages (a bounded run; the next run resumes). */
  readonly maxPages?: number;
  /** Run again although a finished pass left its marker (older code was still writing). */
  readonly force?: boolean;
}

export interface MigrationPassResult<Counts> {
  readonly done: boolean;
  /** A finished pass was found and nothing was done. */
  readonly skipped?: boolean;
  readonly counts: Counts;
}

export interface MigrationPass<Counts> {
  /** The progress item's name: `MIGRATION#<name>`. */
  readonly name: string;
  readonly empty: Counts;
  /** The items' `type`s the pass reads. @default ['ticket'] */
  readonly itemTypes?: readonly string[];
  /** What the scan reads of a ticket item (the migration's step sees no more). */
  readonly projection?: { readonly expression: string; readonly names: Readonly<Record<string, string>> };
  /** Migrates one ticket item: what it adds to the counts. */
  migrate(item: Item): Promise<Partial<Counts>>;
  add(counts: Counts, more: Partial<Counts>): Counts;
  /** The audit record of a finished pass, but for its time, ids and counts. */
  readonly record: Pick<AuditInput, 'eventName' | 'userIdentity' | 'userAgent' | 'requestParameters'>;
}

export async function runMigrationPass<Counts extends object>(
  { client, ticketsTable }: DynamoTables,
  pass: MigrationPass<Counts>,
  options: MigrationPassOptions,
): Promise<MigrationPassResult<Counts>> {
  const key = { pk: `MIGRATION#${pass.name}`, sk: 'MIGRATION' };
  const progress = (
    await client.send(new GetCommand({ TableName: ticketsTable, Key: key, ConsistentRead: true }))
  ).Item;
  if (progress?.done && !options.force)
    return { done: true, skipped: true, counts: (progress.counts as Counts | undefined) ?? pass.empty };
  const resuming = progress !== undefined && !progress.done;
  let counts = resuming ? (progress.counts as Counts) : pass.empty;
  let start = resuming ? (progress.cursor as Item | undefined) : undefined;
  const types = pass.itemTypes ?? ['ticket'];
  for (let pages = 0; ; pages += 1) {
    if (options.maxPages !== undefined && pages >= options.maxPages) return { done: false, counts };
    const page = await client.send(
      new ScanCommand({
        TableName: ticketsTable,
        Limit: options.pageSize ?? 100,
        FilterExpression: `#type IN (${types.map((_, index) => `:type${index}`).join(', ')})`,
        ...(pass.projection ? { ProjectionExpression: pass.projection.expression } : {}),
        ExpressionAttributeNames: { ...pass.projection?.names, '#type': 'type' },
        ExpressionAttributeValues: Object.fromEntries(types.map((type, index) => [`:type${index}`, type])),
        // An eventually consistent page may miss a change just made (an erasure, a reopening).
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) counts = pass.add(counts, await pass.migrate(item));
    start = page.LastEvaluatedKey;
    await client.send(
      new PutCommand({
        TableName: ticketsTable,
        Item: { ...key, type: 'migration', counts, ...(start ? { cursor: start } : { done: true }) },
      }),
    );
    if (!start) break;
  }
  await options.audit.append([
    auditRecord({
      ...pass.record,
      eventTime: (options.now?.() ?? new Date()).toISOString(),
      eventSource: auditEventSource,
      sourceIPAddress: 'courtdesk',
      responseElements: { ...counts } as Record<string, unknown>,
      requestID: randomUUID(),
      eventID: randomUUID(),
      readOnly: false,
      resources: [],
    }),
  ]);
  return { done: true, counts };
}
