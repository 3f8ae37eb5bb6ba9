/**
 * The data protection officer's look-ups on DynamoDB (`DataSubjectRecords`): tickets by the
 * data-subject index (`SUBJECT#<key>` items, see `./data-subject-items.ts`) and by the client index
 * (`client` GSI, `clientKey`), a ticket's partition read as its client's records, and the
 * assistant questions linked to a subject in the knowledge table. Queries only, never a scan.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { expiredAt } from '../../domain/retention.ts';
import type { Ticket } from '../../domain/ticket.ts';
import type { DataSubjectRecords, SubjectQuestion, SubjectTicketRecords } from '../../ports/data-subjects.ts';
import type { SubjectQuestions } from '../../ports/subject-questions.ts';
import { deliveriesOf, filesOf, subjectPartition, subjectQuestionKey } from './data-subject-items.ts';
import { batchGetAll, type Item, queryPartition } from './items.ts';
import { questionKey } from './question-log.ts';
import { toThreadMessage, toTicket } from './ticket-items.ts';
import { ticketPartition } from './ticket-keys.ts';
import type { DynamoTables } from './tickets-table.ts';

export interface DataSubjectTables extends DynamoTables {
  /** The knowledge table, where the assistant's questions are logged. */
  readonly knowledgeTable: string;
}

export class DynamoDataSubjectRecords implements DataSubjectRecords, SubjectQuestions {
  readonly #tables: DataSubjectTables;

  constructor(tables: DataSubjectTables) {
    this.#tables = tables;
  }

  async ticketsOf(keys: readonly string[]): Promise<string[]> {
    const { client, ticketsTable } = this.#tables;
    const found = new Map<string, string>();
    for (const key of new Set(keys)) {
      if (key.startsWith('client-')) {
        let startKey: Item | undefined;
        do {
          const page = await client.send(
            new QueryCommand({
              TableName: ticketsTable,
              IndexName: 'client',
              KeyConditionExpression: 'clientKey = :key',
              ExpressionAttributeValues: { ':key': key },
              ProjectionExpression: '#reference, receivedKey',
              ExpressionAttributeNames: { '#reference': 'reference' },
              ExclusiveStartKey: startKey,
            }),
          );
          for (const item of page.Items ?? [])
            found.set(String(item.reference), String(item.receivedKey ?? ''));
          startKey = page.LastEvaluatedKey;
        } while (startKey);
      } else {
        for (const item of await queryPartition(client, ticketsTable, subjectPartition(key)))
          if (typeof item.reference === 'string' && !found.has(item.reference)) found.set(item.reference, '');
      }
    }
    return this.#oldestFirst(found);
  }

  async ticketRecords(reference: string): Promise<SubjectTicketRecords | undefined> {
    const partition = await queryPartition(
      this.#tables.client,
      this.#tables.ticketsTable,
      ticketPartition(reference),
      {
        consistent: true,
      },
    );
    const ticketItem = partition.find((item) => item.sk === 'TICKET');
    if (!ticketItem) return undefined;
    return recordsOf(toTicket(ticketItem), partition);
  }

  async questionsOf(keys: readonly string[], now: Date): Promise<SubjectQuestion[]> {
    const { client, knowledgeTable } = this.#tables;
    const ids = new Set<string>();
    for (const key of new Set(keys))
      for (const item of await queryPartition(client, knowledgeTable, subjectPartition(key)))
        if (String(item.sk).startsWith('QUESTION#')) ids.add(String(item.sk).slice('QUESTION#'.length));
    if (ids.size === 0) return [];
    const items = await batchGetAll(client, knowledgeTable, [...ids].map(questionKey));
    return items
      .filter((item) => !expiredAt(item.expiresAt, now))
      .map((item) => ({
        id: String(item.questionId),
        askedAt: String(item.loggedAt),
        text: String(item.text),
      }))
      .sort((a, b) => (a.askedAt < b.askedAt ? -1 : a.askedAt > b.askedAt ? 1 : 0));
  }

  async deleteQuestionsOf(keys: readonly string[]): Promise<number> {
    const { client, knowledgeTable } = this.#tables;
    const ids = new Set<string>();
    for (const key of new Set(keys))
      for (const link of await queryPartition(client, knowledgeTable, subjectPartition(key))) {
        const sk = String(link.sk);
        if (!sk.startsWith('QUESTION#')) continue;
        const id = sk.slice('QUESTION#'.length);
        // The question first (its item, and so its `byDay` entry, keeps only what the figures
        // count): a crash in between leaves a link to an erased question, found and done again.
        // Its links by the other subjects it named go with it.
        const question = await eraseQuestion(client, knowledgeTable, id);
        const others = Array.isArray(question?.subjectKeys) ? (question.subjectKeys as string[]) : [];
        for (const other of others.filter((subject) => subjectPartition(subject) !== link.pk))
          await client.send(
            new DeleteCommand({ TableName: knowledgeTable, Key: subjectQuestionKey(other, id) }),
          );
        await client.send(
          new DeleteCommand({ TableName: knowledgeTable, Key: { pk: link.pk, sk: link.sk } }),
        );
        ids.add(id);
      }
    return ids.size;
  }

  /** References by receipt, oldest first; those found by the subject index alone are read for it. */
  async #oldestFirst(found: Map<string, string>): Promise<string[]> {
    const unknown = [...found].filter(([, received]) => !received).map(([reference]) => reference);
    if (unknown.length) {
      const items = await batchGetAll(
        this.#tables.client,
        this.#tables.ticketsTable,
        unknown.map((reference) => ({ pk: ticketPartition(reference), sk: 'TICKET' })),
      );
      const byReference = new Map(items.map((item) => [String(item.reference), String(item.receivedAt)]));
      for (const reference of unknown) {
        const receivedAt = byReference.get(reference);
        if (receivedAt) found.set(reference, receivedAt);
        else found.delete(reference);
      }
    }
    return [...found]
      .sort(([a, at], [b, bt]) => (at < bt ? -1 : at > bt ? 1 : a < b ? -1 : 1))
      .map(([r]) => r);
  }
}

/**
 * Empties a logged question's text and normalised form (`erased`, see `SubjectQuestions`); what it
 * was before (for its `subjectKeys`), or undefined when it is gone (expired).
 */
async function eraseQuestion(
  client: DynamoDBDocumentClient,
  table: string,
  id: string,
): Promise<Item | undefined> {
  try {
    const { Attributes } = await client.send(
      new UpdateCommand({
        TableName: table,
        Key: questionKey(id),
        UpdateExpression: 'SET #text = :empty, normalised = :empty, erased = :erased REMOVE subjectKeys',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#text': 'text' },
        ExpressionAttributeValues: { ':empty': '', ':erased': true },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** A ticket's partition as its client's records. */
export function recordsOf(ticket: Ticket, partition: readonly Item[]): SubjectTicketRecords {
  const survey = partition.find((item) => item.sk === 'SURVEY');
  return {
    ticket,
    messages: partition.filter((item) => String(item.sk).startsWith('MESSAGE#')).map(toThreadMessage),
    deliveries: deliveriesOf(partition),
    files: filesOf(ticket, partition),
    ...(survey
      ? {
          survey: {
            satisfaction: Number(survey.satisfaction),
            answered: String(survey.answered),
            ...(typeof survey.comment === 'string' && survey.comment ? { comment: survey.comment } : {}),
          },
        }
      : {}),
  };
}
