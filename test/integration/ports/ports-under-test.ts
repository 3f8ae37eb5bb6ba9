/**
 * The ticket table's ports twice over — the memory fakes and the DynamoDB adapters on DynamoDB
 * Local — so that one contract suite per port runs on both, and a fake cannot drift from the real
 * store. Each DynamoDB set shares one table; the fixtures below make every test's keys unique.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { auditItem } from '../../../shared/adapters/dynamodb/audit-log.ts';
import { DynamoDeadlineSweepStore } from '../../../shared/adapters/dynamodb/deadline-sweep-store.ts';
import { DynamoPostalDesk, letterItem } from '../../../shared/adapters/dynamodb/postal-desk.ts';
import { DynamoQuarantineDesk } from '../../../shared/adapters/dynamodb/quarantine-desk.ts';
import { DynamoQuestionLog } from '../../../shared/adapters/dynamodb/question-log.ts';
import { DynamoStaffSessions } from '../../../shared/adapters/dynamodb/staff-sessions.ts';
import { DynamoTicketDesk } from '../../../shared/adapters/dynamodb/ticket-desk.ts';
import { DynamoTicketStore } from '../../../shared/adapters/dynamodb/ticket-store.ts';
import { DynamoWorklists } from '../../../shared/adapters/dynamodb/worklists.ts';
import { MemoryStaffSessions } from '../../../shared/adapters/memory/audit-trail.ts';
import { MemoryDeadlineSweepStore } from '../../../shared/adapters/memory/deadline-sweep.ts';
import {
  MemoryAuditLog,
  MemoryTicketDesk,
  MemoryTicketStore,
  MemoryWorklists,
} from '../../../shared/adapters/memory/index.ts';
import { MemoryPostalDesk } from '../../../shared/adapters/memory/postal.ts';
import { MemoryQuarantineDesk } from '../../../shared/adapters/memory/quarantine.ts';
import { MemoryQuestionLog } from '../../../shared/adapters/memory/question-log.ts';
import type { AuditEventName } from '../../../shared/domain/audit-catalogue.ts';
import {
  type AuditRecord,
  auditEventSource,
  auditRecord,
  ticketResource,
} from '../../../shared/domain/audit-event.ts';
import type { CompetenceId } from '../../../shared/domain/competences.ts';
import type { RetentionSchedule } from '../../../shared/domain/retention.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import type { StaffSessions } from '../../../shared/ports/audit-trail.ts';
import type { Clock } from '../../../shared/ports/clock.ts';
import type { DeadlineSweepStore } from '../../../shared/ports/deadline-sweep.ts';
import type { LetterRecord, PostalDesk } from '../../../shared/ports/postal.ts';
import type { QuarantineDesk } from '../../../shared/ports/quarantine.ts';
import type { QuestionLog } from '../../../shared/ports/question-log.ts';
import type { TicketDesk } from '../../../shared/ports/ticket-desk.ts';
import type { TicketStore } from '../../../shared/ports/ticket-store.ts';
import type { ListedTicket, Worklists } from '../../../shared/ports/worklists.ts';
import type { StaffMember } from '../../../shared/use-cases/staff-audit.ts';
import { takeNextTicket } from '../../../shared/use-cases/take-ticket.ts';
import type { TestDynamo } from '../../support/dynamo.ts';
import { testTicket } from '../../support/tickets.ts';

export interface PortsUnderTest {
  /** Intake, reader, threading, outbound, counters, ticket moves and mail quarantine. */
  readonly store: TicketStore;
  readonly worklists: Worklists;
  readonly desk: TicketDesk;
  readonly quarantine: QuarantineDesk;
  readonly postal: PostalDesk;
  readonly sessions: StaffSessions;
  readonly sweep: DeadlineSweepStore;
  /** The assistant's question log (on the knowledge table). */
  readonly questionLog: QuestionLog;
  /** Stores a letter as send-email does with its send record. */
  addLetter(letter: LetterRecord): Promise<void>;
  /** Whether the record was written (with the write it belongs to). */
  audited(record: AuditRecord): Promise<boolean>;
}

export interface PortsOptions {
  /** The retention schedule of the items that expire (`expiresAt`); the defaults when absent. */
  readonly retention?: RetentionSchedule;
}

export type MakePorts = (options?: PortsOptions) => PortsUnderTest;

