/**
 * The tables (infra/constructs/data.ts) in the stack, the DynamoDB and table-key grants the functions
 * get on them, and the ticket indexes' projections.
 */
import { describe, expect, it } from 'vitest';
import { functions, type TableSpec, tables } from '../../infra/inventory.ts';
import type { Ticket } from '../../shared/domain/ticket.ts';
import { ticketSummary } from '../../shared/use-cases/ticket-views.ts';
import { testTicket } from '../support/tickets.ts';
import {
  actionsOf,
  allowedActionsByResource,
  allStatements,
  arnOf,
  courtdesk,
  logicalId,
  resourcesOf,
  type Statement,
  statementsOf,
} from './support.ts';

const { stack, resources } = courtdesk();

describe('tables', () => {
  it.each(tables.map((spec) => [spec.id, spec] as const))(
    '%s: on demand, PITR, deletion protection, customer-managed KMS key, indexes and TTL',
    (id, spec) => {
      const properties = resources[logicalId(stack.data.table(id).table)]?.Properties;
      expect(properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: arnOf(stack.data.key) },
        KeySchema: [
          { AttributeName: spec.partitionKey, KeyType: 'HASH' },
          { AttributeName: spec.sortKey, KeyType: 'RANGE' },
        ],
      });
      expect(properties?.TimeToLiveSpecification).toEqual(
        spec.timeToLiveAttribute ? { AttributeName: spec.timeToLiveAttribute, Enabled: true } : undefined,
      );
      expect(properties?.GlobalSecondaryIndexes ?? []).toEqual(
        spec.globalIndexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: index.include
            ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] }
            : { ProjectionType: 'ALL' },
        })),
      );
    },
  );
});

/**
 * What each function's code calls (shared/adapters/dynamodb, through its use cases), per table or
 * `<table>/index/<name>`. Written out here, not read from the inventory, so that widening a grant
 * in the inventory fails this test until it is reviewed here too.
 */
const expectedDynamoActions: Record<string, Record<string, string[]>> = {
  'list-topics': {},
  // knowledge: the page a request came from read and marked with its day's count (GetItem, UpdateItem
  // in one transaction), for the deflection rate.
  'ingest-web': {
    tickets: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'],
    audit: ['PutItem'],
    knowledge: ['GetItem', 'UpdateItem'],
  },
  // The published set (generation, one Query); the question log (PutItem) and its feedback and
  // page items (UpdateItem). No audit record: questions go to the log.
  'assistant-api': { knowledge: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] },
  // Query: a candidate ticket's partition when a mail may continue it (§7 threading).
  'process-intake': {
    tickets: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'],
    audit: ['PutItem'],
  },
  // The ticket's response for a survey (GetItem) and the ticket (GetItem); one conditional write of
  // the response, its comment and its audit record (PutItem, ConditionCheckItem on the ticket).
  'survey-api': { tickets: ['GetItem', 'ConditionCheckItem', 'PutItem'], audit: ['PutItem'] },
  // Survey invitations: the ticket's invitation and the address's 30-day cap (GetItem, Query), both
  // claimed in one conditional transaction (PutItem, ConditionCheckItem). The hour's
  // acknowledgement budget: a conditional UpdateItem ADD on its counter item with a conditional
  // PutItem of the acknowledgement's claim, in one transaction (no new action).
  'send-email': {
    tickets: ['GetItem', 'BatchGetItem', 'Query', 'ConditionCheckItem', 'PutItem', 'UpdateItem'],
    'tickets/index/client': ['Query'],
    audit: ['PutItem'],
    // The articles an acknowledgement names: the published set's generation and the set.
    knowledge: ['GetItem', 'Query'],
  },
  'deadline-sweeper': {
    tickets: ['GetItem', 'PutItem', 'UpdateItem'],
    'tickets/index/deadlines': ['Query'],
    audit: ['PutItem'],
  },
  // Its day's progress (GetItem, PutItem); settled tickets off the retention index (Query), a reopened
  // one taken off it (UpdateItem). A due ticket's erasure: its partition (Query), its items rewritten
  // (PutItem, UpdateItem) or deleted with its message-id and subject keys (DeleteItem). Audit:
  // ApplyRetention (PutItem).
  'retention-sweeper': {
    tickets: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
    'tickets/index/retention': ['Query'],
    audit: ['PutItem'],
  },
  'ingest-email': { tickets: ['GetItem', 'PutItem', 'UpdateItem'], audit: ['PutItem'] },
  // The mailroom's registration (GetItem), settled by a conditional UpdateItem in a transaction
  // with a refusal's audit record (PutItem); the reference counter (UpdateItem ADD).
  'ingest-postal': { tickets: ['GetItem', 'UpdateItem'], audit: ['PutItem'] },
  'mail-events': { tickets: ['ConditionCheckItem', 'PutItem'], audit: ['PutItem'] },
  // Reads the hours it seals (Query on their partitions); appends its own run record. No tickets.
  'audit-sealer': { audit: ['Query', 'PutItem'] },
  // Reads hours of the trail (Query on their partitions); appends its own record. No tickets.
  'audit-watch': { audit: ['Query', 'PutItem'] },
  // The published set (generation, one Query); seeding a new knowledge base (conditional puts, the
  // generation step). No audit record.
  'publish-help': { knowledge: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] },
  'staff-api': {
    // DeleteItem: the data protection officer's erasure (keys, index items, a survey comment).
    tickets: [
      'GetItem',
      'BatchGetItem',
      'Query',
      'ConditionCheckItem',
      'PutItem',
      'UpdateItem',
      'DeleteItem',
    ],
    'tickets/index/worklist': ['Query'],
    'tickets/index/assigned': ['Query'],
    'tickets/index/deadlines': ['Query'],
    'tickets/index/client': ['Query'],
    // A unit's callbacks to make.
    'tickets/index/callbacks': ['Query'],
    // Records and their ticket index items (PutItem); auditors read hour partitions and a ticket's
    // index items (Query), the records they point to (BatchGetItem) and a user's (the user index).
    audit: ['PutItem', 'Query', 'BatchGetItem'],
    'audit/index/user': ['Query'],
    // Editors: a head (GetItem), versions and entry ids (Query), a list's heads (BatchGetItem); a
    // change's transaction puts (head, version, slug, public entry) and updates (generation, a slug
    // given up). Nothing deleted: an entry taken off the public set is marked so.
    // DeleteItem: erasure of the assistant questions linked to a data subject.
    knowledge: ['GetItem', 'Query', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
    // The assistant's questions by day, for the supervisors' and editors' figures (§26).
    'knowledge/index/byDay': ['Query'],
    // The service-quality figures: buckets by key and a period's units. Never a write.
    figures: ['GetItem', 'BatchGetItem', 'Query'],
  },
  // The figures and its bookkeeping; the tickets only through their stream (figures-stream.test.ts).
  'aggregate-figures': {
    figures: ['GetItem', 'PutItem', 'UpdateItem'],
  },
  // No item: exports of the tickets table (analytics.test.ts).
  'export-analytics': {},
};

