/**
 * What analysts see of a ticket (issue 17, item 6): one row per exported change of a ticket item,
 * with the service's facts only — unit, channel, status, topic, language, dates and counts — and
 * never the client (name, email, phone, address), the subject, the body, free-text reasons or who
 * on the staff did what. Built by naming each column kept (never by removing personal ones), so a
 * field added to the ticket later stays out until it is added here.
 */

/** One row of the `tickets` table of the analytics catalogue (Glue), column names as there. */
export interface AnalyticsRow {
  readonly reference: string;
  readonly competence: string | null;
  readonly channel: string | null;
  readonly status: string | null;
  readonly topic: string | null;
  readonly language: string | null;
  readonly received_at: string | null;
  readonly stored_at: string | null;
  readonly answer_deadline: string | null;
  readonly first_response_due: string | null;
  readonly expected_answer_by: string | null;
  readonly first_response_at: string | null;
  readonly taken_at: string | null;
  /** The first change to `answered` or `closed`. */
  readonly answered_at: string | null;
  /** The last change to `closed`. */
  readonly closed_at: string | null;
  readonly status_changes: readonly StatusChangeRow[];
  readonly reroutes: readonly RerouteRow[];
  readonly deadline_extensions: readonly DeadlineChangeRow[];
  readonly service_ended: boolean;
  /** The item was deleted (an export's change without a new image). */
  readonly deleted: boolean;
  /** When the change was written (the export's write time), ISO. */
  readonly changed_at: string;
}

/** A change's `from` and `to` under names that are no SQL keyword, and its time. */
export interface StatusChangeRow {
  readonly from_status: string;
  readonly to_status: string;
  readonly at: string;
}
export interface RerouteRow {
  readonly from_unit: string;
  readonly to_unit: string;
  readonly at: string;
}
export interface DeadlineChangeRow {
  readonly from_date: string;
  readonly to_date: string;
  readonly at: string;
}

/** The Glue columns of {@link AnalyticsRow}, in order, with their Hive types. */
export const analyticsColumns: readonly { readonly name: keyof AnalyticsRow; readonly type: string }[] = [
  { name: 'reference', type: 'string' },
  { name: 'competence', type: 'string' },
  { name: 'channel', type: 'string' },
  { name: 'status', type: 'string' },
  { name: 'topic', type: 'string' },
  { name: 'language', type: 'string' },
  { name: 'received_at', type: 'string' },
  { name: 'stored_at', type: 'string' },
  { name: 'answer_deadline', type: 'string' },
  { name: 'first_response_due', type: 'string' },
  { name: 'expected_answer_by', type: 'string' },
  { name: 'first_response_at', type: 'string' },
  { name: 'taken_at', type: 'string' },
  { name: 'answered_at', type: 'string' },
  { name: 'closed_at', type: 'string' },
  { name: 'status_changes', type: 'array<struct<from_status:string,to_status:string,at:string>>' },
  { name: 'reroutes', type: 'array<struct<from_unit:string,to_unit:string,at:string>>' },
  { name: 'deadline_extensions', type: 'array<struct<from_date:string,to_date:string,at:string>>' },
  { name: 'service_ended', type: 'boolean' },
  { name: 'deleted', type: 'boolean' },
  { name: 'changed_at', type: 'string' },
];

type Item = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** `from`, `to` and `at` of each change, under the names given: never its `by` or `reason`. */
function changes<From extends string, To extends string>(
  value: unknown,
  fromName: From,
  toName: To,
): ({ [K in From | To]: string } & { at: string })[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: Item) => {
    const from = text(entry?.from);
    const to = text(entry?.to);
    const at = text(entry?.at);
    if (from === null || to === null || at === null) return [];
    return [{ [fromName]: from, [toName]: to, at } as { [K in From | To]: string } & { at: string }];
  });
}

/** Whether an exported item is a ticket (`sk = 'TICKET'`): the only items analysts see. */
export function isTicketItem(keys: Item): boolean {
  return keys.sk === 'TICKET' && typeof keys.pk === 'string' && keys.pk.startsWith('TICKET#');
}

/**
 * The row of one exported change of a ticket item: `image` its new image (undefined: deleted),
 * `keys` its keys, `changedAt` the write time.
 */
export function analyticsRow(keys: Item, image: Item | undefined, changedAt: string): AnalyticsRow {
  const item = image ?? {};
  const statusChanges = changes(item.statusChanges, 'from_status', 'to_status');
  const settled = statusChanges.find(
    (change) => change.to_status === 'answered' || change.to_status === 'closed',
  );
  const closed = statusChanges.filter((change) => change.to_status === 'closed').at(-1);
  return {
    reference: text(item.reference) ?? String(keys.pk ?? '').replace(/^TICKET#/, ''),
    competence: text(item.competence),
    channel: text(item.channel),
    status: text(item.status),
    topic: text(item.topic),
    language: text(item.language),
    received_at: text(item.receivedAt),
    stored_at: text(item.storedAt),
    answer_deadline: text(item.answerDeadline),
    first_response_due: text(item.firstResponseDue),
    expected_answer_by: text(item.expectedAnswerBy),
    first_response_at: text(item.firstResponseAt),
    taken_at: text(item.takenAt),
    answered_at: settled?.at ?? null,
    closed_at: closed?.at ?? null,
    status_changes: statusChanges,
    reroutes: changes(item.reroutes, 'from_unit', 'to_unit'),
    deadline_extensions: changes(item.deadlineExtensions, 'from_date', 'to_date'),
    service_ended: item.serviceEnded !== undefined && item.serviceEnded !== null,
    deleted: image === undefined,
    changed_at: changedAt,
  };
}
