/**
 * DeadlineSweepStore on the tickets table. Keys:
 * - `TICKET#<reference>` / `TICKET`: the ticket; the flag is written onto it as `deadlineFlag`,
 *   `deadlineFlaggedAt`, `deadlineFlaggedFor` and, once a digest listed it, `deadlineReportedOn`,
 *   so the worklists that find the ticket carry its flag too.
 * - `DIGEST#<competence>#<date>` / `DIGEST`: a unit's digest of a day: claimed (by a run, until a
 *   time) before sending, then sent, with its entries and SES message id.
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../domain/audit-event.ts';
import type {
  DeadlineSweepStore,
  DigestClaim,
  DigestEntry,
  DigestRecord,
  FlagChange,
} from '../../ports/deadline-sweep.ts';
import { ticketKey } from './ticket-keys.ts';
import { type DynamoTables, ifCondition, TicketsTable } from './tickets-table.ts';

const digestKey = (competence: string, date: string) => ({
  pk: `DIGEST#${competence}#${date}`,
  sk: 'DIGEST',
});

/** Concurrent writes when marking a digest's tickets. */
const writeConcurrency = 10;

export class DynamoDeadlineSweepStore implements DeadlineSweepStore {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  flag(change: FlagChange, audit: AuditRecord): Promise<boolean> {
    // The flag's record, with it (the record's key is the flag's: new with a new flag).
    return ifCondition(this.#table.transact([{ Update: this.#flagUpdate(change) }], audit));
  }

  #flagUpdate(change: FlagChange) {
    return {
      TableName: this.#table.name,
      Key: ticketKey(change.reference),
      UpdateExpression:
        'SET deadlineFlag = :flag, deadlineFlaggedAt = :at, deadlineFlaggedFor = :deadline ' +
        'REMOVE deadlineReportedOn',
      // Still this unit's, with this deadline and to answer (the index read may be stale), and
      // not flagged so for this deadline already.
      ConditionExpression:
        'competence = :competence AND answerDeadline = :deadline AND NOT #status IN (:answered, :closed) ' +
        'AND (attribute_not_exists(deadlineFlag) OR deadlineFlag <> :flag OR deadlineFlaggedFor <> :deadline)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':flag': change.flag,
        ':at': change.flaggedAt,
        ':deadline': change.answerDeadline,
        ':competence': change.competence,
        ':answered': 'answered',
        ':closed': 'closed',
      },
    };
  }

  async claimDigest(
    competence: string,
    date: string,
    claimId: string,
    until: Date,
    now: Date,
  ): Promise<DigestClaim> {
    const claimed = await ifCondition(
      this.#table.client.send(
        new PutCommand({
          TableName: this.#table.name,
          Item: {
            ...digestKey(competence, date),
            type: 'digest',
            competence,
            date,
            state: 'claimed',
            claimId,
            claimedUntil: until.toISOString(),
          },
          ConditionExpression:
            'attribute_not_exists(pk) OR (#state = :claimed AND (claimedUntil < :now OR claimId = :claimId))',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':claimed': 'claimed',
            ':now': now.toISOString(),
            ':claimId': claimId,
          },
        }),
      ),
    );
    if (claimed) return { state: 'claimed' };
    const item = await this.#table.get(digestKey(competence, date));
    if (item?.state !== 'sent') return { state: 'busy' };
    return {
      state: 'sent',
      record: {
        competence,
        date,
        to: String(item.to),
        entries: (item.entries ?? []) as DigestEntry[],
        sesMessageId: String(item.sesMessageId),
        sentAt: String(item.sentAt),
      },
    };
  }

  async releaseDigest(competence: string, date: string, claimId: string): Promise<void> {
    await ifCondition(
      this.#table.client.send(
        new UpdateCommand({
          TableName: this.#table.name,
          Key: digestKey(competence, date),
          UpdateExpression: 'SET claimedUntil = :expired',
          ConditionExpression: '#state = :claimed AND claimId = :claimId',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':expired': new Date(0).toISOString(),
            ':claimed': 'claimed',
            ':claimId': claimId,
          },
        }),
      ),
    );
  }

  async recordDigest(record: DigestRecord, claimId: string): Promise<boolean> {
    return ifCondition(
      this.#table.client.send(
        new UpdateCommand({
          TableName: this.#table.name,
          Key: digestKey(record.competence, record.date),
          UpdateExpression:
            'SET #state = :sent, #to = :to, entries = :entries, sesMessageId = :sesMessageId, sentAt = :sentAt ' +
            'REMOVE claimedUntil',
          ConditionExpression: '#state = :claimed AND claimId = :claimId',
          ExpressionAttributeNames: { '#state': 'state', '#to': 'to' },
          ExpressionAttributeValues: {
            ':sent': 'sent',
            ':to': record.to,
            ':entries': record.entries,
            ':sesMessageId': record.sesMessageId,
            ':sentAt': record.sentAt,
            ':claimed': 'claimed',
            ':claimId': claimId,
          },
        }),
      ),
    );
  }

  async markReported(entries: readonly DigestEntry[], date: string): Promise<void> {
    const queue = [...entries];
    const worker = async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        await ifCondition(
          this.#table.client.send(
            new UpdateCommand({
              TableName: this.#table.name,
              Key: ticketKey(entry.reference),
              UpdateExpression: 'SET deadlineReportedOn = :date',
              // Flagged again since (another flag, a new deadline): that flag is not reported yet.
              ConditionExpression:
                'deadlineFlag = :flag AND deadlineFlaggedFor = :deadline AND deadlineFlaggedAt = :at ' +
                'AND attribute_not_exists(deadlineReportedOn)',
              ExpressionAttributeValues: {
                ':date': date,
                ':flag': entry.flag,
                ':deadline': entry.answerDeadline,
                ':at': entry.flaggedAt,
              },
            }),
          ),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(writeConcurrency, entries.length) }, worker));
  }
}
