/**
 * Whether an acknowledgement may go (`shared/domain/acknowledgement-limits.ts`): first the
 * address's hourly cap (a read), then the court's hourly budget (a count, claimed only by an
 * acknowledgement that will be sent). Neither fails open: when a count cannot be read or written
 * the error propagates, the queue message is redelivered later (then dead-lettered), and nothing
 * is sent unchecked.
 */
import { acknowledgementHour, acknowledgementsPerAddressPerHour } from '../domain/acknowledgement-limits.ts';
import { clientGroupId } from '../domain/ids.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { AcknowledgementBudget } from '../ports/acknowledgement-budget.ts';
import type { OutboundStore } from '../ports/outbound.ts';

/** The court's hourly budget of acknowledgements and where it is counted. */
export interface AcknowledgementBudgetSettings {
  readonly counter: AcknowledgementBudget;
  readonly perHour: number;
}

/**
 * Why an acknowledgement is withheld, or `undefined` when it may go: `rate-limit` when the address
 * sent more than its hour's worth of requests before this one (counted from the tickets
 * themselves, the same answer on every redelivery), `ack-budget` when the court's budget for the
 * hour is spent. The budget counts each acknowledgement once, by its outbound id: a redelivery of one
 * it counted (sent or not) counts nothing more and may go.
 */
export async function acknowledgementWithheld(
  store: Pick<OutboundStore, 'ticketsReceivedBetween'>,
  budget: AcknowledgementBudgetSettings | undefined,
  ticket: Ticket,
  now: Date,
  outboundId: string,
): Promise<'rate-limit' | 'ack-budget' | undefined> {
  const received = Date.parse(ticket.receivedAt);
  const count = await store.ticketsReceivedBetween(
    clientGroupId(ticket.client.email),
    new Date(received - 3600_000 + 1).toISOString(),
    `${ticket.receivedAt}#${ticket.reference}`,
    acknowledgementsPerAddressPerHour + 1,
  );
  if (count > acknowledgementsPerAddressPerHour) return 'rate-limit';
  if (budget && !(await budget.counter.claim(acknowledgementHour(now), budget.perHour, outboundId)))
    return 'ack-budget';
  return undefined;
}
