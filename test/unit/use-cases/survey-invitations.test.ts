/**
 * Survey invitations (§26), from the staff member's answer to the client's mailbox or letter: asked
 * for on answering or closing, in the unit's mode and delay; sent once per ticket and at most once
 * per address in 30 days; never for an excluded ticket; audited sent or skipped with the reason.
 */
import { decodeQR } from 'qr/decode.js';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { MemoryDelayedQueue } from '../../../shared/adapters/memory/delayed-queue.ts';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryBlobStore,
  MemoryMailer,
  MemoryQueue,
  MemoryTicketDesk,
  MemoryTicketStore,
  MemoryUploadTargets,
  MemoryWorklists,
} from '../../../shared/adapters/memory/index.ts';
import { MemorySurveyInvitations } from '../../../shared/adapters/memory/survey-invitations.ts';
import { clientGroupId } from '../../../shared/domain/ids.ts';
import type { OutboundMessage } from '../../../shared/domain/intake-message.ts';
import { placeholderEmail } from '../../../shared/domain/postal-registration.ts';
import {
  parseSurveyInvitationSettings,
  sandboxSurveyInvitations,
} from '../../../shared/domain/survey-invitation-settings.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import { renderLetter } from '../../../shared/letters/letter-pdf.ts';
import { drawQr, qrModules } from '../../../shared/letters/letter-qr.ts';
import { BacklogCache } from '../../../shared/use-cases/backlog-cache.ts';
import { changeStatus } from '../../../shared/use-cases/change-status.ts';
import { replyToClient } from '../../../shared/use-cases/reply-to-client.ts';
import {
  type SendOutboundDeps,
  sendOutboundMessage,
} from '../../../shared/use-cases/send-outbound-message.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import type { StaffDeskDeps } from '../../../shared/use-cases/staff-desk.ts';
import { surveyOutboundId } from '../../../shared/use-cases/survey-invitation.ts';
import { TestSurveyTokens } from '../../support/survey-tokens.ts';
import { testTicket } from '../../support/tickets.ts';

const reference = 'TA-2026-000042';
const site = 'https://courtdesk.example.lv';
const address = { addressLine: 'Brīvības iela 12-3', place: 'Rīga', postalCode: 'LV-1050' };
const agent: StaffCaller = {
  username: 'agent.court-fees',
  roles: ['agent'],
  competences: ['court-fees'],
  supervises: [],
  expiresAt: 2_000_000_000,
  issuedAt: 1_900_000_000,
  sessionId: 'session-1',
  sourceIPAddress: '192.0.2.1',
  userAgent: 'test',
  requestId: 'request-1',
};

function ticketOf(ref: string, fields: Partial<Ticket> = {}): Ticket {
  return testTicket(ref, 'court-fees', {
    status: 'answered',
    assignee: agent.username,
    receivedAt: '2026-11-20T09:00:00.000Z',
    answerDeadline: '2026-12-15',
    email: { messageId: 'client-1@example.lv', references: [] },
    ...fields,
  });
}

/** send-email's side, on memory adapters. */
function sender(...tickets: Ticket[]) {
  const store = new MemoryTicketStore();
  for (const ticket of tickets) store.tickets.set(ticket.reference, ticket);
  const mailer = new MemoryMailer();
  const invitations = new MemorySurveyInvitations();
  const audit = new MemoryAuditLog();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const files = new MemoryBlobStore();
  const tokens = new TestSurveyTokens();
  const deps: SendOutboundDeps = {
    store,
    mailer,
    clock,
    senderAddress: 'noreply@courtdesk.example.lv',
    letters: { render: renderLetter, files, prefix: 'letters/' },
    surveys: { invitations, tokens, audit, siteUrl: () => site },
  };
  const invite = (ref = reference): OutboundMessage => ({
    version: 1,
    kind: 'survey',
    outboundId: surveyOutboundId(ref),
    reference: ref,
  });
  /** Every InviteToSurvey record, from the skip log and the send records. */
  const records = () =>
    [...audit.records, ...store.audit].filter((record) => record.eventName === 'InviteToSurvey');
  return { store, mailer, invitations, audit, clock, files, tokens, deps, invite, records };
}

function linkIn(text: string): string {
  const match = /https:\/\/\S+\/aptauja\/(\?lang=en)?#t=\S+/.exec(text);
  expect(match).not.toBeNull();
  return match?.[0] ?? '';
}

