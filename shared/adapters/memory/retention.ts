/**
 * In-memory fakes of the retention sweeper's ports (`../../ports/retention.ts`) and of a versioned
 * bucket, for unit tests and the retention bench: the same paging contract as the DynamoDB and S3
 * adapters (a cursor continues after the last entry handed out; entries removed meanwhile are
 * simply not seen again).
 */
import type { ObjectVersions } from '../../ports/object-versions.ts';
import type {
  AgedObjects,
  RetainedTicket,
  RetentionCursor,
  RetentionGuards,
  RetentionIndex,
  RetentionProgress,
  RetentionRun,
  RetentionTicketState,
} from '../../ports/retention.ts';

export class MemoryRetentionIndex implements RetentionIndex {
  readonly #entries = new Map<string, RetainedTicket>();
  #sorted: RetainedTicket[] | undefined;

  /** Puts (or moves) a ticket on the index, as a settling write does. */
  put(ticket: RetainedTicket): void {
    this.#entries.set(ticket.reference, ticket);
    this.#sorted = undefined;
  }

  /** What a reopening does to the ticket item: its status changes, its index entry may stay. */
  setStatus(reference: string, status: string): void {
    const entry = this.#entries.get(reference);
    if (entry) this.#entries.set(reference, { ...entry, status });
    this.#sorted = undefined;
  }

  has(reference: string): boolean {
    return this.#entries.has(reference);
  }

  async settledBefore(
    settledBefore: string,
    page: { readonly cursor?: RetentionCursor; readonly limit: number },
  ): Promise<{ readonly tickets: readonly RetainedTicket[]; readonly next?: RetentionCursor }> {
    this.#sorted ??= [...this.#entries.values()].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    const sorted = this.#sorted;
    // The first entry after the cursor, by binary search: the bench pages through 100,000.
    const after = page.cursor ?? '';
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sortKey(sorted[middle] as RetainedTicket) > after) high = middle;
      else low = middle + 1;
    }
    const tickets: RetainedTicket[] = [];
    let more = false;
    for (let i = low; i < sorted.length; i += 1) {
      const entry = sorted[i] as RetainedTicket;
      if (entry.settledAt >= settledBefore) break;
      const current = this.#entries.get(entry.reference);
      if (!current || sortKey(current) !== sortKey(entry)) continue;
      if (tickets.length === page.limit) {
        more = true;
        break;
      }
      tickets.push(current);
    }
    const last = tickets.at(-1);
    return { tickets, ...(more && last ? { next: sortKey(last) } : {}) };
  }

  async forget(reference: string): Promise<void> {
    this.#entries.delete(reference);
  }
}

const sortKey = (ticket: RetainedTicket) => `${ticket.settledAt}#${ticket.reference}`;

export class MemoryRetentionProgress implements RetentionProgress {
  readonly runs = new Map<string, RetentionRun>();

  async load(day: string): Promise<RetentionRun | undefined> {
    return this.runs.get(day);
  }

  async save(run: RetentionRun): Promise<void> {
    this.runs.set(run.day, run);
  }
}

/** The tickets' states, intake's mail references and the quarantine's states, as the tests set them. */
export class MemoryRetentionGuards implements RetentionGuards {
  readonly tickets = new Map<string, RetentionTicketState>();
  /** Mail message id → the reference of the ticket it became (intake's idempotency record). */
  readonly mail = new Map<string, string>();
  /** Quarantined mail message id → its state. */
  readonly quarantine = new Map<string, 'held' | 'released' | 'refused'>();
  /** The keys of held tickets' objects (shared with `MemoryDataSubjects`' holds when a test wires them). */
  readonly heldObjects: Set<string>;

  constructor(heldObjects: Set<string> = new Set()) {
    this.heldObjects = heldObjects;
  }

  async ticketState(reference: string): Promise<RetentionTicketState | undefined> {
    return this.tickets.get(reference);
  }

  async mailReference(messageId: string): Promise<string | undefined> {
    return this.mail.get(messageId);
  }

  async heldObject(key: string): Promise<boolean> {
    return this.heldObjects.has(key);
  }

  async quarantineAwaiting(messageId: string): Promise<boolean> {
    return this.quarantine.get(messageId) === 'held';
  }
}

interface StoredVersion {
  readonly versionId: string;
  readonly lastModified: Date;
  /** A delete marker: the key reads as absent, the older versions stay. */
  readonly deleteMarker: boolean;
  readonly body: string;
}

/** A versioned bucket: a put adds a version, a plain delete adds a delete marker. */
export class MemoryVersionedBucket implements AgedObjects, ObjectVersions {
  readonly #objects = new Map<string, StoredVersion[]>();
  #sequence = 0;

  put(key: string, body: string, lastModified: Date): void {
    this.#add(key, { body, lastModified, deleteMarker: false });
  }

  /** What an S3 DeleteObject without a version id does in a versioned bucket. */
  deleteCurrent(key: string, at: Date): void {
    this.#add(key, { body: '', lastModified: at, deleteMarker: true });
  }

  /** Every version and delete marker of `key`, oldest first. */
  versionsOf(key: string): readonly StoredVersion[] {
    return this.#objects.get(key) ?? [];
  }

  keys(): string[] {
    return [...this.#objects.keys()].sort();
  }

  async modifiedBefore(
    prefix: string,
    before: Date,
    page: { readonly cursor?: RetentionCursor; readonly limit: number },
  ): Promise<{ readonly keys: readonly string[]; readonly next?: RetentionCursor }> {
    // As the S3 adapter lists versions: a key by its newest version or delete marker (a deleted
    // key's old versions are still data), a page of `limit` keys in key order, filtered after.
    const listed = this.keys()
      .filter((key) => key.startsWith(prefix) && key > (page.cursor ?? ''))
      .slice(0, page.limit);
    const last = listed.at(-1);
    const more = last !== undefined && listed.length === page.limit;
    return {
      keys: listed.filter((key) => (this.#current(key)?.lastModified ?? before) < before),
      ...(more ? { next: last } : {}),
    };
  }

  async deleteEveryVersion(key: string): Promise<number> {
    const versions = this.#objects.get(key)?.length ?? 0;
    this.#objects.delete(key);
    return versions;
  }

  async deleteEveryVersionUnder(prefix: string): Promise<number> {
    let deleted = 0;
    for (const key of this.keys().filter((candidate) => candidate.startsWith(prefix))) {
      deleted += await this.deleteEveryVersion(key);
    }
    return deleted;
  }

  #current(key: string): StoredVersion | undefined {
    return this.#objects.get(key)?.at(-1);
  }

  #add(key: string, version: Omit<StoredVersion, 'versionId'>): void {
    this.#sequence += 1;
    const versions = this.#objects.get(key) ?? [];
    versions.push({ ...version, versionId: `v${this.#sequence}` });
    this.#objects.set(key, versions);
  }
}
