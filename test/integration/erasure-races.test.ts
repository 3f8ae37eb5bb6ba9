/**
 * Writes racing an erasure or a hold, on DynamoDB Local: a client's follow-up or a staff write
 * landing while an erasure runs (after its claim) is refused and leaves nothing behind; a retention
 * run does not claim a ticket reopened since the sweeper read it; a slow lift of a hold leaves the
 * protection of a hold set meanwhile.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTicketErasure } from '../../shared/adapters/dynamodb/data-subject-erasure.ts';
import { queryPartition } from '../../shared/adapters/dynamodb/items.ts';
import { DynamoRetentionGuards } from '../../shared/adapters/dynamodb/retention.ts';
import { DynamoTicketDesk } from '../../shared/adapters/dynamodb/ticket-desk.ts';
import { ticketPartition } from '../../shared/adapters/dynamodb/ticket-keys.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { MemoryObjectVersions } from '../../shared/adapters/memory/object-versions.ts';
import type { Ticket } from '../../shared/domain/ticket.ts';
import type { ClientFollowUp } from '../../shared/ports/threading.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { newTicket } from '../support/tickets.ts';
import { anAudit, aTicket, unique, uniqueUnit } from './ports/ports-under-test.ts';

let dynamo: TestDynamo | undefined;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.stop();
});

const erasure = { basis: 'request', by: 'dpo.daina', at: '2026-12-20T10:00:00.000Z' };

/** Files that run a step in the middle of an erasure (once it claimed the ticket and read it), once. */
class InterruptedFiles extends MemoryObjectVersions {
  meanwhile: (() => Promise<void>) | undefined;
  override async deleteEveryVersion(key: string): Promise<number> {
    const step = this.meanwhile;
    this.meanwhile = undefined;
    await step?.();
    return super.deleteEveryVersion(key);
  }
}

/** A client that runs a step just before the first delete of a `HOLDKEY` item, once: a slow lift. */
function slowLiftClient(documents: DynamoDBDocumentClient) {
  const client = {
    beforeUnprotect: undefined as (() => Promise<void>) | undefined,
    async send(command: unknown) {
      const key = command instanceof DeleteCommand ? command.input.Key : undefined;
      if (String(key?.pk ?? '').startsWith('HOLDKEY#') && client.beforeUnprotect) {
        const step = client.beforeUnprotect;
        client.beforeUnprotect = undefined;
        await step();
      }
      return documents.send(command as DeleteCommand);
    },
  };
  return client;
}

function system() {
  if (!dynamo) throw new Error('DynamoDB Local did not start');
  const { documents, tables } = dynamo;
  const dynamoTables = { client: documents, ticketsTable: tables.tickets, auditTable: tables.audit };
  const files = new InterruptedFiles();
  const slow = slowLiftClient(documents);
  const slowTables = { ...dynamoTables, client: slow as unknown as DynamoDBDocumentClient };
  return {
    files,
    slow,
    store: new DynamoTicketStore(dynamoTables),
    desk: new DynamoTicketDesk(dynamoTables),
    erasure: new DynamoTicketErasure(dynamoTables, files),
    slowHolds: new DynamoTicketErasure(slowTables, files),
    guards: new DynamoRetentionGuards(dynamoTables),
    partition: (reference: string) =>
      queryPartition(documents, tables.tickets, ticketPartition(reference), { consistent: true }),
  };
}

/** A ticket made of mail, answered, with its raw mail in the bucket (so the erasure deletes a file). */
async function mailTicket(s: ReturnType<typeof system>, fields: Partial<Ticket> = {}) {
  const ses = unique('ses');
  const ticket = aTicket(uniqueUnit(), { channel: 'email', sourceId: ses, status: 'answered', ...fields });
  await s.store.createTickets([newTicket(ticket)]);
  const keys = [`raw-mail/${ses}`, `quarantine/${ses}`];
  for (const key of keys) s.files.put(key, 'bytes');
  return { ticket, keys };
}

function followUp(ticket: Ticket, text: string): ClientFollowUp {
  return {
    expect: {
      status: ticket.status,
      competence: ticket.competence,
      answerDeadline: ticket.answerDeadline,
      review: false,
    },
    message: {
      id: unique('mail'),
      kind: 'client',
      at: '2026-12-20T10:00:01.000Z',
      author: ticket.client.email,
      text,
      subject: `Re: ${ticket.reference}`,
    },
    threadKeys: [unique('msgid')],
    audit: anAudit('AddClientMessage', '2026-12-20T10:00:01.000Z', [ticket.reference]),
  };
}