/** Stream actions: aggregate-figures' on the tickets stream, tested in figures-stream.test.ts. */
const streamActions = /^dynamodb:(DescribeStream|GetRecords|GetShardIterator|ListStreams)$/;
/** Export actions: export-analytics' on the tickets table, tested in analytics.test.ts. */
const exportActions = /^dynamodb:(ExportTableToPointInTime|DescribeExport)$/;
const withoutStreamGrants = (byResource: Record<string, string[]>): Record<string, string[]> =>
  Object.fromEntries(
    Object.entries(byResource)
      .map(
        ([resource, actions]) =>
          [
            resource,
            actions.filter((action) => !streamActions.test(action) && !exportActions.test(action)),
          ] as const,
      )
      .filter(([, actions]) => actions.length > 0),
  );

/**
 * The functions that compute client or subject keys and so may make MACs with the pseudonym key.
 * Written out, not read from the inventory's `pseudonyms`, like the actions above.
 */
const pseudonymUsers = [
  'assistant-api',
  'ingest-web',
  'process-intake',
  'send-email',
  'retention-sweeper',
  'ingest-email',
  'ingest-postal',
  'staff-api',
];

describe('DynamoDB and table-key grants', () => {
  /** The ARN of `tickets`, or of an index written `tickets/index/worklist`, as the template has it. */
  const arnOfTarget = (target: string): unknown => {
    const [tableId, indexName] = target.split('/index/');
    const tableArn = arnOf(stack.data.table(tableId as TableSpec['id']).table);
    return indexName ? { 'Fn::Join': ['', [tableArn, `/index/${indexName}`]] } : tableArn;
  };
  const writesAnyTable = (name: string): boolean =>
    Object.values(expectedDynamoActions[name] ?? {}).some((actions) =>
      actions.some((action) => action === 'PutItem' || action === 'UpdateItem'),
    );
  it('has an expectation for every function of the inventory', () => {
    expect(Object.keys(expectedDynamoActions).sort()).toEqual(functions.map((spec) => spec.name).sort());
  });

  it.each(functions.map((spec) => [spec.name] as const))(
    '%s may call exactly the DynamoDB actions its code uses, on those tables only',
    (name) => {
      const expected = Object.fromEntries(
        Object.entries(expectedDynamoActions[name] ?? {}).map(([target, actions]) => [
          JSON.stringify(arnOfTarget(target)),
          actions.map((action) => `dynamodb:${action}`).sort(),
        ]),
      );
      expect(withoutStreamGrants(allowedActionsByResource(statementsOf(name), 'dynamodb'))).toEqual(expected);
    },
  );

  it('no policy in the stack allows deleting (but the erasure of staff-api and retention-sweeper), scanning, batch writes, streams (but aggregate-figures) or DynamoDB wildcards', () => {
    // Reading the tickets stream, which only aggregate-figures may (figures-stream.test.ts).
    const tickets = `"${logicalId(stack.data.table('tickets').table)}"`;
    // ListStreams has no resource-level permissions: granted on `*` alone (and to aggregate-figures
    // alone, figures-stream.test.ts).
    const listsStreams = (statement: Statement) =>
      actionsOf(statement).every((action) => action === 'dynamodb:ListStreams') &&
      resourcesOf(statement).every((resource) => resource === '*');
    const readsTicketsStream = (statement: Statement) =>
      listsStreams(statement) ||
      (actionsOf(statement).every((action) => streamActions.test(action)) &&
        resourcesOf(statement).every((resource) => {
          const json = JSON.stringify(resource);
          return json.includes(tickets) && (json.includes('"StreamArn"') || json.includes('/stream/*'));
        }));
    // Erasure deletes items: the data protection officer's (staff-api) and the retention schedule's
    // (retention-sweeper), and no other function (their exact grants above).
    const erasers = new Set(
      ['staff-api', 'retention-sweeper'].flatMap((name) =>
        statementsOf(name).map((statement) => JSON.stringify(statement)),
      ),
    );
    const erases = (statement: Statement) =>
      erasers.has(JSON.stringify(statement)) && actionsOf(statement).includes('dynamodb:DeleteItem');
    const dynamoActions = allStatements()
      .filter((statement) => !readsTicketsStream(statement))
      .filter((statement) => !erases(statement))
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap(actionsOf)
      .filter((action) => action === '*' || action.startsWith('dynamodb:'));
    expect(dynamoActions.length).toBeGreaterThan(0);
    expect(
      dynamoActions.filter((action) =>
        /^\*$|^dynamodb:(.*\*.*|DeleteItem|BatchWriteItem|Scan|DescribeStream|GetRecords|GetShardIterator|ListStreams|PartiQL.*)$/.test(
          action,
        ),
      ),
    ).toEqual([]);
  });

  it('the audit table is append-only: no grant on it changes or deletes, the one write is PutItem', () => {
    const audit = logicalId(stack.data.table('audit').table);
    const onAudit = allStatements().filter(
      (statement) =>
        statement.Effect === 'Allow' &&
        resourcesOf(statement).some((resource) => JSON.stringify(resource).includes(`"${audit}"`)),
    );
    expect(onAudit.length).toBeGreaterThan(0);
    // Reading (the sealer, the access review, the auditor's view) is fine; no wildcard, no
    // UpdateItem, DeleteItem, BatchWriteItem, PartiQL or table-level action.
    const readsAndAppends = [
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
    ];
    for (const statement of onAudit)
      for (const action of actionsOf(statement)) expect(readsAndAppends).toContain(action);
  });

  it.each(functions.map((spec) => [spec.name] as const))(
    "%s may use the table key only for what its table actions need, and no other key but the queues' and the mail bucket's",
    (name) => {
      const kms = allowedActionsByResource(statementsOf(name), 'kms');
      const tableKey = JSON.stringify(arnOf(stack.data.key));
      const queueKey = JSON.stringify(arnOf(stack.queues.key));
      const storageKey = JSON.stringify(arnOf(stack.storage.key));
      // The sealer signs with the audit signing key (its own test below).
      const signingKey = JSON.stringify(arnOf(stack.auditSealing.signingKey));
      // ingest-email's and mail-events' on-failure queues have keys of their own.
      // export-analytics writes and reads the analytics bucket with its key.
      const analyticsKey = JSON.stringify(arnOf(stack.analytics.key));
      // The survey links' HMAC key: send-email signs, survey-api checks (survey-tokens.test.ts).
      const surveyKey = JSON.stringify(arnOf(stack.surveyTokens.key));
      // The keyed pseudonyms' HMAC key: MACs only, for the functions that compute client or subject
      // keys (pseudonym-key.test.ts).
      const pseudonymKey = JSON.stringify(arnOf(stack.pseudonymKey.key));
      const usesPseudonyms = pseudonymUsers.includes(name);
      expect(kms[pseudonymKey]).toEqual(usesPseudonyms ? ['kms:GenerateMac'] : undefined);
      const failureKeys = [
        stack.emailIntake.failedInvocations,
        ...stack.email.failedEvents.map((e) => e.queue),
      ].map((queue) => JSON.stringify(arnOf(queue.encryptionMasterKey!)));
      expect(
        Object.keys(kms).filter(
          (resource) =>
            resource !== queueKey &&
            resource !== storageKey &&
            !(name === 'audit-sealer' && resource === signingKey) &&
            !(name === 'export-analytics' && resource === analyticsKey) &&
            !((name === 'send-email' || name === 'survey-api') && resource === surveyKey) &&
            !(usesPseudonyms && resource === pseudonymKey) &&
            !failureKeys.includes(resource),
        ),
      ).toEqual(Object.keys(expectedDynamoActions[name] ?? {}).length > 0 ? [tableKey] : []);
      if (Object.keys(expectedDynamoActions[name] ?? {}).length === 0) return;
      expect(kms[tableKey]).toEqual(
        writesAnyTable(name)
          ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*']
          : ['kms:Decrypt'],
      );
    },
  );

  it("the table key's own policy grants the functions nothing", () => {
    const keyPolicy = JSON.stringify(resources[logicalId(stack.data.key)]?.Properties.KeyPolicy);
    for (const fn of stack.functions.all) expect(keyPolicy).not.toContain(logicalId(fn.role));
  });
});

