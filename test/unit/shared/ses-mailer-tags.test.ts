/** The ticket reference travels with every mail as an SES message tag, so that bounces name their ticket. */
import type { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { FixedClock, MemoryMailer, MemoryTicketStore } from '../../../shared/adapters/memory/index.ts';
import { emailTags, SesMailer, UnsafeEmailTag } from '../../../shared/adapters/ses/mailer.ts';
import { sendOutboundMessage } from '../../../shared/use-cases/send-outbound-message.ts';
import { testTicket } from '../../support/tickets.ts';

function sesMailer() {
  const inputs: SendEmailCommand['input'][] = [];
  const client = {
    send: async (command: SendEmailCommand) => {
      inputs.push(command.input);
      return { MessageId: `ses-${inputs.length}` };
    },
  } as unknown as SESv2Client;
  return { inputs, mailer: new SesMailer({ client, configurationSet: 'courtdesk' }) };
}

const email = {
  from: 'noreply@courtdesk.example.lv',
  to: 'anna@example.lv',
  subject: 'Jūsu pieprasījums saņemts — TA-2026-000001',
  text: 'Labdien!',
};

describe('SesMailer', () => {
  it('sends the tags as EmailTags, with the configuration set that publishes their events', async () => {
    const { inputs, mailer } = sesMailer();
    await mailer.send({ ...email, tags: [{ name: 'reference', value: 'TA-2026-000001' }] });
    expect(inputs[0]).toMatchObject({
      ConfigurationSetName: 'courtdesk',
      EmailTags: [{ Name: 'reference', Value: 'TA-2026-000001' }],
    });
  });

  it('sends no EmailTags without tags', async () => {
    const { inputs, mailer } = sesMailer();
    await mailer.send(email);
    expect(inputs[0]).not.toHaveProperty('EmailTags');
  });

  it.each([
    ['a space', 'TA 2026'],
    ['a hash', 'TICKET#TA-2026-000001'],
    ['a non-ASCII letter', 'Līga'],
    ['nothing', ''],
    ['more than 256 characters', 'x'.repeat(257)],
  ])('refuses a tag value with %s, before SES would', async (_name, value) => {
    const { inputs, mailer } = sesMailer();
    await expect(mailer.send({ ...email, tags: [{ name: 'reference', value }] })).rejects.toBeInstanceOf(
      UnsafeEmailTag,
    );
    expect(inputs).toEqual([]);
  });

  it('accepts every ticket reference as a tag value', () => {
    for (const reference of ['TA-2026-000001', 'TA-2031-999999', 'TA-2026-1234567'])
      expect(emailTags([{ name: 'reference', value: reference }])).toEqual([
        { Name: 'reference', Value: reference },
      ]);
  });
});

describe('sendOutboundMessage', () => {
  it.each(['acknowledgement', 'reroute-notice', 'deadline-extension', 'end-service'] as const)(
    'tags the %s with the ticket reference',
    async (kind) => {
      // Prepare
      const store = new MemoryTicketStore();
      const ticket = testTicket('TA-2026-000042', 'court-fees', {
        receivedAt: '2026-11-20T08:00:00Z',
        answerDeadline: '2026-12-21',
        status: 'open',
      });
      store.tickets.set(ticket.reference, ticket);
      const mailer = new MemoryMailer();
      const deps = {
        store,
        mailer,
        clock: new FixedClock('2026-11-20T08:00:05Z'),
        senderAddress: email.from,
      };
      // Act
      await sendOutboundMessage(deps, {
        version: 1,
        kind,
        outboundId: `${kind}-1`,
        reference: ticket.reference,
      });
      // Assess
      expect(mailer.sent[0]?.tags).toEqual([{ name: 'reference', value: 'TA-2026-000042' }]);
    },
  );
});
