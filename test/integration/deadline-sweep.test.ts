/** The deadline sweeper against DynamoDB Local and the SES emulator, through the real adapters. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTables,
  type DynamoEmulator,
  localCredentials,
  localRegion,
  type SesEmulator,
  startDynamo,
  startSes,
} from '../../infra/local/emulators.ts';
import { freePort } from '../../infra/local/ports.ts';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log.ts';
import { DynamoDeadlineSweepStore } from '../../shared/adapters/dynamodb/deadline-sweep-store.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { DynamoWorklists } from '../../shared/adapters/dynamodb/worklists.ts';
import { FixedClock } from '../../shared/adapters/memory/index.ts';
import { SesMailer } from '../../shared/adapters/ses/mailer.ts';
import { auditRecord } from '../../shared/domain/audit-event.ts';
import type { CompetenceId } from '../../shared/domain/competences.ts';
import type { Ticket } from '../../shared/domain/ticket.ts';
import { type DeadlineSweepStore, deadlineFlagStateOf } from '../../shared/ports/deadline-sweep.ts';
import { sweepDeadlines } from '../../shared/use-cases/sweep-deadlines.ts';
import { newTicket, testTicket } from '../support/tickets.ts';

let dynamo: DynamoEmulator;
let ses: SesEmulator;
let documents: DynamoDBDocumentClient;
let sesClient: SESv2Client;

beforeAll(async () => {
  [dynamo, ses] = await Promise.all([startDynamo(await freePort(), undefined), startSes(await freePort())]);
  documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: dynamo.endpoint, region: localRegion, credentials: localCredentials }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  sesClient = new SESv2Client({ endpoint: ses.endpoint, region: localRegion, credentials: localCredentials });
});

afterAll(async () => {
  documents?.destroy();
  sesClient?.destroy();
  await Promise.allSettled([dynamo?.stop(), ses?.stop()]);
});

interface StoredEmail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
}

async function mailTo(address: string): Promise<StoredEmail[]> {
  const store = (await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: StoredEmail[] };
  return store.emails.filter((email) => email.destination.to.includes(address));
}

let tablesCreated = 0;
/** Fresh tables, a clock and the sweeper's dependencies on them. */
async function system(now: string) {
  tablesCreated += 1;
  const names = { tickets: `tickets-${tablesCreated}`, audit: `audit-${tablesCreated}` };
  await createTables(dynamo.endpoint, names);
  const tables = { client: documents, ticketsTable: names.tickets, auditTable: names.audit };
  const store = new DynamoTicketStore(tables);
  const sweep = new DynamoDeadlineSweepStore(tables);
  const clock = new FixedClock(now);
  const deps = {
    worklists: new DynamoWorklists(tables),
    sweep,
    mailer: new SesMailer({ client: sesClient }),
    audit: new DynamoAuditLog({ client: documents, auditTable: names.audit }),
    clock,
    senderAddress: 'noreply@courtdesk.example.lv',
    // A mailbox per test, so that tests never see each other's digests.
    supervisorsAddress: (competence: { supervisorsGroup: string }) =>
      `${competence.supervisorsGroup}-${tablesCreated}@courtdesk.example.lv`,
  };
  const suffix = tablesCreated;
  let sequence = 0;
  const seed = async (competence: CompetenceId, deadlines: readonly string[]): Promise<Ticket[]> => {
    const tickets = deadlines.map((answerDeadline): Ticket => {
      sequence += 1;
      const reference = `TA-2026-${suffix}${String(sequence).padStart(5, '0')}`;
      return testTicket(reference, competence, {
        client: { name: 'Jānis Bērziņš', email: 'janis@example.lv' },
        subject: 'Privāts temats',
        body: 'Privāts teksts',
        receivedAt: '2026-10-15T08:00:00Z',
        answerDeadline,
      });
    });
    for (let i = 0; i < tickets.length; i += 25) {
      const outcomes = await store.createTickets(tickets.slice(i, i + 25).map(newTicket));
      expect(outcomes.every((outcome) => outcome === 'created')).toBe(true);
    }
    return tickets;
  };
  const auditOf = async (eventName: string) => {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new ScanCommand({ TableName: names.audit, ExclusiveStartKey: startKey }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.filter((item) => item.eventName === eventName);
  };
  const digestItem = async (competence: string, date: string) =>
    (
      await documents.send(
        new GetCommand({
          TableName: names.tickets,
          Key: { pk: `DIGEST#${competence}#${date}`, sk: 'DIGEST' },
          ConsistentRead: true,
        }),
      )
    ).Item;
  const flagOf = async (ticket: Ticket) => {
    const stored = await store.getTicket(ticket.reference);
    return stored ? deadlineFlagStateOf(stored) : undefined;
  };
  return {
    names,
    store,
    sweep,
    clock,
    deps,
    seed,
    auditOf,
    digestItem,
    flagOf,
    supervisors: deps.supervisorsAddress,
  };
}

describe('deadline sweep on DynamoDB Local and the SES emulator', () => {
  it('flags every page of the deadlines index, sends one digest per unit and nothing on a rerun', async () => {
    // Prepare: Tuesday 17 November 2026; two working days ahead is Friday 20 (18 November is a holiday).
    const s = await system('2026-11-17T05:00:00Z');
    const overdue = await s.seed(
      'court-fees',
      Array.from({ length: 130 }, () => '2026-11-16'),
    );
    const [dueFriday, notYet] = await s.seed('court-fees', ['2026-11-20', '2026-11-23']);
    const [legalAid] = await s.seed('legal-aid', ['2026-11-17']);

    // Act
    const result = await sweepDeadlines(s.deps);

    // Assess: flags on the ticket items, read back through the ticket store.
    expect(result.units.find((unit) => unit.competence === 'court-fees')).toMatchObject({
      overdue: 130,
      dueSoon: 1,
      flagged: 131,
      digest: 'sent',
      reported: 131,
    });
    expect(await s.flagOf(overdue[129]!)).toEqual({
      deadlineFlag: 'overdue',
      deadlineFlaggedAt: '2026-11-17T05:00:00.000Z',
      deadlineFlaggedFor: '2026-11-16',
      deadlineReportedOn: '2026-11-17',
    });
    expect((await s.flagOf(dueFriday!))?.deadlineFlag).toBe('due-soon');
    expect(await s.flagOf(notYet!)).toBeUndefined();
    expect((await s.flagOf(legalAid!))?.deadlineFlag).toBe('due-soon');

    // One digest per unit, through SES, to the unit's supervisors, with no client data.
    const courtFeesAddress = s.supervisors({ supervisorsGroup: 'competence-court-fees-supervisors' });
    const courtFeesMail = await mailTo(courtFeesAddress);
    const legalAidMail = await mailTo(
      s.supervisors({ supervisorsGroup: 'competence-legal-aid-supervisors' }),
    );
    expect(courtFeesMail).toHaveLength(1);
    expect(legalAidMail).toHaveLength(1);
    expect(courtFeesMail[0]?.subject).toBe('Termiņu pārskats: Tiesu izdevumi un maksājumi, 17.11.2026.');
    expect(courtFeesMail[0]?.body.text).toContain('Atbildes termiņš ir nokavēts (130):');
    expect(courtFeesMail[0]?.body.text).toContain(`${dueFriday!.reference}: termiņš 20.11.2026.`);
    expect(courtFeesMail[0]?.body.text).not.toMatch(/Jānis|janis@|Privāts/);

    // The digest is recorded with its entries; flags and digests are audited.
    const digest = await s.digestItem('court-fees', '2026-11-17');
    expect(digest).toMatchObject({ state: 'sent', to: courtFeesAddress });
    expect(digest?.entries).toHaveLength(131);
    expect(await s.auditOf('FlagTicketDeadline')).toHaveLength(132);
    expect(await s.auditOf('SendDeadlineDigest')).toHaveLength(2);

    // Act again, an hour later.
    s.clock.advance(3_600_000);
    const rerun = await sweepDeadlines(s.deps);

    // Assess: nothing flagged, nothing sent, nothing audited.
    expect(rerun.units.every((unit) => unit.flagged === 0 && unit.digest === 'nothing-new')).toBe(true);
    expect(await mailTo(courtFeesAddress)).toHaveLength(1);
    expect(await s.auditOf('FlagTicketDeadline')).toHaveLength(132);
    expect(await s.auditOf('SendDeadlineDigest')).toHaveLength(2);
  });

  it('a rerun after a crash between flagging and mailing still sends the digest, once', async () => {
    // Prepare: the first run's store dies when it is about to claim the digest.
    const s = await system('2026-11-19T05:00:00Z');
    const [ticket] = await s.seed('insolvency', ['2026-11-16']);
    const crashing: DeadlineSweepStore = {
      flag: (change, audit) => s.sweep.flag(change, audit),
      claimDigest: () => Promise.reject(new Error('process killed')),
      releaseDigest: (...args) => s.sweep.releaseDigest(...args),
      recordDigest: (...args) => s.sweep.recordDigest(...args),
      markReported: (...args) => s.sweep.markReported(...args),
    };
    const first = await sweepDeadlines({ ...s.deps, sweep: crashing });
    expect(first.units.find((unit) => unit.competence === 'insolvency')).toMatchObject({
      flagged: 1,
      digest: 'failed',
    });
    const supervisors = s.supervisors({ supervisorsGroup: 'competence-insolvency-supervisors' });
    expect(await mailTo(supervisors)).toEqual([]);

    // Act
    s.clock.advance(60_000);
    const second = await sweepDeadlines(s.deps);
    await sweepDeadlines(s.deps);

    // Assess
    expect(second.units.find((unit) => unit.competence === 'insolvency')).toMatchObject({
      flagged: 0,
      digest: 'sent',
    });
    const mail = await mailTo(supervisors);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.body.text).toContain(ticket!.reference);
    expect(await s.auditOf('FlagTicketDeadline')).toHaveLength(1);
  });

  it('writes a flag only when it changes, and never on an answered ticket or one moved to another unit', async () => {
    const s = await system('2026-11-19T05:00:00Z');
    const [ticket, answered] = await s.seed('court-fees', ['2026-11-16', '2026-11-16']);
    const change = {
      reference: ticket!.reference,
      competence: 'court-fees',
      answerDeadline: '2026-11-16',
      flag: 'overdue' as const,
      flaggedAt: '2026-11-19T05:00:00.000Z',
    };
    // Each flag write carries its record; only a flag that is written leaves one.
    let records = 0;
    const record = () => {
      records += 1;
      return auditRecord({
        eventTime: `2026-11-19T05:00:0${records}.000Z`,
        eventSource: 'courtdesk.court.gov.lv',
        eventName: 'FlagTicketDeadline',
        userIdentity: { type: 'Service', invokedBy: 'deadline-sweeper' },
        sourceIPAddress: 'courtdesk.internal',
        userAgent: 'test',
        requestParameters: null,
        responseElements: null,
        requestID: `flag-${records}`,
        eventID: `flag-record-${records}`,
        readOnly: false,
        resources: [],
      });
    };
    expect(await s.sweep.flag(change, record())).toBe(true);
    expect(await s.sweep.flag({ ...change, flaggedAt: '2026-11-19T06:00:00.000Z' }, record())).toBe(false);
    expect(await s.sweep.flag({ ...change, competence: 'legal-aid' }, record())).toBe(false);
    expect(await s.sweep.flag({ ...change, answerDeadline: '2026-11-17' }, record())).toBe(false);
    expect(await s.sweep.flag({ ...change, reference: 'TA-2026-999999' }, record())).toBe(false);
    expect((await s.auditOf('FlagTicketDeadline')).map((item) => item.eventID)).toEqual(['flag-record-1']);

    await documents.send(
      new UpdateCommand({
        TableName: s.names.tickets,
        Key: { pk: `TICKET#${answered!.reference}`, sk: 'TICKET' },
        UpdateExpression: 'SET #status = :answered',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':answered': 'answered' },
      }),
    );
    expect(await s.sweep.flag({ ...change, reference: answered!.reference }, record())).toBe(false);

    // Marked reported only while the flag is the one the digest listed.
    await s.sweep.markReported([{ ...change, flaggedAt: '2026-11-18T05:00:00.000Z' }], '2026-11-19');
    expect((await s.flagOf(ticket!))?.deadlineReportedOn).toBeUndefined();
    await s.sweep.markReported([change], '2026-11-19');
    expect((await s.flagOf(ticket!))?.deadlineReportedOn).toBe('2026-11-19');
  });

  it('claims a digest once: busy for others until it expires or is released, recorded only under the claim', async () => {
    const s = await system('2026-11-19T05:00:00Z');
    const now = new Date('2026-11-19T05:00:00Z');
    const until = new Date('2026-11-19T05:02:00Z');
    const later = new Date('2026-11-19T05:03:00Z');
    expect(await s.sweep.claimDigest('general', '2026-11-19', 'a', until, now)).toEqual({ state: 'claimed' });
    expect(await s.sweep.claimDigest('general', '2026-11-19', 'b', until, now)).toEqual({ state: 'busy' });
    // The same invocation retried (Lambda keeps the request id) takes its own claim back.
    expect(await s.sweep.claimDigest('general', '2026-11-19', 'a', until, now)).toEqual({ state: 'claimed' });
    // Released after a failed send: anyone may claim it at once.
    await s.sweep.releaseDigest('general', '2026-11-19', 'a');
    expect(await s.sweep.claimDigest('general', '2026-11-19', 'b', until, now)).toEqual({ state: 'claimed' });
    // Expired: taken over.
    expect(await s.sweep.claimDigest('general', '2026-11-19', 'c', until, later)).toEqual({
      state: 'claimed',
    });

    const record = {
      competence: 'general',
      date: '2026-11-19',
      to: 'supervisors@courtdesk.example.lv',
      entries: [
        {
          reference: 'TA-2026-000001',
          answerDeadline: '2026-11-16',
          flag: 'overdue' as const,
          flaggedAt: 'x',
        },
      ],
      sesMessageId: 'ses-1',
      sentAt: '2026-11-19T05:00:01.000Z',
    };
    expect(await s.sweep.recordDigest(record, 'b')).toBe(false);
    expect(await s.sweep.recordDigest(record, 'c')).toBe(true);
    expect(await s.sweep.claimDigest('general', '2026-11-19', 'd', until, later)).toEqual({
      state: 'sent',
      record,
    });
    expect(await s.digestItem('general', '2026-11-19')).not.toHaveProperty('claimedUntil');
  });
});
