import { describe, expect, it } from 'vitest';
import { ticketItem } from '../../../shared/adapters/dynamodb/ticket-items.ts';
import { contributions } from '../../../shared/domain/figures/contributions.ts';
import { isErased, pseudonymiseTicket } from '../../../shared/domain/pseudonymise-ticket.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import { testTicket } from '../../support/tickets.ts';

const personal = ['Anna Kalniņa', 'anna@example.lv', '+37120000001', 'Brīvības iela 1', 'LV-1010'];
const texts = [
  'Konfidenciāls temats',
  'Konfidenciāls teksts',
  'HTML teksts',
  'pārsūtīts, jo klients',
  'pagarināts, jo',
];

/** A ticket that went through most of what can happen to one, with personal data in every field that can hold it. */
function eventfulTicket(): Ticket {
  return testTicket('TA-2026-000042', 'court-fees', {
    channel: 'postal',
    receivedAt: '2026-03-10T08:00:00.000Z',
    answerDeadline: '2026-04-10',
    status: 'closed',
    client: {
      name: 'Anna Kalniņa',
      email: 'anna@example.lv',
      phone: '+37120000001',
      postalAddress: { addressLine: 'Brīvības iela 1', postalCode: 'LV-1010', city: 'Rīga' } as never,
    },
    bodyHtml: '<p>HTML teksts</p>',
    email: { messageId: '<m1@example.lv>', references: ['<m0@example.lv>'] },
    attachments: [
      {
        key: 'attachments/x/skenējums.pdf',
        filename: 'Kalniņa.pdf',
        contentType: 'application/pdf',
        size: 10,
        inline: false,
      },
    ],
    postal: {
      registrationId: 'r1',
      receivedOn: '2026-03-10',
      registeredMailNumber: 'RR123456789LV',
      registeredBy: 'mailroom.maija',
      scan: { kind: 'pdf', pages: 1 },
      needsTranscription: true,
    },
    transcription: { text: 'Anna Kalniņa raksta', by: 'agent.anna', at: '2026-03-10T09:00:00.000Z' },
    callback: {
      phone: '+37120000001',
      done: { by: 'agent.anna', at: '2026-03-11T09:00:00.000Z', outcome: 'reached' },
    },
    routing: {
      competence: 'court-fees',
      ruleId: 'words-court-fees',
      rulesVersion: 'v1',
      explanation: { lv: 'Vārdi', en: 'Words' },
      matched: [{ field: 'body', value: 'Kalniņa', term: 'kalniņa' } as never],
    },
    reroutes: [
      {
        from: 'general',
        to: 'court-fees',
        reason: 'pārsūtīts, jo klients',
        by: 'sup.sandra',
        at: '2026-03-11T10:00:00.000Z',
      },
    ],
    deadlineExtensions: [
      {
        from: '2026-04-09',
        to: '2026-04-10',
        reason: 'pagarināts, jo',
        by: 'agent.anna',
        at: '2026-03-12T10:00:00.000Z',
      },
    ],
    reopenings: [{ at: '2026-03-20T10:00:00.000Z', from: '2026-04-10', to: '2026-04-20' }],
    assignee: 'agent.anna',
    takenAt: '2026-03-10T10:00:00.000Z',
    firstResponseAt: '2026-03-13T10:00:00.000Z',
    statusChanges: [
      { from: 'open', to: 'answered', by: 'agent.anna', at: '2026-03-13T10:00:00.000Z' },
      { from: 'answered', to: 'open', by: 'agent.anna', at: '2026-03-20T10:00:00.000Z' },
      { from: 'open', to: 'closed', by: 'agent.anna', at: '2026-03-25T10:00:00.000Z' },
    ],
    lastClientMessageAt: '2026-03-20T10:00:00.000Z',
    serviceEnded: { reason: 'Anna Kalniņa ļaunprātīgi', by: 'sup.sandra', at: '2026-03-26T10:00:00.000Z' },
    acknowledgement: { sesMessageId: 'ses-1', sentAt: '2026-03-10T08:01:00.000Z' },
  });
}

describe('pseudonymiseTicket', () => {
  const at = '2026-09-01T00:00:00.000Z';

  it('leaves no name, address, email, phone or text of the client or of staff about them', () => {
    const erased = JSON.stringify(pseudonymiseTicket(eventfulTicket(), { basis: 'request', at }));
    for (const needle of [...personal, ...texts, 'RR123456789LV', 'Kalniņa', 'm1@example.lv'])
      expect(erased.toLowerCase()).not.toContain(needle.toLowerCase());
  });

  it('keeps what the figures count from: the contributions before and after are identical', () => {
    const ticket = eventfulTicket();
    const before = contributions(ticketItem(ticket));
    const after = contributions(ticketItem(pseudonymiseTicket(ticket, { basis: 'retention', at })));
    expect(before.length).toBeGreaterThan(5);
    expect(after).toEqual(before);
  });

  it("keeps the ticket's bookkeeping and marks it erased with its basis", () => {
    const ticket = eventfulTicket();
    const erased = pseudonymiseTicket(ticket, { basis: 'request', at });
    expect(isErased(ticket)).toBe(false);
    expect(isErased(erased)).toBe(true);
    expect(erased).toMatchObject({
      reference: ticket.reference,
      channel: 'postal',
      status: 'closed',
      competence: 'court-fees',
      routing: { competence: 'court-fees', ruleId: 'words-court-fees', matched: [] },
      assignee: 'agent.anna',
      callback: { phone: '', done: { outcome: 'reached' } },
      postal: { registrationId: 'r1', receivedOn: '2026-03-10', scan: { kind: 'pdf', pages: 1 } },
      reroutes: [{ from: 'general', to: 'court-fees', reason: '', by: 'sup.sandra' }],
      erasedAt: at,
      erasure: { basis: 'request' },
      client: { name: '', email: '' },
    });
    expect(erased).not.toHaveProperty('attachments');
    expect(erased).not.toHaveProperty('transcription');
    expect(erased).not.toHaveProperty('bodyHtml');
  });

  it('drops a callback not yet made, with its number', () => {
    const ticket = testTicket('TA-2026-000043', 'court-fees', {
      receivedAt: '2026-03-10T08:00:00.000Z',
      answerDeadline: '2026-04-10',
      callback: { phone: '+37120000001' },
    });
    expect(pseudonymiseTicket(ticket, { basis: 'request', at })).not.toHaveProperty('callback');
  });

  it('drops a field it does not know (an allow-list), and the reason of a correction of the client', () => {
    const ticket = {
      ...eventfulTicket(),
      clientCorrections: [
        { fields: ['name'], reason: 'Anna Kalniņa lūdza', by: 'agent.anna', at: '2026-03-14T10:00:00.000Z' },
      ],
      clientNickname: 'Annele',
      postal: { ...eventfulTicket().postal, senderNote: 'Annele raksta' },
    } as unknown as Ticket;
    const erased = pseudonymiseTicket(ticket, { basis: 'request', at });
    expect(erased).not.toHaveProperty('clientNickname');
    expect(erased.postal).not.toHaveProperty('senderNote');
    expect(erased.clientCorrections).toEqual([
      { fields: ['name'], by: 'agent.anna', at: '2026-03-14T10:00:00.000Z' },
    ]);
    expect(JSON.stringify(erased)).not.toContain('Anne');
    expect(JSON.stringify(erased)).not.toContain('lūdza');
  });
});
