/**
 * PostalDesk in memory, for unit tests; the same contract as `../dynamodb/postal-desk.ts`: a
 * registration is stored once per id, settled only while it awaits its scan, a letter's dispatch
 * recorded once; registrations listed newest first, letters oldest first, with numeric cursors.
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
import { pageOf } from './pages.ts';

export class MemoryPostalDesk implements PostalDesk {
  readonly registrations = new Map<string, PostRegistration>();
  /** Letters by `<reference>/<letterId>`, as send-email writes them (see `addLetter`). */
  readonly letters = new Map<string, LetterRecord>();
  /** The audit records written with registrations, settlements and dispatches. */
  readonly audit: AuditRecord[] = [];

  async register(registration: PostRegistration, audit: AuditRecord): Promise<void> {
    // As DynamoDB's conditional put: never over an existing registration.
    if (this.registrations.has(registration.id))
      throw new Error(`Registration ${registration.id} exists already`);
    this.registrations.set(registration.id, structuredClone(registration));
    this.audit.push(audit);
  }

  async getRegistration(id: string): Promise<PostRegistration | undefined> {
    const registration = this.registrations.get(id);
    return registration ? structuredClone(registration) : undefined;
  }

  async listRegistrations(page: { limit: number; cursor?: string }): Promise<Page<PostRegistration>> {
    const newestFirst = [...this.registrations.values()].sort((a, b) =>
      `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`),
    );
    return copies(pageOf(newestFirst, page));
  }

  async settle(id: string, settlement: RegistrationSettlement, audit?: AuditRecord): Promise<boolean> {
    const registration = this.registrations.get(id);
    if (registration?.state !== 'awaiting-scan') return false;
    this.registrations.set(id, {
      ...registration,
      state: settlement.state,
      settledAt: settlement.settledAt,
      ...(settlement.reference !== undefined ? { reference: settlement.reference } : {}),
      ...(settlement.scan !== undefined ? { scan: structuredClone(settlement.scan) } : {}),
      ...(settlement.refusal !== undefined ? { refusal: structuredClone(settlement.refusal) } : {}),
    });
    if (audit) this.audit.push(audit);
    return true;
  }

  async listLetters(
    state: LetterState,
    page: { limit: number; cursor?: string },
  ): Promise<Page<LetterRecord>> {
    const oldestFirst = [...this.letters.values()]
      .filter((letter) => (letter.dispatch ? 'dispatched' : 'pending') === state)
      .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    return copies(pageOf(oldestFirst, page));
  }

  async getLetter(reference: string, letterId: string): Promise<LetterRecord | undefined> {
    const letter = this.letters.get(`${reference}/${letterId}`);
    return letter ? structuredClone(letter) : undefined;
  }

  async dispatch(
    letter: Pick<LetterRecord, 'reference' | 'letterId'>,
    dispatch: LetterDispatch,
    audit: AuditRecord,
  ): Promise<boolean> {
    const key = `${letter.reference}/${letter.letterId}`;
    const current = this.letters.get(key);
    if (!current || current.dispatch) return false;
    this.letters.set(key, { ...current, dispatch: { ...dispatch } });
    this.audit.push(audit);
    return true;
  }

  /**
   * Stores a letter as send-email does with its send record (`letterItem` in the DynamoDB
   * adapter): e.g. the `letter` of a CompletedSend. Another letter of the same message is ignored.
   */
  addLetter(letter: LetterRecord): void {
    const key = `${letter.reference}/${letter.letterId}`;
    if (!this.letters.has(key)) this.letters.set(key, structuredClone(letter));
  }
}

function sortKey(letter: LetterRecord): string {
  return `${letter.createdAt}#${letter.reference}#${letter.letterId}`;
}

/** The page with copies of its items: a caller cannot change what is stored. */
function copies<T>(page: Page<T>): Page<T> {
  return { ...page, items: page.items.map((item) => structuredClone(item)) };
}
