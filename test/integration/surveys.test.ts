/**
 * The survey items' port on DynamoDB Local and in memory, with one contract: the ticket read
 * without its client's data, a first response once, a change on the version read only, the
 * comment item kept and emptied, a reopened ticket refused, the audit record in the same write.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditItem } from '../../shared/adapters/dynamodb/audit-log.ts';
import { DynamoSurveyFeedback } from '../../shared/adapters/dynamodb/survey-feedback.ts';
import { DynamoSurveys } from '../../shared/adapters/dynamodb/surveys.ts';
import { MemorySurveys } from '../../shared/adapters/memory/surveys.ts';
import { auditEventSource, auditRecord, ticketResource } from '../../shared/domain/audit-event.ts';
import type { SurveyResponse } from '../../shared/domain/survey.ts';
import type { TicketStatus } from '../../shared/domain/ticket.ts';
import type { Surveys, SurveyTicket } from '../../shared/ports/surveys.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';

interface Harness {
  readonly surveys: Surveys;
  putTicket(reference: string, status: TicketStatus): Promise<void>;
  item(reference: string, sk: string): Promise<Record<string, unknown> | undefined>;
  audited(record: ReturnType<typeof auditRecord>): Promise<boolean>;
}

let dynamo: TestDynamo;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  dynamo = await startTestDynamo();
  documents = dynamo.documents;
});

afterAll(async () => {
  await dynamo?.stop();
});

const ticketItem = (reference: string, status: TicketStatus) => ({
  pk: `TICKET#${reference}`,
  sk: 'TICKET',
  type: 'ticket',
  reference,
  status,
  competence: 'court-fees',
  channel: 'email',
  language: 'en',
  client: { name: 'Anna Kalniņa', email: 'anna@example.lv' },
  body: 'Personal text',
  statusChanges: [
    { from: 'open', to: 'answered', by: 'agent', at: '2026-03-01T08:00:00.000Z' },
    { from: 'answered', to: 'closed', by: 'agent', at: '2026-03-02T08:00:00.000Z' },
  ],
});

const harnesses: [string, () => Harness][] = [
  [
    'DynamoDB',
    () => {
      const tables = { client: documents, ticketsTable: 'tickets', auditTable: 'audit' };
      return {
        surveys: new DynamoSurveys(tables),
        putTicket: async (reference, status) => {
          await documents.send(new PutCommand({ TableName: 'tickets', Item: ticketItem(reference, status) }));
        },
        item: async (reference, sk) =>
          (
            await documents.send(
              new GetCommand({ TableName: 'tickets', Key: { pk: `TICKET#${reference}`, sk } }),
            )
          ).Item,
        audited: async (record) => {
          const { pk, sk } = auditItem(record);
          return (
            (await documents.send(new GetCommand({ TableName: 'audit', Key: { pk, sk } }))).Item !== undefined
          );
        },
      };
    },
  ],
  [
    'memory',
    () => {
      const surveys = new MemorySurveys();
      return {
        surveys,
        putTicket: async (reference, status) => {
          surveys.items.set(`TICKET#${reference}\nTICKET`, ticketItem(reference, status));
        },
        item: async (reference, sk) => surveys.items.get(`TICKET#${reference}\n${sk}`),
        audited: async (record) => surveys.audit.some((entry) => entry.eventID === record.eventID),
      };
    },
  ],
];

let sequence = 0;
const next = () => {
  sequence += 1;
  return sequence;
};
const newReference = () => `TA-2026-${String(700_000 + next() + Math.floor(Math.random() * 1000) * 100)}`;
const anAudit = (reference: string) =>
  auditRecord({
    eventTime: '2026-03-03T10:00:00.000Z',
    eventSource: auditEventSource,
    eventName: 'RecordSurveyResponse',
    userIdentity: { type: 'Anonymous', invokedBy: 'survey-api' },
    sourceIPAddress: '198.51.100.1',
    userAgent: 'test',
    requestParameters: null,
    responseElements: null,
    requestID: 'request',
    eventID: `event-${reference}-${next()}`,
    readOnly: false,
    resources: [ticketResource(reference)],
  });
const response = (version: number, change: Partial<SurveyResponse> = {}): SurveyResponse => ({
  satisfaction: 2,
  answered: 'no',
  comment: 'Par ilgu',
  respondedAt: '2026-03-03T10:00:00.000Z',
  updatedAt: '2026-03-03T10:00:00.000Z',
  version,
  ...change,
});

describe.each(harnesses)('survey items: %s', (_name, make) => {
  it('reads the ticket without its client’s data, and no response; nothing for an unknown ticket', async () => {
    const { surveys, putTicket } = make();
    const reference = newReference();
    expect(await surveys.surveyOf(reference)).toBeUndefined();
    await putTicket(reference, 'closed');
    const state = await surveys.surveyOf(reference);
    expect(state).toEqual({
      ticket: {
        reference,
        status: 'closed',
        competence: 'court-fees',
        channel: 'email',
        language: 'en',
        answeredAt: '2026-03-02T08:00:00.000Z',
      } satisfies SurveyTicket,
    });
  });

  it('writes a first response once, with its comment, its list keys and its audit record', async () => {
    const { surveys, putTicket, item, audited } = make();
    const reference = newReference();
    await putTicket(reference, 'answered');
    const ticket = (await surveys.surveyOf(reference))?.ticket as SurveyTicket;
    const audit = anAudit(reference);
    expect(await surveys.saveResponse({ ticket, response: response(1) }, audit)).toBe('saved');
    expect(await audited(audit)).toBe(true);
    expect(await surveys.saveResponse({ ticket, response: response(1) }, anAudit(reference))).toBe(
      'conflict',
    );
    expect((await surveys.surveyOf(reference))?.response).toEqual(response(1));
    expect(await item(reference, 'SURVEY')).toMatchObject({
      type: 'survey',
      competence: 'court-fees',
      channel: 'email',
      language: 'en',
      worklistKey: expect.stringMatching(/^court-fees#feedback#[0-7]$/),
      receivedKey: `2026-03-03T10:00:00.000Z#${reference}`,
    });
    expect(await item(reference, 'SURVEY#COMMENT')).toMatchObject({
      type: 'survey-comment',
      comment: 'Par ilgu',
      worklistKey: expect.stringMatching(/^court-fees#comments#[0-7]$/),
    });
  });

  it('changes a response on the version read only; a dropped comment is emptied and off its list', async () => {
    const { surveys, putTicket, item } = make();
    const reference = newReference();
    await putTicket(reference, 'answered');
    const ticket = (await surveys.surveyOf(reference))?.ticket as SurveyTicket;
    await surveys.saveResponse({ ticket, response: response(1) }, anAudit(reference));
    const changed = response(2, { satisfaction: 5, answered: 'yes', comment: undefined });
    const { comment: _dropped, ...withoutComment } = changed;
    const stale = response(0);
    expect(
      await surveys.saveResponse({ ticket, response: withoutComment, previous: stale }, anAudit(reference)),
    ).toBe('conflict');
    expect(
      await surveys.saveResponse(
        { ticket, response: withoutComment, previous: response(1) },
        anAudit(reference),
      ),
    ).toBe('saved');
    const survey = await item(reference, 'SURVEY');
    expect(survey).toMatchObject({ version: 2, satisfaction: 5 });
    expect(survey).not.toHaveProperty('worklistKey');
    const comment = await item(reference, 'SURVEY#COMMENT');
    expect(comment).not.toHaveProperty('comment');
    expect(comment).not.toHaveProperty('worklistKey');
  });

  it('refuses a response to a ticket reopened since it was read', async () => {
    const { surveys, putTicket, item } = make();
    const reference = newReference();
    await putTicket(reference, 'answered');
    const ticket = (await surveys.surveyOf(reference))?.ticket as SurveyTicket;
    await putTicket(reference, 'open');
    expect(await surveys.saveResponse({ ticket, response: response(1) }, anAudit(reference))).toBe(
      'not-answered',
    );
    expect(await item(reference, 'SURVEY')).toBeUndefined();
  });
});

describe('survey items on DynamoDB: a follow-up and a client change at once', () => {
  it('a follow-up raises the version, so the client’s change on the version before conflicts', async () => {
    const tables = { client: documents, ticketsTable: 'tickets', auditTable: 'audit' };
    const surveys = new DynamoSurveys(tables);
    const feedback = new DynamoSurveyFeedback(tables);
    const reference = newReference();
    await documents.send(new PutCommand({ TableName: 'tickets', Item: ticketItem(reference, 'answered') }));
    const ticket = (await surveys.surveyOf(reference))?.ticket as SurveyTicket;
    await surveys.saveResponse({ ticket, response: response(1) }, anAudit(reference));
    // The supervisor follows up version 1 …
    const followUp = { by: 'supervisor.sandra', at: '2026-03-04T10:00:00.000Z' };
    expect(
      await feedback.followUp(
        { reference, competence: 'court-fees', version: 1 },
        followUp,
        anAudit(reference),
      ),
    ).toBe(true);
    // … while the client's change, read on version 1, is written: it conflicts, nothing is lost.
    expect(
      await surveys.saveResponse(
        { ticket, response: response(2, { satisfaction: 1 }), previous: response(1) },
        anAudit(reference),
      ),
    ).toBe('conflict');
    const state = await surveys.surveyOf(reference);
    expect(state?.response).toMatchObject({ version: 2, satisfaction: 2, followUp });
  });
});
