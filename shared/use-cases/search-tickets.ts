/** Search by reference, a client's email address, or words of the subject, message or name. */
import { clientGroupId } from '../domain/ids.ts';
import { accessDenied } from '../domain/refused.ts';
import type { Ticket, TicketStatus } from '../domain/ticket.ts';
import { visibleTo } from './staff-access.ts';
import { recordRead, type StaffCaller } from './staff-audit.ts';
import type { StaffDeskDeps } from './staff-desk.ts';
import { badgeDates, ticketSummary } from './ticket-views.ts';
import type { TicketSummary } from './views/tickets.ts';

const referenceQuery = /^TA-\d{4}-\d{6,}$/i;
/** Words are matched without case and diacritics: "sūdzība" finds "SUDZIBA". */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
/** How many tickets per unit and status a text search reads at most, newest first. */
const textSearchBudget = 1000;

type SearchDeps = Pick<StaffDeskDeps, 'store' | 'desk' | 'worklists' | 'audit' | 'clock'>;

export async function searchTickets(
  deps: SearchDeps,
  caller: StaffCaller,
  query: string,
): Promise<TicketSummary[]> {
  if (caller.competences.length === 0) throw accessDenied();
  const q = query.trim();
  const kind = referenceQuery.test(q) ? 'reference' : q.includes('@') ? 'email' : 'text';
  let found: Ticket[];
  if (kind === 'reference') {
    const ticket = await deps.store.getTicket(q.toUpperCase());
    found = ticket ? [ticket] : [];
  } else if (kind === 'email') {
    found = await deps.desk.clientTickets(clientGroupId(q), 100);
  } else {
    found = await textSearch(deps, caller, fold(q));
  }
  const visible = found
    .filter((ticket) => visibleTo(caller, ticket))
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
    .slice(0, 50);
  const dates = badgeDates(deps.clock);
  await recordRead(deps, caller, {
    eventName: 'SearchTickets',
    references: visible.map((ticket) => ticket.reference),
    // The query may be a client's address or name: only its kind is recorded.
    requestParameters: { queryKind: kind },
    responseElements: { count: visible.length },
  });
  return visible.map((ticket) => ticketSummary(ticket, dates));
}

async function textSearch(deps: SearchDeps, caller: StaffCaller, words: string): Promise<Ticket[]> {
  const terms = words.split(/\s+/).filter(Boolean).slice(0, 10);
  const statuses: (TicketStatus | 'review')[] = [
    'new',
    'review',
    'open',
    'waiting-on-client',
    'answered',
    'closed',
  ];
  const lists = caller.competences.flatMap((competence) =>
    statuses
      // Held-for-review tickets are the supervisors' only.
      .filter((status) => status !== 'review' || caller.supervises.includes(competence))
      .map((status) => ({ competence, status })),
  );
  const matches: Ticket[] = [];
  await Promise.all(
    lists.map(async ({ competence, status }) => {
      let cursor: string | undefined;
      let read = 0;
      do {
        const page = await deps.worklists.listWhole(
          { kind: 'queue', competence, status },
          { limit: 100, newestFirst: true, ...(cursor ? { cursor } : {}) },
        );
        read += page.items.length;
        for (const ticket of page.items) {
          const haystack = fold(`${ticket.subject}\n${ticket.body}\n${ticket.client.name}`);
          if (terms.every((term) => haystack.includes(term))) matches.push(ticket);
        }
        cursor = page.cursor;
      } while (cursor && read < textSearchBudget);
    }),
  );
  return matches;
}
