/**
 * What erasure of a data subject finds beyond the ticket's own partition, on both adapters (the
 * memory fakes, and DynamoDB Local with the same files fake): the intake's idempotency records of
 * the ticket and of each follow-up mail, the follow-up's raw mail and attachments (every version),
 * the mailroom's registration of a letter, and the assistant questions that named the subject.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTicketErasure } from '../../shared/adapters/dynamodb/data-subject-erasure.ts';
import { DynamoDataSubjectRecords } from '../../shared/adapters/dynamodb/data-subjects.ts';
import { DynamoTicketIntake } from '../../shared/adapters/dynamodb/intake.ts';
import { DynamoPostalDesk } from '../../shared/adapters/dynamodb/postal-desk.ts';
import { DynamoQuestionLog } from '../../shared/adapters/dynamodb/question-log.ts';
import { messagePut } from '../../shared/adapters/dynamodb/ticket-items.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { MemoryDataSubjects } from '../../shared/adapters/memory/data-subjects.ts';
import { MemoryTicketStore } from '../../shared/adapters/memory/index.ts';
import { MemoryObjectVersions } from '../../shared/adapters/memory/object-versions.ts';
import { MemoryPostalDesk } from '../../shared/adapters/memory/postal.ts';
import { MemoryQuestionLog } from '../../shared/adapters/memory/question-log.ts';
import type { IntakeMessage } from '../../shared/domain/intake-message.ts';
import type { PostRegistration } from '../../shared/domain/postal-registration.ts';
import { normaliseEmail, normalisePhone, subjectKey } from '../../shared/domain/pseudonyms.ts';
import type { Ticket } from '../../shared/domain/ticket.ts';
import type { DataSubjectRecords, TicketErasure } from '../../shared/ports/data-subjects.ts';
import type { IdempotencyStore } from '../../shared/ports/intake.ts';
import type { PostalDesk } from '../../shared/ports/postal.ts';
import type { QuestionLog } from '../../shared/ports/question-log.ts';
import type { SubjectQuestions } from '../../shared/ports/subject-questions.ts';
import type { ThreadMessage } from '../../shared/ports/thread-message.ts';
import type { TicketStore } from '../../shared/ports/ticket-store.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { newTicket } from '../support/tickets.ts';
import { anAudit, aTicket, unique, uniqueUnit } from './ports/ports-under-test.ts';

interface Subjects {
  readonly store: TicketStore;
  readonly records: DataSubjectRecords & SubjectQuestions;
  readonly erasure: TicketErasure;
  readonly files: MemoryObjectVersions;
  readonly idempotency: IdempotencyStore;
  readonly postal: PostalDesk;
  readonly questionLog: QuestionLog;
  create(ticket: Ticket): Promise<void>;
  /** Adds a client's follow-up to a ticket's thread, as threading does. */
  addMessage(reference: string, message: ThreadMessage): Promise<void>;
}

let dynamo: TestDynamo | undefined;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.stop();
});

function memorySubjects(): Subjects {
  const store = new MemoryTicketStore();
  const files = new MemoryObjectVersions();
  const postal = new MemoryPostalDesk();
  const questionLog = new MemoryQuestionLog();
  const subjects = new MemoryDataSubjects(store, files, { postal, questionLog });
  return {
    store,
    records: subjects,
    erasure: subjects,
    files,
    idempotency: store,
    postal,
    questionLog,
    async create(ticket) {
      await store.createTickets([newTicket(ticket)]);
    },
    async addMessage(reference, message) {
      store.messages.set(`${reference}/${message.id}`, message);
    },
  };
}

function dynamoSubjects(): Subjects {
  if (!dynamo) throw new Error('DynamoDB Local did not start');
  const { documents, tables } = dynamo;
  const dynamoTables = { client: documents, ticketsTable: tables.tickets, auditTable: tables.audit };
  const store = new DynamoTicketStore(dynamoTables);
  const files = new MemoryObjectVersions();
  return {
    store,
    records: new DynamoDataSubjectRecords({ ...dynamoTables, knowledgeTable: tables.knowledge }),
    erasure: new DynamoTicketErasure(dynamoTables, files),
    files,
    idempotency: new DynamoTicketIntake(dynamoTables),
    postal: new DynamoPostalDesk(dynamoTables),
    questionLog: new DynamoQuestionLog({ client: documents, knowledgeTable: tables.knowledge }),
    async create(ticket) {
      await store.createTickets([newTicket(ticket)]);
    },
    async addMessage(reference, message) {
      await documents.send(new PutCommand(messagePut(tables.tickets, reference, message).Put));
    },
  };
}