/** The instant the contracts read at: after the tickets' and messages' times (1–3 December 2026), before any expiry. */
export const contractNow = new Date('2026-12-03T12:00:00.000Z');

export function memoryPorts(options: PortsOptions = {}): PortsUnderTest {
  const store = new MemoryTicketStore(options);
  const log = new MemoryAuditLog();
  const worklists = new MemoryWorklists(store);
  const quarantine = new MemoryQuarantineDesk(store);
  const postal = new MemoryPostalDesk();
  const written = () => [
    ...store.audit,
    ...log.records,
    ...worklists.audit,
    ...quarantine.audit,
    ...postal.audit,
  ];
  return {
    store,
    worklists,
    desk: new MemoryTicketDesk(store),
    quarantine,
    postal,
    sessions: new MemoryStaffSessions(log),
    sweep: new MemoryDeadlineSweepStore(store, log),
    questionLog: new MemoryQuestionLog(options),
    async addLetter(letter) {
      postal.addLetter(letter);
    },
    async audited(record) {
      return written().some((written) => written.eventID === record.eventID);
    },
  };
}

export function dynamoPorts(dynamo: TestDynamo, options: PortsOptions = {}): PortsUnderTest {
  const tables = {
    client: dynamo.documents,
    ticketsTable: dynamo.tables.tickets,
    auditTable: dynamo.tables.audit,
    ...options,
  };
  return {
    store: new DynamoTicketStore(tables),
    worklists: new DynamoWorklists(tables),
    desk: new DynamoTicketDesk(tables),
    quarantine: new DynamoQuarantineDesk(tables),
    postal: new DynamoPostalDesk(tables),
    sessions: new DynamoStaffSessions(tables),
    sweep: new DynamoDeadlineSweepStore(tables),
    questionLog: new DynamoQuestionLog({
      client: dynamo.documents,
      knowledgeTable: dynamo.tables.knowledge,
      ...options,
    }),
    async addLetter(letter) {
      await dynamo.documents.send(
        new PutCommand({ TableName: tables.ticketsTable, Item: letterItem(letter) }),
      );
    },
    async audited(record) {
      const { pk, sk } = auditItem(record);
      const result = await dynamo.documents.send(
        new GetCommand({ TableName: tables.auditTable, Key: { pk, sk } }),
      );
      return result.Item !== undefined;
    },
  };
}

const run = randomUUID().slice(0, 8);
let sequence = 0;

/** A name no other test of this run uses (tests share the DynamoDB table). */
export function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}-${run}-${sequence}`;
}

/** A unit of its own, so that its lists hold only this test's tickets. */
export function uniqueUnit(): CompetenceId {
  return unique('unit') as CompetenceId;
}

/** A new ticket of `competence` with a reference and a client address of its own. */
export function aTicket(
  competence: CompetenceId,
  fields: Partial<Ticket> & { receivedAt?: string; answerDeadline?: string } = {},
): Ticket {
  const reference = fields.reference ?? unique('TA');
  return testTicket(reference, competence, {
    receivedAt: '2026-12-01T08:00:00.000Z',
    answerDeadline: '2026-12-15',
    client: { name: 'Anna Kalniņa', email: `${reference.toLowerCase()}@example.lv` },
    ...fields,
  });
}

/** An audit record of a write about `references`, with an id of its own. */
export function anAudit(
  eventName: AuditEventName,
  at: string,
  references: readonly string[] = [],
): AuditRecord {
  return auditRecord({
    eventTime: at,
    eventSource: auditEventSource,
    eventName,
    userIdentity: { type: 'Staff', principalId: 'agent.anna', userName: 'agent.anna' },
    sourceIPAddress: '192.0.2.1',
    userAgent: 'contract-test',
    requestParameters: null,
    responseElements: null,
    requestID: randomUUID(),
    eventID: randomUUID(),
    readOnly: false,
    resources: references.map(ticketResource),
  });
}

/** Staff taking next at the same time until nothing waits: what each one took, in order. */
export function takeUntilNoneWaits(
  deps: { readonly worklists: Worklists; readonly clock: Clock },
  takers: readonly StaffMember[],
): Promise<ListedTicket[][]> {
  return Promise.all(
    takers.map(async (staff) => {
      const mine: ListedTicket[] = [];
      for (
        let ticket = await takeNextTicket(deps, staff);
        ticket;
        ticket = await takeNextTicket(deps, staff)
      ) {
        mine.push(ticket);
      }
      return mine;
    }),
  );
}