/**
 * What each list index keeps of a ticket besides its keys: rows, never bodies. Written out here,
 * not read from the port, so that widening a projection (a cost on every ticket write) fails this
 * test until it is reviewed here too.
 */
const listed = [
  'reference',
  'competence',
  'status',
  'channel',
  'subject',
  'client',
  'receivedAt',
  'answerDeadline',
  'expectedAnswerBy',
  'assignee',
  'review',
  'callback',
  'postal',
  'transcription',
];
const expectedProjections: Record<string, readonly string[]> = {
  worklist: listed,
  assigned: listed,
  deadlines: [...listed, 'deadlineFlag', 'deadlineFlaggedAt', 'deadlineFlaggedFor', 'deadlineReportedOn'],
  client: listed,
  callbacks: listed,
  // The retention sweeper's settled tickets: no row, no personal data, only what it erases by.
  retention: ['reference', 'status'],
};

describe('the ticket indexes', () => {
  const indexes = tables.find((table) => table.id === 'tickets')?.globalIndexes ?? [];

  it.each(Object.entries(expectedProjections))(
    '%s keeps the rows a list shows (the retention index less), never a body',
    (name, kept) => {
      const index = indexes.find((candidate) => candidate.name === name);
      expect(index?.include).toEqual(kept);
      expect(index?.include).not.toContain('body');
      expect(index?.include).not.toContain('bodyHtml');
    },
  );

  it('projects every ticket index (none keeps all attributes)', () => {
    expect(indexes.map((index) => index.name).sort()).toEqual(Object.keys(expectedProjections).sort());
  });

  it('keeps what a ticket summary and the access check read', () => {
    const client = indexes.find((index) => index.name === 'client');
    // Every field of a summary (and of visibleTo) is projected: badges of a callback, a review and
    // a scan to transcribe included.
    const ticket = testTicket('TA-2026-000001', 'court-fees', {
      answerDeadline: '2026-11-28',
      receivedAt: '2026-11-27T10:00:00.000Z',
      assignee: 'agent',
      review: { reason: 'service-ended', since: '2026-11-27T10:00:01.000Z' },
      callback: { phone: '+37120000000' },
      postal: { needsTranscription: true } as Ticket['postal'],
    });
    const projected = Object.fromEntries(
      Object.entries(ticket).filter(([key]) => (client?.include ?? []).includes(key)),
    ) as unknown as Ticket;
    const dates = { today: '2026-11-27', dueThrough: '2026-11-30' };
    expect(ticketSummary(projected, dates)).toEqual(ticketSummary(ticket, dates));
    expect(ticketSummary(ticket, dates)).toMatchObject({
      deadlineBadge: 'due-soon',
      review: true,
      assignee: 'agent',
      callbackPending: true,
      needsTranscription: true,
    });
  });
});
