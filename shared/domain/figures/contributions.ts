/**
 * What one item of the tickets table adds to the `figures` buckets (layout.ts): a ticket, a take
 * record, a survey response or a survey invitation, each read from its stored image alone. The
 * stream consumer keeps, per item, the contributions it has applied, and adds the difference when
 * the item changes; the rebuild sums the contributions of every item. Both therefore count from
 * the same function, and an item's contributions depend on its current image only.
 *
 * A ticket counts in its current unit and channel (a reroute moves its figures with it; the
 * reroute itself counts in the unit left). Its answers and closings come from `statusChanges`,
 * which is append-only, so that what happened in a period stays as it was counted.
 */
import { localDate, type WorkingDayCalendar } from '../working-days.ts';
import {
  answerBin,
  bucketPk,
  bucketSk,
  type CounterName,
  type FigureChannel,
  firstResponseBin,
  granularities,
} from './layout.ts';
import { periodStarts } from './periods.ts';
import { workingDaySpan } from './working-day-spans.ts';

/** An amount added to one attribute (a counter or a histogram bin) of one bucket. */
export interface FigureDelta {
  readonly pk: string;
  readonly sk: string;
  readonly attribute: string;
  readonly n: number;
}

/** An item image as DynamoDB keeps it (after unmarshalling). */
export type ItemImage = Readonly<Record<string, unknown>>;

/** The kinds of item that count in the figures. */
export type FigureSourceKind = 'ticket' | 'take' | 'survey' | 'invitation';

/** Which kind of figure source `item` is, or `undefined` for every other item of the table. */
export function figureSourceKind(item: ItemImage | undefined): FigureSourceKind | undefined {
  if (!item) return undefined;
  const { pk, sk, type } = item;
  if (typeof pk !== 'string' || typeof sk !== 'string') return undefined;
  if (pk.startsWith('TAKES#')) return 'take';
  if (sk === 'TICKET' && type === 'ticket') return 'ticket';
  if (sk === 'SURVEY' && type === 'survey') return 'survey';
  if (sk === 'SURVEY#INVITATION' && type === 'survey-invitation') return 'invitation';
  return undefined;
}

/** One event counted on a day, before it is spread over the four granularities. */
interface DayCount {
  readonly date: string;
  readonly competence: string;
  readonly channel: FigureChannel;
  readonly attribute: string;
  readonly n: number;
}

/**
 * The deltas `item` contributes to the buckets, for every granularity: one per bucket and
 * attribute, summed, none zero, sorted by bucket and attribute. Nothing for an item that is no
 * figure source, or whose fields are not what such an item carries.
 */
export function contributions(item: ItemImage | undefined, calendar?: WorkingDayCalendar): FigureDelta[] {
  const counts = dayCounts(item, calendar);
  const sums = new Map<string, FigureDelta>();
  for (const count of counts) {
    const starts = periodStarts(count.date);
    for (const granularity of granularities) {
      const pk = bucketPk(granularity, starts[granularity]);
      const sk = bucketSk(count.competence, count.channel);
      const key = contributionKey({ pk, sk, attribute: count.attribute });
      const n = (sums.get(key)?.n ?? 0) + count.n;
      sums.set(key, { pk, sk, attribute: count.attribute, n });
    }
  }
  return [...sums.entries()]
    .filter(([, delta]) => delta.n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, delta]) => delta);
}

/** One string naming a bucket's attribute: `<pk>|<sk>|<attribute>` (none of them holds `|`). */
export function contributionKey(delta: Pick<FigureDelta, 'pk' | 'sk' | 'attribute'>): string {
  return `${delta.pk}|${delta.sk}|${delta.attribute}`;
}

/** The bucket and attribute a `contributionKey` names. */
export function parseContributionKey(key: string): Pick<FigureDelta, 'pk' | 'sk' | 'attribute'> {
  const [pk = '', sk = '', attribute = ''] = key.split('|');
  return { pk, sk, attribute };
}

/** Contributions as a map from `contributionKey` to amount, as the consumer keeps them. */
export type ContributionMap = Readonly<Record<string, number>>;

export function toContributionMap(deltas: readonly FigureDelta[]): Record<string, number> {
  const map: Record<string, number> = {};
  for (const delta of deltas) {
    const key = contributionKey(delta);
    map[key] = (map[key] ?? 0) + delta.n;
    if (map[key] === 0) delete map[key];
  }
  return map;
}

