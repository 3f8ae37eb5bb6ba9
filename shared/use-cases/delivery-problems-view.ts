/**
 * What staff see of the bounces and complaints of a ticket's mail: each one with the thread entry
 * of the message it is about, and the latest that makes the address undeliverable (the admin page
 * shows it as a banner: answer by post).
 */
import type { TicketRecord } from '../ports/ticket-desk.ts';
import type { DeliveryProblemView, TicketDetail } from './views/tickets.ts';

export function clientDeliveryView(
  record: TicketRecord,
): Pick<TicketDetail['client'], 'emailUndeliverable' | 'deliveryProblems'> {
  const problems = record.deliveryProblems ?? [];
  if (problems.length === 0) return {};
  const sentBySesId = new Map(
    record.sent.filter((sent) => sent.sesMessageId).map((sent) => [sent.sesMessageId, sent]),
  );
  const views = [...problems]
    .sort((a, b) => a.at.localeCompare(b.at) || a.feedbackId.localeCompare(b.feedbackId))
    .map((problem): DeliveryProblemView => {
      const sent = sentBySesId.get(problem.sesMessageId);
      // A reply's thread entry is its message; a notice's is its outbound item.
      const entryId =
        sent?.kind === 'reply'
          ? record.messages.find((message) => message.outboundId === sent.outboundId)?.id
          : sent?.outboundId;
      return {
        reason: problem.kind,
        at: problem.at,
        type: problem.type,
        ...(problem.subtype ? { subtype: problem.subtype } : {}),
        undeliverable: problem.undeliverable,
        ...(entryId ? { entryId } : {}),
        ...(sent ? { message: sent.kind } : {}),
      };
    });
  const latest = views.filter((view) => view.undeliverable).at(-1);
  return { ...(latest ? { emailUndeliverable: latest } : {}), deliveryProblems: views };
}