const erasure = { basis: 'request', by: 'dpo.daina', at: '2026-12-20T10:00:00.000Z' };
const client = { name: 'Anna Kalniņa', email: 'anna.kalnina@example.lv', phone: '+37120000001' };
const expiry = new Date('2027-12-01T00:00:00.000Z');
const written = new Date('2026-12-01T00:00:00.000Z');

/** An idempotency record holding (as intake's do) the whole intake message. */
const intakeRecord = (key: string, reference: string) => ({
  key,
  fingerprint: 'f',
  message: { reference, client, body: 'Anna raksta' } as unknown as IntakeMessage,
});

function contract(make: () => Subjects) {
  it('deletes the intake records of the ticket and its follow-ups: idempotency, raw mail, attachments (every version)', async () => {
    const subjects = make();
    const sesId = unique('ses');
    const followUpSesId = unique('ses');
    const ticket = aTicket(uniqueUnit(), { client, channel: 'email', sourceId: sesId });
    await subjects.create(ticket);
    await subjects.addMessage(ticket.reference, {
      id: `client-${followUpSesId}`,
      kind: 'client',
      at: '2026-12-02T08:00:00.000Z',
      author: client.email,
      text: 'Anna raksta vēlreiz',
      source: { channel: 'email', id: followUpSesId, idempotencyKey: `email:${followUpSesId}` },
    });
    for (const id of [sesId, followUpSesId]) {
      await subjects.idempotency.putIdempotency(
        intakeRecord(`email:${id}`, ticket.reference),
        expiry,
        written,
      );
      subjects.files.put(`raw-mail/${id}`, 'v1');
      subjects.files.put(`raw-mail/${id}`, 'v2');
      subjects.files.put(`attachments/${id}/1`, 'pielikums');
    }
    const stranger = unique('ses');
    subjects.files.put(`raw-mail/${stranger}`, 'cits');

    // The export lists the follow-up's raw mail too.
    const records = await subjects.records.ticketRecords(ticket.reference);
    expect(records?.files.filter((file) => file.kind === 'raw-mail').map((file) => file.key)).toEqual([
      `raw-mail/${sesId}`,
      `raw-mail/${followUpSesId}`,
    ]);

    expect(await subjects.erasure.eraseTicket(ticket.reference, erasure)).toEqual({ outcome: 'erased' });

    for (const id of [sesId, followUpSesId]) {
      expect(await subjects.idempotency.getIdempotency(`email:${id}`, written)).toBeUndefined();
      expect(subjects.files.versions.has(`raw-mail/${id}`)).toBe(false);
      expect(subjects.files.versions.has(`attachments/${id}/1`)).toBe(false);
    }
    expect(subjects.files.versions.has(`raw-mail/${stranger}`)).toBe(true);
    // The follow-up keeps its source (ids only): a rerun would find the records again.
    const after = await subjects.records.ticketRecords(ticket.reference);
    expect(after?.messages[0]).toMatchObject({ text: '', source: { id: followUpSesId } });
  });

  it("deletes a logged call's and a web form's idempotency records, by the key the ticket recorded or its source id", async () => {
    const subjects = make();
    const callKey = `call:agent.fees:${unique('key')}`;
    const call = aTicket(uniqueUnit(), {
      client,
      channel: 'phone',
      sourceId: `phone:${unique('call')}`,
      idempotencyKey: callKey,
    });
    const webKey = unique('web');
    // Stored before tickets recorded the key: derived from `web:<key>`.
    const web = aTicket(uniqueUnit(), { client, channel: 'web', sourceId: `web:${webKey}` });
    await subjects.create(call);
    await subjects.create(web);
    await subjects.idempotency.putIdempotency(intakeRecord(callKey, call.reference), expiry, written);
    await subjects.idempotency.putIdempotency(intakeRecord(webKey, web.reference), expiry, written);
    const otherKey = unique('web');
    await subjects.idempotency.putIdempotency(intakeRecord(otherKey, 'TA-2026-999999'), expiry, written);

    expect(await subjects.erasure.eraseTicket(call.reference, erasure)).toEqual({ outcome: 'erased' });
    expect(await subjects.erasure.eraseTicket(web.reference, erasure)).toEqual({ outcome: 'erased' });

    expect(await subjects.idempotency.getIdempotency(callKey, written)).toBeUndefined();
    expect(await subjects.idempotency.getIdempotency(webKey, written)).toBeUndefined();
    expect(await subjects.idempotency.getIdempotency(otherKey, written)).toBeDefined();
  });

  it("erases the sender from the mailroom's registration of the ticket's letter, keeping its history", async () => {
    const subjects = make();
    const registration: PostRegistration = {
      id: crypto.randomUUID(),
      state: 'awaiting-scan',
      createdAt: '2026-12-01T08:00:00.000Z',
      registeredBy: 'mailroom.maija',
      sender: {
        name: client.name,
        postalAddress: { addressLine: 'Brīvības iela 1-2', place: 'Rīga', postalCode: 'LV-1010' },
      },
      receivedOn: '2026-12-01',
      registeredMailNumber: 'RR123456789LV',
      subject: 'Anna Kalniņa par nodevu',
      language: 'lv',
      file: { filename: 'Kalniņa.pdf', contentType: 'application/pdf', size: 1000 },
    };
    await subjects.postal.register(registration, anAudit('RegisterPost', registration.createdAt));
    const letter = aTicket(uniqueUnit(), {
      client,
      channel: 'postal',
      sourceId: `postal:${registration.id}`,
      postal: {
        registrationId: registration.id,
        receivedOn: '2026-12-01',
        registeredBy: 'mailroom.maija',
        scan: { kind: 'pdf', pages: 1 },
        needsTranscription: false,
      },
    });
    await subjects.create(letter);
    await subjects.postal.settle(registration.id, {
      state: 'accepted',
      settledAt: '2026-12-01T08:01:00.000Z',
      reference: letter.reference,
      scan: { kind: 'pdf', pages: 1, needsTranscription: false },
    });

    expect(await subjects.erasure.eraseTicket(letter.reference, erasure)).toEqual({ outcome: 'erased' });

    const erased = await subjects.postal.getRegistration(registration.id);
    expect(erased).toMatchObject({
      id: registration.id,
      state: 'accepted',
      reference: letter.reference,
      registeredBy: 'mailroom.maija',
      receivedOn: '2026-12-01',
      file: { filename: '', contentType: 'application/pdf', size: 1000 },
    });
    const text = JSON.stringify(erased);
    for (const personal of ['Kalniņa', 'Brīvības', 'LV-1010', 'RR123456789LV', 'nodevu'])
      expect(text).not.toContain(personal);
    const listed = await subjects.postal.listRegistrations({ limit: 100 });
    expect(listed.items.map((item) => item.id)).toContain(registration.id);
  });

  it('finds the questions that named the subject by their keys, erases their text, still counts them', async () => {
    const subjects = make();
    const email = `${unique('anna')}@example.lv`;
    const emailKey = subjectKey('email', normaliseEmail(email));
    const phoneKey = subjectKey('phone', normalisePhone('20000001'));
    const day = '2026-12-03';
    const asked = new Date(`${day}T12:00:00.000Z`);
    const question = {
      questionId: unique('q'),
      pageId: unique('page'),
      language: 'lv' as const,
      text: 'Kā samaksāt nodevu? Mans e-pasts [e-pasts], tālr. [tālrunis]',
      normalised: 'nodev samaksā',
      topic: 'court-fees',
      answers: [{ articleId: 'a1', topic: 'court-fees', score: 0.9 }],
      loggedAt: `${day}T10:00:00.000Z`,
      logDay: day,
      subjectKeys: [emailKey, phoneKey],
    };
    await subjects.questionLog.recordQuestion(question);
    const other = { ...question, questionId: unique('q'), subjectKeys: [] };
    await subjects.questionLog.recordQuestion(other);

    expect(await subjects.records.questionsOf([emailKey], asked)).toEqual([
      { id: question.questionId, askedAt: question.loggedAt, text: question.text },
    ]);
    expect(await subjects.records.questionsOf([phoneKey], asked)).toHaveLength(1);

    expect(await subjects.records.deleteQuestionsOf([emailKey])).toBe(1);

    // Found by neither key any more (the phone's link went with it), and no words left.
    expect(await subjects.records.questionsOf([emailKey, phoneKey], asked)).toEqual([]);
    const period = await subjects.questionLog.period(day, day, 1000, asked);
    const erased = period.questions.find((logged) => logged.questionId === question.questionId);
    expect(erased).toMatchObject({ text: '', normalised: '', erased: true, topic: 'court-fees' });
    expect(erased?.answers).toEqual(question.answers);
    expect(period.questions.find((logged) => logged.questionId === other.questionId)?.text).toBe(
      question.text,
    );
    expect(await subjects.records.deleteQuestionsOf([emailKey, phoneKey])).toBe(0);
  });
}

describe('intake records of a data subject on memory', () => contract(memorySubjects));
describe('intake records of a data subject on DynamoDB', () => contract(dynamoSubjects));