/** `after − before`, per attribute of each bucket (zeros left out). */
export function contributionDifference(
  before: ContributionMap,
  after: ContributionMap,
): Record<string, number> {
  const difference: Record<string, number> = {};
  for (const [key, n] of Object.entries(after)) difference[key] = n - (before[key] ?? 0);
  for (const [key, n] of Object.entries(before)) if (!(key in after)) difference[key] = -n;
  for (const key of Object.keys(difference)) if (difference[key] === 0) delete difference[key];
  return difference;
}

function dayCounts(item: ItemImage | undefined, calendar?: WorkingDayCalendar): DayCount[] {
  switch (figureSourceKind(item)) {
    case 'ticket':
      return ticketCounts(item as ItemImage, calendar);
    case 'take':
      return takeCounts(item as ItemImage);
    case 'survey':
      return surveyCounts(item as ItemImage);
    case 'invitation':
      return invitationCounts(item as ItemImage);
    default:
      return [];
  }
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The Riga date of an ISO instant; undefined when it is not one. */
function dayOf(instant: unknown): string | undefined {
  const value = text(instant);
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : localDate(new Date(time));
}

const isChannel = (value: unknown): value is Exclude<FigureChannel, '-'> =>
  value === 'web' || value === 'email' || value === 'postal' || value === 'phone';

/** Answered or closed: no longer waiting for its answer (`stillToAnswer` of ticket.ts, negated). */
const settled = (status: unknown) => status === 'answered' || status === 'closed';

interface Change {
  readonly to: string;
  readonly at: string;
}

/**
 * The ticket's status changes, oldest first, and one more when its status differs from the last
 * recorded change (a change no staff member recorded: a take, or an older item), dated at the
 * client's last message or when the ticket was stored, never before the last recorded change.
 */
function statusHistory(ticket: ItemImage): Change[] {
  const recorded: Change[] = (Array.isArray(ticket.statusChanges) ? ticket.statusChanges : []).flatMap(
    (change: unknown) => {
      const { to, at } = (change ?? {}) as Record<string, unknown>;
      return typeof to === 'string' && dayOf(at) ? [{ to, at: at as string }] : [];
    },
  );
  const last = recorded.at(-1);
  const status = text(ticket.status) ?? 'new';
  if ((last?.to ?? 'new') === status) return recorded;
  const candidates = [text(ticket.lastClientMessageAt) ?? text(ticket.storedAt), last?.at].filter(
    (at): at is string => at !== undefined && dayOf(at) !== undefined,
  );
  const at = candidates.sort().at(-1);
  return at ? [...recorded, { to: status, at }] : recorded;
}

interface DeadlineMove {
  readonly at: string;
  readonly from?: string;
  readonly to: string;
}

/**
 * The ticket's answer-deadline moves, in the order they were made: its extensions and the
 * reopenings by a client's follow-up (each with the deadline before and after).
 */
function deadlineMoves(ticket: ItemImage): DeadlineMove[] {
  return [...listOf(ticket.deadlineExtensions), ...listOf(ticket.reopenings)]
    .flatMap((move) => {
      const at = text(move.at);
      const to = text(move.to);
      const from = text(move.from);
      return at && to ? [{ at, to, ...(from ? { from } : {}) }] : [];
    })
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * The answer deadline in force at `instant`: the last move made by then, or the one the ticket was
 * received with (the first move's `from`, else the current deadline).
 */
function deadlineAt(ticket: ItemImage, moves: readonly DeadlineMove[], instant: string): string | undefined {
  let deadline = moves[0]?.from ?? text(ticket.answerDeadline);
  for (const move of moves) if (move.at <= instant) deadline = move.to;
  return deadline;
}

const isDate = (value: string | undefined): value is string =>
  value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value);

function ticketCounts(ticket: ItemImage, calendar?: WorkingDayCalendar): DayCount[] {
  const competence = text(ticket.competence);
  const channel = ticket.channel;
  const receivedAt = text(ticket.receivedAt);
  const receivedOn = dayOf(receivedAt);
  if (!competence || !isChannel(channel) || !receivedAt || !receivedOn) return [];
  const counts: DayCount[] = [];
  const count = (
    date: string | undefined,
    attribute: string,
    options: { unit?: string; n?: number } = {},
  ) => {
    if (date)
      counts.push({ date, competence: options.unit ?? competence, channel, attribute, n: options.n ?? 1 });
  };
  const counter = (date: string | undefined, name: CounterName, options?: { unit?: string; n?: number }) =>
    count(date, name, options);

  counter(receivedOn, 'received');
  counter(receivedOn, 'backlog');

  const history = statusHistory(ticket);
  let open = true;
  let answer: Change | undefined;
  let lastClosing: Change | undefined;
  let firstReply: Change | undefined;
  for (const change of history) {
    // −1 when settled, +1 when reopened: the backlog at a period's end is the sum up to it.
    if (open && settled(change.to)) counter(dayOf(change.at), 'backlog', { n: -1 });
    if (!open && !settled(change.to)) counter(dayOf(change.at), 'backlog');
    open = !settled(change.to);
    if (!answer && settled(change.to)) answer = change;
    if (!firstReply && (change.to === 'answered' || change.to === 'waiting-on-client')) firstReply = change;
    if (change.to === 'closed') lastClosing = change;
  }

  // A settle at or after the end of service (§17) is no answer: it settles the backlog only.
  const endedAt = text((ticket.serviceEnded as Record<string, unknown> | undefined)?.at);
  const answers = (change: Change | undefined) => change !== undefined && !(endedAt && change.at >= endedAt);
  const moves = deadlineMoves(ticket);
  if (answer && answers(answer)) {
    const answeredOn = dayOf(answer.at);
    counter(answeredOn, 'answered');
    const deadline = deadlineAt(ticket, moves, answer.at);
    if (answeredOn && deadline && answeredOn <= deadline) counter(answeredOn, 'answeredByDeadline');
    count(answeredOn, answerBin(workingDaySpan(receivedAt, answer.at, calendar)));
  }
  if (ticket.status === 'closed' && lastClosing) counter(dayOf(lastClosing.at), 'closed');

  const firstResponseAt = dayOf(ticket.firstResponseAt) ? (ticket.firstResponseAt as string) : firstReply?.at;
  if (firstResponseAt)
    count(dayOf(firstResponseAt), firstResponseBin(workingDaySpan(receivedAt, firstResponseAt, calendar)));

  // Each time the ticket was owed an answer, one `due` on the deadline in force when it was
  // settled (or now, while it is not), met when settled by then: from receipt to the first answer,
  // and from each reopening by a client's follow-up to the next settle. Not when the settle was the
  // end of service: no answer was owed any more.
  const due = (settle: Change | undefined) => {
    if (settle && !answers(settle)) return;
    const deadline = settle ? deadlineAt(ticket, moves, settle.at) : text(ticket.answerDeadline);
    if (!isDate(deadline)) return;
    counter(deadline, 'due');
    const settledOn = settle && dayOf(settle.at);
    if (settledOn && settledOn <= deadline) counter(deadline, 'dueMet');
  };
  due(answer);
  for (const reopening of listOf(ticket.reopenings)) {
    const at = text(reopening.at);
    if (at) due(history.find((change) => change.at >= at && settled(change.to)));
  }

  for (const extension of listOf(ticket.deadlineExtensions)) counter(dayOf(extension.at), 'extensions');
  for (const reroute of listOf(ticket.reroutes)) {
    const from = text(reroute.from);
    if (from) counter(dayOf(reroute.at), 'reroutes', { unit: from });
  }
  return counts;
}

const listOf = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter((entry) => entry && typeof entry === 'object') : [];

function takeCounts(take: ItemImage): DayCount[] {
  const competence = text(take.competence);
  const takenOn = dayOf(take.takenAt);
  if (!competence || !takenOn) return [];
  const count = (attribute: CounterName): DayCount => ({
    date: takenOn,
    competence,
    channel: '-',
    attribute,
    n: 1,
  });
  return take.inOrder === false ? [count('taken'), count('takenOutOfOrder')] : [count('taken')];
}

const answeredCounters = { yes: 'ansYes', partly: 'ansPartly', no: 'ansNo' } as const;

function surveyCounts(survey: ItemImage): DayCount[] {
  const competence = text(survey.competence);
  const channel = survey.channel;
  const respondedOn = dayOf(survey.respondedAt);
  if (!competence || !isChannel(channel) || !respondedOn) return [];
  const count = (attribute: string): DayCount => ({
    date: respondedOn,
    competence,
    channel,
    attribute,
    n: 1,
  });
  const counts = [count('responses')];
  const satisfaction = survey.satisfaction;
  if (
    typeof satisfaction === 'number' &&
    Number.isInteger(satisfaction) &&
    satisfaction >= 1 &&
    satisfaction <= 5
  )
    counts.push(count(`sat_${satisfaction}`));
  const answered = answeredCounters[survey.answered as keyof typeof answeredCounters];
  if (answered) counts.push(count(answered));
  return counts;
}

function invitationCounts(invitation: ItemImage): DayCount[] {
  const competence = text(invitation.competence);
  const channel = invitation.channel;
  const invitedOn = dayOf(invitation.invitedAt);
  if (!competence || !isChannel(channel) || !invitedOn) return [];
  return [{ date: invitedOn, competence, channel, attribute: 'invited', n: 1 }];
}
