/**
 * The survey's responses as staff-api reads them, on the memory fakes and on DynamoDB Local: the
 * ticket desk reads the response with the partition, the unit's follow-up and comment lists page
 * newest first, and a follow-up takes a response off its list once, with its audit record. The
 * items are written as survey-api writes them (the layout of the `SURVEY` and `SURVEY#COMMENT` items).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSurveyFeedback } from '../../shared/adapters/dynamodb/survey-feedback.ts';
import { MemorySurveyFeedback } from '../../shared/adapters/memory/survey-feedback.ts';
import type { MemoryTicketStore } from '../../shared/adapters/memory/ticket-store.ts';
import type { AuditRecord } from '../../shared/domain/audit-event.ts';
import type { CompetenceId } from '../../shared/domain/competences.ts';
import { InvalidCursor } from '../../shared/domain/page-cursor.ts';
import type { SurveyResponse } from '../../shared/domain/survey-response.ts';
import type { SurveyFeedback } from '../../shared/ports/survey-feedback.ts';
import type { TicketDesk } from '../../shared/ports/ticket-desk.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { surveyItems } from '../support/survey-items.ts';
import { newTicket } from '../support/tickets.ts';
import {
  anAudit,
  aTicket,
  dynamoPorts,
  memoryPorts,
  type PortsUnderTest,
  unique,
  uniqueUnit,
} from './ports/ports-under-test.ts';

interface Under {
  readonly ports: PortsUnderTest;
  readonly feedback: SurveyFeedback;
  /** Stores the response as survey-api does: its `SURVEY` item, and its comment's item. */
  respond(response: SurveyResponse): Promise<void>;
  audited(record: AuditRecord): Promise<boolean>;
}

function memoryUnder(): Under {
  const ports = memoryPorts();
  const store = ports.store as MemoryTicketStore;
  const feedback = new MemorySurveyFeedback(store);
  return {
    ports,
    feedback,
    async respond(response) {
      store.surveys.set(response.reference, response);
    },
    async audited(record) {
      return feedback.audit.some((written) => written.eventID === record.eventID);
    },
  };
}

function dynamoUnder(dynamo: TestDynamo): Under {
  const ports = dynamoPorts(dynamo);
  const tables = {
    client: dynamo.documents,
    ticketsTable: dynamo.tables.tickets,
    auditTable: dynamo.tables.audit,
  };
  return {
    ports,
    feedback: new DynamoSurveyFeedback(tables),
    async respond(response) {
      for (const item of surveyItems(response))
        await dynamo.documents.send(new PutCommand({ TableName: dynamo.tables.tickets, Item: item }));
    },
    audited: (record) => ports.audited(record),
  };
}

let dynamo: TestDynamo | undefined;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.stop();
});

function aResponse(
  reference: string,
  competence: CompetenceId,
  fields: Partial<SurveyResponse> = {},
): SurveyResponse {
  return {
    reference,
    competence,
    channel: 'web',
    language: 'lv',
    satisfaction: 2,
    answered: 'partly',
    respondedAt: '2026-12-05T09:00:00.000Z',
    updatedAt: '2026-12-05T09:00:00.000Z',
    version: 1,
    ...fields,
  };
}

async function allRows(feedback: SurveyFeedback, unit: string, list: 'followup' | 'comments', limit: number) {
  const rows: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await feedback.list(unit, list, { limit, cursor });
    rows.push(...page.items.map((item) => item.reference));
    cursor = page.cursor;
  } while (cursor);
  return rows;
}

