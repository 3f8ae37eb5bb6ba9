/**
 * The one typed list of courtdesk's tables, queues and functions, with their triggers, routes and
 * environment. The CDK constructs read it to synthesize the cloud stack and the local sandbox reads
 * it to create tables and queues on the emulators and to wire routes and queue pollers, so the two
 * cannot drift apart.
 */

import {
  ingestEmail,
  ingestPostal,
  mailEvents,
  processIntake,
  sendEmail,
} from './inventory-functions-mail.ts';
import {
  assistantApi,
  assistantThrottle,
  ingestWeb,
  listTopics,
  surveyApi,
  surveyThrottle,
} from './inventory-functions-public.ts';
import {
  auditSealer,
  auditWatch,
  deadlineSweeper,
  exportAnalytics,
  publishHelp,
  retentionSweeper,
} from './inventory-functions-scheduled.ts';
import { aggregateFigures, staffApi } from './inventory-functions-staff.ts';
import type {
  BucketId,
  BucketSpecOf,
  FunctionSpec,
  IndexAction,
  IndexName,
  QueueSpec,
  TableAction,
  TableSpec,
} from './inventory-spec.ts';
import { buckets, queues } from './inventory-storage.ts';
import { tables } from './inventory-tables.ts';

export * from './inventory-spec.ts';
// The tables, buckets and queues, and the functions by concern, are listed in files of their own, to
// keep this one readable.
export { assistantThrottle, buckets, queues, surveyThrottle, tables };

/** Every function, in the order CDK and the sandbox create them. */
export const functions: readonly FunctionSpec[] = [
  listTopics,
  ingestWeb,
  assistantApi,
  surveyApi,
  processIntake,
  sendEmail,
  deadlineSweeper,
  retentionSweeper,
  ingestEmail,
  ingestPostal,
  mailEvents,
  auditSealer,
  auditWatch,
  publishHelp,
  staffApi,
  aggregateFigures,
  exportAnalytics,
];

/** Environment variables every function receives besides its tables and queues. */
export const commonEnvironment = {
  /** The address acknowledgements and replies are sent from (an SES identity). */
  senderEnvName: 'SENDER_ADDRESS',
  /** Maximum accepted size of a public request body in bytes. */
  bodyLimitEnvName: 'REQUEST_BODY_LIMIT_BYTES',
  /** The mail domain inbound mail is accepted for (`courtdesk.localhost` in the sandbox). */
  inboundDomainEnvName: 'INBOUND_MAIL_DOMAIN',
} as const;

export const defaultRequestBodyLimitBytes = 256 * 1024;

export function tableSpec(id: TableSpec['id']): TableSpec {
  const spec = tables.find((table) => table.id === id);
  if (!spec) throw new Error(`No table ${id} in the inventory`);
  return spec;
}

/** What a function is granted on one table and its indexes. */
export interface TableAccess {
  readonly table: TableSpec;
  readonly actions: readonly TableAction[];
  readonly indexes: readonly { readonly name: IndexName; readonly actions: readonly IndexAction[] }[];
}

/** Every table a function uses, directly or through an index, with what it is granted there. */
export function tableAccessOf(spec: FunctionSpec): TableAccess[] {
  const indexes = Object.entries(spec.indexes) as [IndexName, readonly IndexAction[] | undefined][];
  for (const [name] of indexes) {
    if (!tables.some((table) => table.globalIndexes.some((index) => index.name === name)))
      throw new Error(`Function ${spec.name}: no table has the index ${name}`);
  }
  return tables.flatMap((table) => {
    const ownIndexes = indexes.flatMap(([name, actions]) =>
      actions && table.globalIndexes.some((index) => index.name === name) ? [{ name, actions }] : [],
    );
    const actions = spec.tables[table.id];
    return actions || ownIndexes.length > 0 ? [{ table, actions: actions ?? [], indexes: ownIndexes }] : [];
  });
}

export function bucketSpec<Id extends BucketId>(id: Id): BucketSpecOf<Id> {
  const spec = buckets.find((bucket) => bucket.id === id) as BucketSpecOf<Id> | undefined;
  if (!spec) throw new Error(`No bucket ${id} in the inventory`);
  return spec;
}

export function queueSpec(id: QueueSpec['id']): QueueSpec {
  const spec = queues.find((queue) => queue.id === id);
  if (!spec) throw new Error(`No queue ${id} in the inventory`);
  return spec;
}