describe('writes racing an erasure, on DynamoDB', () => {
  it("refuses a client's follow-up arriving while the erasure runs; none of its text is left", async () => {
    const s = system();
    const { ticket } = await mailTicket(s);
    const text = 'Mans jaunais tālrunis ir 29999999';
    let added: string | undefined;
    s.files.meanwhile = async () => {
      added = await s.store.addClientMessage(ticket.reference, followUp(ticket, text));
    };

    expect(await s.erasure.eraseTicket(ticket.reference, erasure)).toEqual({ outcome: 'erased' });

    expect(added).toBe('conflict');
    const partition = await s.partition(ticket.reference);
    expect(partition.find((item) => item.sk === 'TICKET')).toMatchObject({ erasedAt: erasure.at });
    expect(JSON.stringify(partition)).not.toContain('29999999');
    for (const item of partition.filter((candidate) => String(candidate.sk).startsWith('MESSAGE#')))
      expect(item.text ?? '').toBe('');
  });

  it('refuses a staff write made while the erasure runs', async () => {
    const s = system();
    const { ticket } = await mailTicket(s);
    let written: unknown;
    s.files.meanwhile = async () => {
      written = await s.desk.write(ticket.reference, {
        expect: {
          status: ticket.status,
          competence: ticket.competence,
          answerDeadline: ticket.answerDeadline,
        },
        message: {
          id: unique('note'),
          kind: 'note',
          at: '2026-12-20T10:00:01.000Z',
          author: 'agent.anna',
          text: 'Klientes tālrunis 29999999',
        },
        audit: anAudit('AddNote', '2026-12-20T10:00:01.000Z', [ticket.reference]),
      });
    };

    expect(await s.erasure.eraseTicket(ticket.reference, erasure)).toEqual({ outcome: 'erased' });

    expect(written).toBe('conflict');
    expect(JSON.stringify(await s.partition(ticket.reference))).not.toContain('29999999');
  });

  it('a retention run does not claim a ticket reopened since it was found settled; a settled one it erases', async () => {
    const s = system();
    const retention = { basis: 'retention', by: 'retention', at: '2026-12-20T10:00:00.000Z' };
    const { ticket: reopened, keys } = await mailTicket(s, { status: 'open' });

    const outcome = await s.erasure.eraseTicket(reopened.reference, retention).catch(() => 'refused');

    expect(outcome).not.toEqual({ outcome: 'erased' });
    const kept = (await s.partition(reopened.reference)).find((item) => item.sk === 'TICKET');
    expect(kept).toMatchObject({ client: { name: 'Anna Kalniņa' }, status: 'open' });
    expect(kept).not.toHaveProperty('erasing');
    expect(kept).not.toHaveProperty('erasedAt');
    for (const key of keys) expect(s.files.versions.has(key)).toBe(true);

    const { ticket: settled } = await mailTicket(s, { status: 'closed' });
    expect(await s.erasure.eraseTicket(settled.reference, retention)).toEqual({ outcome: 'erased' });
  });
});

describe('a hold set while an older one is lifted, on DynamoDB', () => {
  it('a slow lift of hold A leaves the protection hold B wrote meanwhile', async () => {
    const s = system();
    const { ticket, keys } = await mailTicket(s);
    const a = { reason: 'Tiesvedība A', by: 'dpo.daina', at: '2026-12-20T10:00:00.000Z' };
    const b = { reason: 'Tiesvedība B', by: 'dpo.daina', at: '2026-12-20T10:05:00.000Z' };
    expect(await s.slowHolds.setHold(ticket.reference, a)).toBe('set');
    let setB: unknown;
    // After the lift removed hold A from the ticket, before it deletes A's protection.
    s.slow.beforeUnprotect = async () => {
      setB = await s.erasure.setHold(ticket.reference, b);
    };

    expect(await s.slowHolds.liftHold(ticket.reference)).toEqual(a);

    expect(setB).toBe('set');
    for (const key of keys) expect(await s.guards.heldObject(key)).toBe(true);
    expect(await s.erasure.liftHold(ticket.reference)).toEqual(b);
    for (const key of keys) expect(await s.guards.heldObject(key)).toBe(false);
  });

  it('an item a stopped lift left behind protects nothing once the ticket is not held', async () => {
    const s = system();
    const { ticket, keys } = await mailTicket(s);
    const a = { reason: 'Tiesvedība A', by: 'dpo.daina', at: '2026-12-20T10:00:00.000Z' };
    expect(await s.erasure.setHold(ticket.reference, a)).toBe('set');
    s.slow.beforeUnprotect = async () => {
      throw new Error('Stopped half-way');
    };

    await expect(s.slowHolds.liftHold(ticket.reference)).rejects.toThrow('Stopped half-way');

    for (const key of keys) expect(await s.guards.heldObject(key)).toBe(false);
  });
});
