/**
 * A randomised workload on the tickets table, for the figures tests: tickets received, taken,
 * answered, closed, reopened (by staff, or by a client's mail nobody recorded as a change),
 * rerouted, extended and ended (§17), with take records, survey responses (changed later) and invitations.
 * Each write is a stream record: the item's key, its new image and a sequence number.
 */
import { answerDeadline } from '../../shared/domain/deadlines.ts';
import type { ItemImage } from '../../shared/domain/figures/contributions.ts';
import { addDays, localDate } from '../../shared/domain/working-days.ts';
import type { SourceChange } from '../../shared/use-cases/figures/apply-changes.ts';

/** A small seeded generator (mulberry32): the same seed, the same workload. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    below: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

const units = ['civil', 'land', 'criminal'] as const;
const channels = ['web', 'email', 'postal', 'phone'] as const;
const statuses = ['open', 'waiting-on-client', 'answered', 'closed'] as const;

export interface Workload {
  readonly records: SourceChange[];
  /** Every source item's last image. */
  readonly finalItems: ItemImage[];
}

/** A workload of `operations` writes over a few tickets, from `start` on. */
export function randomWorkload(
  seed: number,
  operations: number,
  start = '2025-12-18T08:00:00.000Z',
): Workload {
  const random = seededRandom(seed);
  const items = new Map<string, Record<string, unknown>>();
  const records: SourceChange[] = [];
  // Sequence numbers as DynamoDB Streams gives them: decimal strings longer than a Number holds.
  let sequence = 10n ** 24n + BigInt(random.below(1000));
  let now = Date.parse(start);
  let references = 0;

  const write = (item: Record<string, unknown>) => {
    const image = structuredClone(item);
    items.set(`${image.pk}|${image.sk}`, image);
    sequence += BigInt(1 + random.below(3));
    records.push({
      source: { pk: String(image.pk), sk: String(image.sk) },
      image,
      sequence: String(sequence),
    });
  };
  const tickets = () => [...items.values()].filter((item) => item.sk === 'TICKET');
  const stillToAnswer = (ticket: Record<string, unknown>) =>
    ticket.status !== 'answered' && ticket.status !== 'closed';

  for (let operation = 0; operation < operations; operation += 1) {
    now += random.below(40 * 3600) * 1000;
    const at = new Date(now).toISOString();
    const existing = tickets();
    if (existing.length === 0 || random.chance(0.15)) {
      references += 1;
      const reference = `TA-2025-${String(references).padStart(6, '0')}`;
      write({
        pk: `TICKET#${reference}`,
        sk: 'TICKET',
        type: 'ticket',
        reference,
        competence: random.pick(units),
        channel: random.pick(channels),
        status: 'new',
        receivedAt: at,
        storedAt: new Date(now + 1000).toISOString(),
        answerDeadline: answerDeadline(new Date(now)),
        worklistKey: 'ignored',
      });
      continue;
    }
    const ticket = structuredClone(random.pick(existing));
    const reference = String(ticket.reference);
    const action = random.below(9);
    const changes = (ticket.statusChanges ?? []) as Record<string, unknown>[];
    if (action === 0 && ticket.status === 'new') {
      Object.assign(ticket, { status: 'open', assignee: 'agent.anna', takenAt: at });
      write(ticket);
      write({
        pk: `TAKES#${ticket.competence}#${localDate(new Date(now)).slice(0, 7)}`,
        sk: `${at}#${reference}`,
        reference,
        competence: ticket.competence,
        assignee: 'agent.anna',
        takenAt: at,
        receivedAt: ticket.receivedAt,
        inOrder: random.chance(0.7),
      });
    } else if (action <= 3) {
      const to = random.pick(statuses.filter((status) => status !== ticket.status));
      ticket.statusChanges = [...changes, { from: ticket.status, to, by: 'agent.anna', at }];
      ticket.status = to;
      // A reply with the change, most of the time.
      if ((to === 'answered' || to === 'waiting-on-client') && random.chance(0.7))
        ticket.firstResponseAt ??= at;
      write(ticket);
    } else if (action === 4) {
      ticket.firstResponseAt ??= at;
      write(ticket);
    } else if (action === 5 && stillToAnswer(ticket)) {
      const to = random.pick(units.filter((unit) => unit !== ticket.competence));
      ticket.reroutes = [
        ...((ticket.reroutes ?? []) as unknown[]),
        { from: ticket.competence, to, reason: 'r', by: 'agent.anna', at },
      ];
      Object.assign(ticket, { competence: to, status: 'new' });
      delete ticket.assignee;
      write(ticket);
    } else if (action === 6 && stillToAnswer(ticket)) {
      const to = addDays(String(ticket.answerDeadline), 1 + random.below(30));
      ticket.deadlineExtensions = [
        ...((ticket.deadlineExtensions ?? []) as unknown[]),
        { from: ticket.answerDeadline, to, reason: 'r', by: 'agent.anna', at },
      ];
      ticket.answerDeadline = to;
      write(ticket);
    } else if (action === 7) {
      // A client's mail: reopens a settled ticket now and then, as threading does (the change by
      // `client`, the deadline from the follow-up when later, the one replaced kept in
      // `reopenings`), or, as older items have it, without a recorded change.
      ticket.lastClientMessageAt = at;
      if (!stillToAnswer(ticket) && random.chance(0.5)) {
        if (random.chance(0.5)) {
          const before = String(ticket.answerDeadline);
          const fromFollowUp = answerDeadline(new Date(now));
          const after = [before, fromFollowUp].sort().at(-1) as string;
          ticket.statusChanges = [...changes, { from: ticket.status, to: 'open', by: 'client', at }];
          ticket.reopenings = [...((ticket.reopenings ?? []) as unknown[]), { at, from: before, to: after }];
          ticket.answerDeadline = after;
        }
        ticket.status = 'open';
      }
      write(ticket);
    } else if (action === 8 && !ticket.serviceEnded && random.chance(0.3)) {
      // Service ended (§17): closed by the same write, unless it was closed already.
      ticket.serviceEnded = { reason: 'r', by: 'agent.anna', at };
      if (ticket.status !== 'closed') {
        ticket.statusChanges = [...changes, { from: ticket.status, to: 'closed', by: 'agent.anna', at }];
        ticket.status = 'closed';
      }
      write(ticket);
    } else {
      const surveyKey = `TICKET#${reference}|SURVEY`;
      const previous = items.get(surveyKey);
      if (!items.has(`TICKET#${reference}|SURVEY#INVITATION`))
        write({
          pk: `TICKET#${reference}`,
          sk: 'SURVEY#INVITATION',
          type: 'survey-invitation',
          reference,
          competence: ticket.competence,
          channel: ticket.channel,
          invitedAt: at,
          via: 'email',
          outboundId: `o-${reference}`,
        });
      write({
        pk: `TICKET#${reference}`,
        sk: 'SURVEY',
        type: 'survey',
        reference,
        competence: ticket.competence,
        channel: ticket.channel,
        language: 'lv',
        satisfaction: 1 + random.below(5),
        answered: random.pick(['yes', 'partly', 'no']),
        respondedAt: previous?.respondedAt ?? at,
        updatedAt: at,
        version: Number(previous?.version ?? 0) + 1,
      });
    }
  }
  return { records, finalItems: [...items.values()] };
}

/**
 * The records as a stream may deliver them: in order, with some delivered twice in a row and
 * some older ones delivered again later (a replay after a retry or a restarted reader).
 */
export function redelivered(records: readonly SourceChange[], seed: number): SourceChange[] {
  const random = seededRandom(seed ^ 0x5bd1e995);
  const delivered: SourceChange[] = [];
  for (const [index, record] of records.entries()) {
    delivered.push(record);
    if (random.chance(0.15)) delivered.push(record);
    if (index > 0 && random.chance(0.2)) delivered.push(records[random.below(index)] as SourceChange);
  }
  return delivered;
}