describe.each([
  ['memory', memoryUnder],
  ['DynamoDB Local', () => dynamoUnder(dynamo as TestDynamo)],
] as const)('on %s', (_name, make) => {
  it('reads the response with the ticket’s partition; none before the client answers', async () => {
    const { ports, respond } = make();
    const desk: TicketDesk = ports.desk;
    const ticket = aTicket(uniqueUnit(), { status: 'answered' });
    await ports.store.createTickets([newTicket(ticket)]);
    expect((await desk.record(ticket.reference))?.survey).toBeUndefined();
    const response = aResponse(ticket.reference, ticket.competence, {
      satisfaction: 1,
      answered: 'no',
      comment: 'Neviens neatbildēja. Rakstiet anna@example.lv',
      version: 2,
      updatedAt: '2026-12-06T09:00:00.000Z',
    });
    await respond(response);
    expect((await desk.record(ticket.reference))?.survey).toEqual(response);
  });

  it('lists a unit’s responses to follow up and its comments, newest first, page by page', async () => {
    const { feedback, respond } = make();
    const unit = uniqueUnit();
    const references = Array.from({ length: 7 }, () => unique('TA'));
    // Day i: the later, the earlier in the lists. Odd ones low scores, every third with a comment.
    const responses = references.map((reference, i) =>
      aResponse(reference, unit, {
        satisfaction: i % 2 ? 1 : 4,
        answered: i === 6 ? 'no' : 'yes',
        respondedAt: `2026-12-1${i}T08:00:00.000Z`,
        updatedAt: `2026-12-1${i}T08:00:00.000Z`,
        ...(i % 3 === 0 ? { comment: `Komentārs ${i}` } : {}),
      }),
    );
    for (const response of responses) await respond(response);
    await respond(aResponse(unique('TA'), uniqueUnit(), { satisfaction: 1, comment: 'Cita vienība' }));
    const newestFirst = [...references].reverse();
    expect(await allRows(feedback, unit, 'followup', 2)).toEqual(
      newestFirst.filter((_, j) => [1, 3, 5, 6].includes(references.length - 1 - j)),
    );
    expect(await allRows(feedback, unit, 'comments', 1)).toEqual(
      newestFirst.filter((_, j) => (references.length - 1 - j) % 3 === 0),
    );
    const first = await feedback.list(unit, 'comments', { limit: 5 });
    expect(first.items[0]).toMatchObject({ comment: 'Komentārs 6', satisfaction: 4, answered: 'no' });
  });

  it('refuses a cursor of another list', async () => {
    const { feedback, respond } = make();
    const unit = uniqueUnit();
    for (let i = 0; i < 3; i += 1)
      await respond(aResponse(unique('TA'), unit, { satisfaction: 1, comment: 'x' }));
    const page = await feedback.list(unit, 'followup', { limit: 1 });
    expect(page.cursor).toBeDefined();
    if (_name !== 'memory')
      await expect(feedback.list(unit, 'comments', { limit: 1, cursor: page.cursor })).rejects.toBeInstanceOf(
        InvalidCursor,
      );
    await expect(
      feedback.list(unit, 'followup', { limit: 1, cursor: 'not-a-cursor!' }),
    ).rejects.toBeInstanceOf(InvalidCursor);
  });

  it('records a follow-up once, as seen, with its audit record: off the follow-up list', async () => {
    const { feedback, respond, audited } = make();
    const unit = uniqueUnit();
    const response = aResponse(unique('TA'), unit, { satisfaction: 1, comment: 'Slikti' });
    await respond(response);
    const followUp = { by: 'supervisor.sandra', at: '2026-12-07T10:00:00.000Z', note: 'Piezvanīju' };
    const changed = { ...response, version: 2 };
    expect(await feedback.followUp(changed, followUp, anAudit('FollowUpSurveyFeedback', followUp.at))).toBe(
      false,
    );
    const audit = anAudit('FollowUpSurveyFeedback', followUp.at, [response.reference]);
    expect(await feedback.followUp(response, followUp, audit)).toBe(true);
    expect(await audited(audit)).toBe(true);
    // The version goes up: a client's change made on the version before fails and is read again.
    expect(await feedback.response(response.reference)).toEqual({ ...response, followUp, version: 2 });
    expect((await feedback.list(unit, 'followup', { limit: 10 })).items).toEqual([]);
    // The comment stays on the comments list.
    expect((await feedback.list(unit, 'comments', { limit: 10 })).items).toHaveLength(1);
    const again = anAudit('FollowUpSurveyFeedback', followUp.at, [response.reference]);
    expect(await feedback.followUp(response, followUp, again)).toBe(false);
    expect(await audited(again)).toBe(false);
  });
});