describe('send-email: the separate invitation', () => {
  it('mails a Latvian invitation with a signed link, threaded under the ticket, and records it once', async () => {
    // Prepare
    const s = sender(ticketOf(reference));

    // Act
    const outcome = await sendOutboundMessage(s.deps, s.invite());

    // Assess
    expect(outcome).toBe('sent');
    const [mail] = s.mailer.sent;
    expect(mail?.subject).toBe(`Lūdzam novērtēt mūsu atbildi — ${reference}`);
    const link = linkIn(mail?.text ?? '');
    // The token in the fragment: a browser never sends it, so the CDN's logs never hold it.
    expect(link.startsWith(`${site}/aptauja/#t=`)).toBe(true);
    expect(link).not.toContain('lang=en');
    expect(new URL(link).search).toBe('');
    const token = decodeURIComponent(new URLSearchParams(new URL(link).hash.slice(1)).get('t') ?? '');
    const checked = await s.tokens.verify(token, s.clock.now());
    expect(checked).toEqual({ reference, expiresAt: '2026-12-25T10:00:00.000Z' });
    expect(mail?.html).toContain('<html lang="lv">');
    expect(mail?.headers).toEqual(
      expect.arrayContaining([
        { name: 'In-Reply-To', value: '<client-1@example.lv>' },
        { name: 'Auto-Submitted', value: 'auto-replied' },
      ]),
    );
    expect(s.invitations.invitations.get(reference)).toMatchObject({
      reference,
      competence: 'court-fees',
      channel: 'web',
      via: 'email',
      outboundId: surveyOutboundId(reference),
    });
    const records = s.records();
    expect(records.map((record) => record.responseElements)).toEqual([{ outcome: 'sent', via: 'email' }]);
    // No address in the record.
    expect(JSON.stringify(records)).not.toContain('anna@example.lv');
  });

  it('writes English invitations for English tickets, with the page in English', async () => {
    const s = sender(ticketOf(reference, { language: 'en' }));
    await sendOutboundMessage(s.deps, s.invite());
    const [mail] = s.mailer.sent;
    expect(mail?.subject).toBe(`Please rate our answer — ${reference}`);
    expect(linkIn(mail?.text ?? '')).toMatch(/\/aptauja\/\?lang=en#t=[\w.-]+$/);
    expect(mail?.html).toContain('<html lang="en">');
  });

  it('sends one invitation when the message is delivered twice', async () => {
    const s = sender(ticketOf(reference));
    expect(await sendOutboundMessage(s.deps, s.invite())).toBe('sent');
    expect(await sendOutboundMessage(s.deps, s.invite())).toBe('already-sent');
    expect(s.mailer.sent).toHaveLength(1);
  });

  it('sends no second invitation for a ticket invited in an answer already', async () => {
    const s = sender(ticketOf(reference));
    s.invitations.invitations.set(reference, {
      reference,
      competence: 'court-fees',
      channel: 'web',
      invitedAt: '2026-11-26T10:00:00.000Z',
      via: 'footer',
      outboundId: 'reply-1',
    });
    expect(await sendOutboundMessage(s.deps, s.invite())).toBe('skipped');
    expect(s.mailer.sent).toEqual([]);
    expect(s.records().map((record) => record.responseElements)).toEqual([
      { outcome: 'skipped', reason: 'already-invited' },
    ]);
  });

  it('invites an address at most once in 30 days, whatever the ticket', async () => {
    // Prepare: two tickets of one client (the address differs only in case).
    const other = 'TA-2026-000043';
    const s = sender(
      ticketOf(reference),
      ticketOf(other, { client: { name: 'Anna Kalniņa', email: 'Anna@Example.lv' } }),
    );

    // Act
    await sendOutboundMessage(s.deps, s.invite(reference));
    const second = await sendOutboundMessage(s.deps, s.invite(other));

    // Assess: the second is skipped; the gap is the first ticket's, for 30 days.
    expect(second).toBe('skipped');
    expect(s.mailer.sent).toHaveLength(1);
    expect(s.invitations.caps.get(clientGroupId('anna@example.lv'))).toEqual({
      clientKey: clientGroupId('anna@example.lv'),
      reference,
      until: '2026-12-27T10:00:00.000Z',
    });
    expect(
      s.records().find((record) => record.requestID === surveyOutboundId(other))?.responseElements,
    ).toEqual({ outcome: 'skipped', reason: 'address-cap' });

    // After 30 days another ticket of the address is invited.
    const third = 'TA-2026-000044';
    s.store.tickets.set(third, ticketOf(third));
    s.clock.advance(30 * 24 * 3600 * 1000 + 1000);
    expect(await sendOutboundMessage(s.deps, s.invite(third))).toBe('sent');
  });

  it('sends nothing when the 30-day gap cannot be read: the queue retries', async () => {
    const s = sender(ticketOf(reference));
    s.invitations.failing = true;
    await expect(sendOutboundMessage(s.deps, s.invite())).rejects.toThrow(/unavailable/);
    expect(s.mailer.sent).toEqual([]);
    s.invitations.failing = false;
    expect(await sendOutboundMessage(s.deps, s.invite())).toBe('sent');
  });

  it.each([
    ['reopened before it went', { status: 'open' }, 'not-settled'],
    [
      'service ended',
      { status: 'closed', serviceEnded: { reason: 'x', by: 'anna', at: '2026-11-26T10:00:00.000Z' } },
      'service-ended',
    ],
    ['automatic mail', { channel: 'email', screening: { automatic: true } }, 'automatic-mail'],
    ['spam', { channel: 'email', screening: { spam: true } }, 'spam'],
    [
      'a release without an address',
      { channel: 'email', client: { name: 'Nezināms', email: 'unknown-sender+m1@invalid' } },
      'released-without-address',
    ],
    [
      'no address',
      { channel: 'phone', client: { name: 'Zvanītājs', email: placeholderEmail('phone', ['Zvanītājs']) } },
      'no-address',
    ],
    [
      'a postal client without a reply',
      {
        channel: 'postal',
        client: { name: 'Jānis', email: placeholderEmail('post', ['Jānis']), postalAddress: address },
      },
      'letter-without-reply',
    ],
  ] as const)('sends no invitation for %s', async (_, fields, reason) => {
    const s = sender(ticketOf(reference, fields as Partial<Ticket>));
    expect(await sendOutboundMessage(s.deps, s.invite())).toBe('skipped');
    expect(s.mailer.sent).toEqual([]);
    expect(s.files.objects.size).toBe(0);
    expect(s.invitations.invitations.size).toBe(0);
    expect(s.records().map((record) => record.responseElements)).toEqual([{ outcome: 'skipped', reason }]);
  });

  it('sends no invitation to a sender whose service was ended on another ticket (§17)', async () => {
    const ticket = ticketOf(reference);
    const s = sender(ticket);
    s.invitations.endedSenders.add(clientGroupId(ticket.client.email));
    expect(await sendOutboundMessage(s.deps, s.invite())).toBe('skipped');
    expect(s.mailer.sent).toEqual([]);
    expect(s.invitations.invitations.size).toBe(0);
    expect(s.invitations.caps.size).toBe(0);
    expect(s.records().at(-1)?.responseElements).toEqual({ outcome: 'skipped', reason: 'service-ended' });
  });

  it('sends no invitation to an address that bounced permanently', async () => {
    const s = sender(ticketOf(reference));
    s.invitations.problems.set(reference, [{ undeliverable: true }]);
    expect(await sendOutboundMessage(s.deps, s.invite())).toBe('skipped');
    expect(s.records().at(-1)?.responseElements).toEqual({ outcome: 'skipped', reason: 'undeliverable' });
  });
});

describe('send-email: the invitation in the answer', () => {
  it('puts the link in the reply footer and records the invitation as via footer', async () => {
    const s = sender(ticketOf(reference));
    s.store.messages.set(`${reference}/m1`, {
      id: 'm1',
      kind: 'reply',
      at: '2026-11-27T09:00:00.000Z',
      author: agent.username,
      text: 'Atbilde.',
      outboundId: 'reply-m1',
    });
    const reply: OutboundMessage = {
      version: 1,
      kind: 'reply',
      outboundId: 'reply-m1',
      reference,
      messageId: 'm1',
      invite: true,
    };
    expect(await sendOutboundMessage(s.deps, reply)).toBe('sent');
    const text = s.mailer.sent[0]?.text ?? '';
    expect(text).toContain('Atbilde.');
    expect(text.indexOf('Lūdzam novērtēt mūsu atbildi')).toBeGreaterThan(
      text.indexOf('Tiesu administrācija'),
    );
    linkIn(text);
    expect(s.invitations.invitations.get(reference)?.via).toBe('footer');
    // A second answer carries no second link.
    s.store.messages.set(`${reference}/m2`, {
      id: 'm2',
      kind: 'reply',
      at: '2026-11-27T09:30:00.000Z',
      author: agent.username,
      text: 'Vēl viena atbilde.',
      outboundId: 'reply-m2',
    });
    await sendOutboundMessage(s.deps, { ...reply, outboundId: 'reply-m2', messageId: 'm2' });
    expect(s.mailer.sent[1]?.text).not.toContain('/aptauja/');
  });

  it('claims nothing for a reply that is withheld (a client answered by post, no letters to print)', async () => {
    const client = {
      name: 'Jānis Bērziņš',
      email: placeholderEmail('post', ['Jānis']),
      postalAddress: address,
    };
    const s = sender(ticketOf(reference, { channel: 'postal', client }));
    const { letters: _none, ...withoutLetters } = s.deps;
    s.store.messages.set(`${reference}/m1`, {
      id: 'm1',
      kind: 'reply',
      at: '2026-11-27T09:00:00.000Z',
      author: agent.username,
      text: 'Atbilde pa pastu.',
      outboundId: 'reply-m1',
    });
    const reply: OutboundMessage = {
      version: 1,
      kind: 'reply',
      outboundId: 'reply-m1',
      reference,
      messageId: 'm1',
      invite: true,
    };
    expect(await sendOutboundMessage(withoutLetters, reply)).toBe('sent');
    expect(s.store.audit.map((record) => record.eventName)).toEqual(['WithholdEmail']);
    // Neither the ticket's invitation nor the address's 30 days were taken, and none is audited as sent.
    expect(s.invitations.invitations.size).toBe(0);
    expect(s.invitations.caps.size).toBe(0);
    expect(s.records()).toEqual([]);
  });

  it('prints the link and a QR code in the reply letter of a client answered by post', async () => {
    // Prepare
    const client = {
      name: 'Jānis Bērziņš',
      email: placeholderEmail('post', ['Jānis']),
      postalAddress: address,
    };
    const s = sender(ticketOf(reference, { channel: 'postal', client }));
    s.store.messages.set(`${reference}/m1`, {
      id: 'm1',
      kind: 'reply',
      at: '2026-11-27T09:00:00.000Z',
      author: agent.username,
      text: 'Atbilde pa pastu.',
      outboundId: 'reply-m1',
    });

    // Act
    const outcome = await sendOutboundMessage(s.deps, {
      version: 1,
      kind: 'reply',
      outboundId: 'reply-m1',
      reference,
      messageId: 'm1',
      invite: true,
    });

    // Assess: a letter (no mail), with the text and the link; the invitation via letter.
    expect(outcome).toBe('sent');
    expect(s.mailer.sent).toEqual([]);
    const pdf = s.files.objects.get(`letters/${reference}/reply-m1.pdf`)?.content;
    const proxy = await getDocumentProxy(new Uint8Array(pdf as Buffer));
    const { text } = await extractText(proxy, { mergePages: true });
    const flat = text.replace(/\s+/g, '');
    expect(text).toContain('noskenējiet QR kodu');
    const invitation = s.invitations.invitations.get(reference);
    expect(invitation?.via).toBe('letter');
    expect(s.records().map((record) => record.responseElements)).toEqual([
      { outcome: 'sent', via: 'letter' },
    ]);
    expect(flat).toContain(`${site}/aptauja/#t=`.replace(/\s+/g, ''));
  });

  it('draws a QR code that scans back to the link', () => {
    // Prepare: the link as a letter carries it.
    const url = `${site}/aptauja/#t=TA-2026-000042.mzq1a0.${'A'.repeat(43)}`;
    const modules = qrModules(url);
    const scale = 4;
    const quiet = 0; // in the modules already
    const side = modules.length * scale;
    const pixels = new Uint8Array(side * side * 3).fill(255);

    // Act: draw as the letter does (PDF coordinates: y up), onto a bitmap (y down).
    drawQr(
      {
        drawRectangle: ({ x, y, width, height }) => {
          for (let row = 0; row < height; row += 1)
            for (let column = 0; column < width; column += 1) {
              const px = quiet + x + column;
              const py = side - quiet - (y + row) - 1;
              pixels.fill(0, (py * side + px) * 3, (py * side + px) * 3 + 3);
            }
        },
      },
      modules,
      0,
      0,
      modules.length * scale,
    );

    // Assess
    expect(decodeQR({ width: side, height: side, data: pixels })).toBe(url);
  });
});

describe('staff answering or closing asks for the invitation', () => {
  function desk(settings = sandboxSurveyInvitations, fields: Partial<Ticket> = {}) {
    const store = new MemoryTicketStore();
    store.tickets.set(reference, ticketOf(reference, { status: 'open', ...fields }));
    const clock = new FixedClock('2026-11-27T10:00:00Z');
    const outboundQueue = new MemoryQueue<OutboundMessage>();
    const delayed = new MemoryDelayedQueue<OutboundMessage>();
    const deps: StaffDeskDeps = {
      store,
      desk: new MemoryTicketDesk(store),
      worklists: new MemoryWorklists(store),
      outboundQueue,
      audit: new MemoryAuditLog(),
      clock,
      backlog: new BacklogCache(store, clock),
      downloads: { link: async (key) => `https://downloads.example/${key}` },
      uploads: new MemoryUploadTargets(),
      surveys: { settings, delayed },
    };
    return { deps, outboundQueue, delayed };
  }
  const survey = { version: 1, kind: 'survey', outboundId: surveyOutboundId(reference), reference };

  it('in the sandbox: a separate message at once, behind the answer on the ticket group', async () => {
    const d = desk();
    await replyToClient(d.deps, agent, reference, { text: 'Atbilde.' });
    expect(d.outboundQueue.sent.map((entry) => entry.message.kind)).toEqual(['reply', 'survey']);
    expect(d.outboundQueue.sent[1]).toEqual({
      message: survey,
      options: { groupId: reference, deduplicationId: surveyOutboundId(reference) },
    });
    expect(d.outboundQueue.sent[0]?.message.invite).toBeUndefined();
    expect(d.delayed.sent).toEqual([]);
  });

  it("after the unit's delay on the survey-invitations queue", async () => {
    const d = desk(parseSurveyInvitationSettings({ 'court-fees': { mode: 'separate', delaySeconds: 600 } }));
    await replyToClient(d.deps, agent, reference, { text: 'Atbilde.' });
    expect(d.delayed.sent).toEqual([{ message: survey, delaySeconds: 600 }]);
    expect(d.outboundQueue.sent.map((entry) => entry.message.kind)).toEqual(['reply']);
  });

  it('in footer mode the answer carries it; a close without a reply still gets a message', async () => {
    const d = desk(parseSurveyInvitationSettings({ default: { mode: 'footer', delaySeconds: 300 } }));
    await replyToClient(d.deps, agent, reference, { text: 'Atbilde.' });
    expect(d.outboundQueue.sent.map((entry) => [entry.message.kind, entry.message.invite])).toEqual([
      ['reply', true],
    ]);
    await changeStatus(d.deps, agent, reference, 'closed');
    expect(d.delayed.sent).toEqual([{ message: survey, delaySeconds: 300 }]);
  });

  it('a reply letter carries it, whatever the mode', async () => {
    const client = { name: 'Jānis', email: placeholderEmail('post', ['Jānis']), postalAddress: address };
    const d = desk(sandboxSurveyInvitations, { channel: 'postal', client });
    await replyToClient(d.deps, agent, reference, { text: 'Atbilde.' });
    expect(d.outboundQueue.sent.map((entry) => [entry.message.kind, entry.message.invite])).toEqual([
      ['reply', true],
    ]);
  });

  it('asks nothing for a reply that waits on the client, nor for a status change to open', async () => {
    const d = desk();
    await replyToClient(d.deps, agent, reference, { text: 'Jautājums.', status: 'waiting-on-client' });
    await changeStatus(d.deps, agent, reference, 'open');
    expect(d.outboundQueue.sent.map((entry) => entry.message.kind)).toEqual(['reply']);
    expect(d.delayed.sent).toEqual([]);
  });
});
