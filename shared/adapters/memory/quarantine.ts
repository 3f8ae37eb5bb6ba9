/** QuarantineDesk in memory, over a MemoryTicketStore's quarantined mail: same order and conditions. */
import type { AuditRecord } from '../../domain/audit-event.ts';
import type {
  QuarantineDesk,
  QuarantinedMail,
  QuarantinePage,
  QuarantineRelease,
  QuarantineState,
} from '../../ports/quarantine.ts';
import { pageOf } from './pages.ts';
import type { MemoryTicketStore } from './ticket-store.ts';

export class MemoryQuarantineDesk implements QuarantineDesk {
  readonly #store: MemoryTicketStore;
  readonly releases = new Map<string, QuarantineRelease>();
  readonly audit: AuditRecord[] = [];
  /** Fails the next release write, to test what a failed request leaves behind. */
  failNextRelease = false;

  constructor(store: MemoryTicketStore) {
    this.#store = store;
  }

  async list(
    competence: string,
    state: QuarantineState,
    page: { limit: number; cursor?: string },
  ): Promise<QuarantinePage> {
    const selected = [...this.#store.quarantined.keys()]
      .map((id) => this.#mail(id))
      .filter((mail): mail is QuarantinedMail => mail?.competence === competence && mail.state === state)
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
    return pageOf(selected, page);
  }

  async get(id: string): Promise<QuarantinedMail | undefined> {
    return this.#mail(id);
  }

  async release(
    mail: Pick<QuarantinedMail, 'id' | 'competence'>,
    release: QuarantineRelease,
    audit: AuditRecord,
  ): Promise<boolean> {
    if (this.failNextRelease) {
      this.failNextRelease = false;
      throw new Error('store unavailable');
    }
    const current = this.#mail(mail.id);
    if (current?.state !== 'held' || current.competence !== mail.competence) return false;
    this.releases.set(mail.id, release);
    this.audit.push(audit);
    return true;
  }

  #mail(id: string): QuarantinedMail | undefined {
    const record = this.#store.quarantined.get(id);
    // Records from before quarantined mail had a unit are not listed (as on DynamoDB).
    if (!record?.competence) return undefined;
    const release = this.releases.get(id);
    return {
      ...record,
      competence: record.competence,
      state: release ? 'released' : 'held',
      ...(release ? { release } : {}),
    };
  }
}
