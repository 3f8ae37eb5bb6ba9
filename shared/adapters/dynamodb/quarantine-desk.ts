/**
 * The mail quarantine on DynamoDB. A quarantined mail is the item `QUARANTINE#<SES message id>` /
 * `QUARANTINE` in the tickets table; it sits on the `worklist` index under `<competence>#quarantine`
 * while held and `<competence>#quarantine-released` once released, sorted by `<receivedAt>#<id>`,
 * so every list is one paginated `Query` on one partition (no Scan). Quarantine volume is small:
 * one partition per unit is far from hot.
 */
import type { AuditRecord } from '../../domain/audit-event.ts';
import type {
  MailQuarantine,
  QuarantineDesk,
  QuarantinedMail,
  QuarantinePage,
  QuarantineRecord,
  QuarantineRelease,
  QuarantineState,
} from '../../ports/quarantine.ts';
import { withoutListKeys } from './items.ts';
import { type DynamoTables, type PageRequest, TicketsTable } from './tickets-table.ts';

/** The worklist-index partition of a unit's quarantined mail in `state`. */
export function quarantineListKey(competence: string, state: QuarantineState): string {
  return state === 'held' ? `${competence}#quarantine` : `${competence}#quarantine-${state}`;
}

/** The index attributes of a quarantined mail: its unit's list, in order of receipt. */
export function quarantineIndexKeys(
  competence: string,
  state: QuarantineState,
  record: { readonly receivedAt: string; readonly id: string },
): { worklistKey: string; receivedKey: string } {
  return {
    worklistKey: quarantineListKey(competence, state),
    receivedKey: `${record.receivedAt}#${record.id}`,
  };
}

const itemKey = (id: string) => ({ pk: `QUARANTINE#${id}`, sk: 'QUARANTINE' });

/** Where ingest-email keeps mail that cannot become a ticket message as it is. */
export class DynamoMailQuarantine implements MailQuarantine {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  quarantine(record: QuarantineRecord): Promise<boolean> {
    return this.#table.putNew({
      ...itemKey(record.id),
      type: 'quarantine',
      state: 'held',
      ...record,
      // Listed for the unit's supervisors on the worklist index, oldest first.
      ...(record.competence ? quarantineIndexKeys(record.competence, 'held', record) : {}),
    });
  }
}

export class DynamoQuarantineDesk implements QuarantineDesk {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  async list(competence: string, state: QuarantineState, page: PageRequest): Promise<QuarantinePage> {
    // A cursor cannot page into tickets or another unit's list.
    const result = await this.#table.listPage(quarantineListKey(competence, state), 'QUARANTINE#', {
      limit: page.limit,
      cursor: page.cursor,
    });
    return { ...result, items: result.items.map(toQuarantinedMail) };
  }

  async get(id: string): Promise<QuarantinedMail | undefined> {
    const item = await this.#table.get(itemKey(id));
    // An item from before quarantined mail had a unit is on no list: not found here either.
    return item?.competence ? toQuarantinedMail(item) : undefined;
  }

  release(
    mail: Pick<QuarantinedMail, 'id' | 'competence'>,
    release: QuarantineRelease,
    audit: AuditRecord,
  ): Promise<boolean> {
    return this.#table.writeIf(
      [
        {
          Update: {
            TableName: this.#table.name,
            Key: itemKey(mail.id),
            UpdateExpression: 'SET #state = :released, #release = :release, worklistKey = :listKey',
            // Only a held mail, of the unit the supervisor was allowed to act on.
            ConditionExpression: '#state = :held AND competence = :competence',
            ExpressionAttributeNames: { '#state': 'state', '#release': 'release' },
            ExpressionAttributeValues: {
              ':released': 'released',
              ':held': 'held',
              ':competence': mail.competence,
              ':release': release,
              ':listKey': quarantineListKey(mail.competence, 'released'),
            },
          },
        },
      ],
      audit,
      // Released by someone at the same moment: lost, as if released already.
      { orConflict: true },
    );
  }
}

function toQuarantinedMail(item: Record<string, unknown>): QuarantinedMail {
  return withoutListKeys(item) as unknown as QuarantinedMail;
}
