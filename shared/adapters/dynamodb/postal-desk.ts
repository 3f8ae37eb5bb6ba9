/**
 * PostalDesk on DynamoDB, in the tickets table:
 * - `POSTREG#<id>` / `POSTREG`: a registration, on the `worklist` index under `mailroom#registrations`
 *   sorted by `<createdAt>#<id>` (read newest first);
 * - `TICKET#<reference>` / `LETTER#<letterId>`: a letter to print (written by send-email with its
 *   send record, see `letterItem`), on the `worklist` index under `letters#pending` until its
 *   dispatch is recorded, then `letters#dispatched`, sorted by `<createdAt>#<reference>#<letterId>`.
 * Post is a few hundred items a day: one index partition per list is far from hot.
 */
import type { AuditRecord } from '../../domain/audit-event.ts';
import type { PostRegistration } from '../../domain/postal-registration.ts';
import type {
  LetterDispatch,
  LetterRecord,
  LetterState,
  Page,
  PostalDesk,
  RegistrationSettlement,
} from '../../ports/postal.ts';
import { type Item, withoutListKeys } from './items.ts';
import { type DynamoTables, type PageRequest, TicketsTable } from './tickets-table.ts';

export const registrationsListKey = 'mailroom#registrations';
export const letterListKey = (state: LetterState) => `letters#${state}`;

const registrationKey = (id: string) => ({ pk: `POSTREG#${id}`, sk: 'POSTREG' });
const letterKey = (reference: string, letterId: string) => ({
  pk: `TICKET#${reference}`,
  sk: `LETTER#${letterId}`,
});

/** The item of a new letter, as send-email writes it in the transaction of its send record. */
export function letterItem(letter: LetterRecord): Record<string, unknown> {
  return {
    ...letterKey(letter.reference, letter.letterId),
    type: 'letter',
    ...letter,
    worklistKey: letterListKey(letter.dispatch ? 'dispatched' : 'pending'),
    receivedKey: `${letter.createdAt}#${letter.reference}#${letter.letterId}`,
  };
}

export class DynamoPostalDesk implements PostalDesk {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  async register(registration: PostRegistration, audit: AuditRecord): Promise<void> {
    await this.#table.transact(
      [
        this.#table.newItem({
          ...registrationKey(registration.id),
          type: 'post-registration',
          ...registration,
          worklistKey: registrationsListKey,
          receivedKey: `${registration.createdAt}#${registration.id}`,
        }),
      ],
      audit,
    );
  }

  async getRegistration(id: string): Promise<PostRegistration | undefined> {
    const item = await this.#table.get(registrationKey(id));
    return item ? toRegistration(item) : undefined;
  }

  listRegistrations(page: PageRequest): Promise<Page<PostRegistration>> {
    return this.#list(registrationsListKey, 'POSTREG#', { ...page, newestFirst: true }, toRegistration);
  }

  /** A settlement is written once, while the registration awaits its scan (a conflict is thrown). */
  settle(id: string, settlement: RegistrationSettlement, audit?: AuditRecord): Promise<boolean> {
    const values: Record<string, unknown> = {
      ':state': settlement.state,
      ':settledAt': settlement.settledAt,
      ':awaiting': 'awaiting-scan',
    };
    const names: Record<string, string> = { '#state': 'state' };
    const sets = ['#state = :state', 'settledAt = :settledAt'];
    for (const field of ['reference', 'scan', 'refusal'] as const) {
      if (settlement[field] === undefined) continue;
      sets.push(`#${field} = :${field}`);
      values[`:${field}`] = settlement[field];
      names[`#${field}`] = field;
    }
    return this.#table.writeIf(
      [
        {
          Update: {
            TableName: this.#table.name,
            Key: registrationKey(id),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: '#state = :awaiting',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
      ],
      audit,
    );
  }

  listLetters(state: LetterState, page: PageRequest): Promise<Page<LetterRecord>> {
    return this.#list(letterListKey(state), 'TICKET#', { limit: page.limit, cursor: page.cursor }, toLetter);
  }

  async getLetter(reference: string, letterId: string): Promise<LetterRecord | undefined> {
    const item = await this.#table.get(letterKey(reference, letterId));
    return item ? toLetter(item) : undefined;
  }

  /** Recorded once (a conflict with a concurrent dispatch is thrown; the retry reads it recorded). */
  dispatch(
    letter: Pick<LetterRecord, 'reference' | 'letterId'>,
    dispatch: LetterDispatch,
    audit: AuditRecord,
  ): Promise<boolean> {
    return this.#table.writeIf(
      [
        {
          Update: {
            TableName: this.#table.name,
            Key: letterKey(letter.reference, letter.letterId),
            UpdateExpression: 'SET #dispatch = :dispatch, worklistKey = :listKey',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#dispatch)',
            ExpressionAttributeNames: { '#dispatch': 'dispatch' },
            ExpressionAttributeValues: { ':dispatch': dispatch, ':listKey': letterListKey('dispatched') },
          },
        },
      ],
      audit,
    );
  }

  async #list<T>(
    listKey: string,
    pkPrefix: string,
    page: PageRequest,
    toRecord: (item: Item) => T,
  ): Promise<Page<T>> {
    // A cursor cannot page into tickets or the other list.
    const result = await this.#table.listPage(listKey, pkPrefix, page);
    return { ...result, items: result.items.map(toRecord) };
  }
}

function toRegistration(item: Item): PostRegistration {
  return withoutListKeys(item) as unknown as PostRegistration;
}

function toLetter(item: Item): LetterRecord {
  return withoutListKeys(item) as unknown as LetterRecord;
}
