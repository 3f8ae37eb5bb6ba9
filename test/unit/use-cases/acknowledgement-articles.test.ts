/**
 * The acknowledgement names up to two of the knowledge base's articles for the request (§10): our
 * own titles and addresses only, placed before the follow-up; finding them never holds it back.
 */
import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryMailer,
  MemoryQueue,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import type { IntakeMessage, OutboundMessage } from '../../../shared/domain/intake-message.ts';
import type { Language } from '../../../shared/domain/language.ts';
import { ReferenceAllocator } from '../../../shared/domain/reference.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import type { SuggestedArticle } from '../../../shared/mail/notices.ts';
import { BacklogCache } from '../../../shared/use-cases/backlog-cache.ts';
import { processIntakeMessage } from '../../../shared/use-cases/process-intake-message.ts';
import { PublishedIndexCache } from '../../../shared/use-cases/published-index.ts';
import { sendOutboundMessage } from '../../../shared/use-cases/send-outbound-message.ts';
import { submitWebRequest } from '../../../shared/use-cases/submit-web-request.ts';
import { articleSuggester } from '../../../shared/use-cases/suggest-articles.ts';
import { FakePublishedKnowledge } from '../../support/published-knowledge.ts';

const articles: SuggestedArticle[] = [
  { title: 'Uzturlīdzekļi no fonda', url: 'https://courtdesk.example.lv/palidziba/uzturlidzekli/' },
  { title: 'Kā iesniegt <b>pieteikumu</b> $& $1', url: 'https://courtdesk.example.lv/palidziba/pieteikums/' },
  { title: 'Trešais', url: 'https://courtdesk.example.lv/palidziba/tresais/' },
];

async function acknowledge(
  language: Language,
  suggestArticles?: (ticket: Ticket) => Promise<readonly SuggestedArticle[]>,
  kind: OutboundMessage['kind'] = 'acknowledgement',
) {
  const store = new MemoryTicketStore();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const intakeQueue = new MemoryQueue<IntakeMessage>();
  const backlog = new BacklogCache(store, clock);
  const references = new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size));
  const { reference } = await submitWebRequest(
    { store, intakeQueue, audit: new MemoryAuditLog(), clock, references, backlog },
    {
      name: 'Anna Kalniņa',
      email: 'anna@example.lv',
      topic: 'maintenance-fund',
      subject: 'Alimenti',
      message: 'Kā saņemt uzturlīdzekļus no fonda?',
      language,
    },
    { sourceIPAddress: '192.0.2.10', userAgent: 'test', requestId: 'req-1' },
  );
  await processIntakeMessage(
    { store, outboundQueue: new MemoryQueue<OutboundMessage>(), clock, backlog },
    intakeQueue.sent[0]?.message as IntakeMessage,
  );
  const mailer = new MemoryMailer();
  await sendOutboundMessage(
    {
      store,
      mailer,
      clock,
      senderAddress: 'noreply@courtdesk.example.lv',
      ...(suggestArticles ? { suggestArticles } : {}),
    },
    { version: 1, kind, outboundId: `${kind}-1`, reference },
  );
  const sent = mailer.sent[0];
  if (!sent) throw new Error('nothing sent');
  return sent;
}

describe('the acknowledgement names articles for the request', () => {
  it('lists at most two, with their addresses, after the order and before the follow-up (lv)', async () => {
    const seen: Ticket[] = [];
    const mail = await acknowledge('lv', async (ticket) => {
      seen.push(ticket);
      return articles;
    });
    expect(seen[0]?.body).toContain('uzturlīdzekļus');
    expect(mail.text).toContain(
      'palīdzības lapās:\n- Uzturlīdzekļi no fonda\n  https://courtdesk.example.lv/palidziba/uzturlidzekli/',
    );
    expect(mail.text).toContain('- Kā iesniegt <b>pieteikumu</b> $& $1\n');
    expect(mail.text).not.toContain('Trešais');
    const order = mail.text.indexOf('saņemšanas secībā');
    const list = mail.text.indexOf('palīdzības lapās');
    const followUp = mail.text.indexOf('norādiet numuru');
    expect(order).toBeGreaterThan(0);
    expect(list).toBeGreaterThan(order);
    expect(followUp).toBeGreaterThan(list);
    // The HTML version escapes the title: our text, never markup.
    expect(mail.html).toContain('&lt;b&gt;pieteikumu&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>');
  });

  it('speaks the ticket’s language (en)', async () => {
    const mail = await acknowledge('en', async () => articles.slice(0, 1));
    expect(mail.text).toContain('on our help pages:\n- Uzturlīdzekļi no fonda');
  });

  it('is sent without a list when none match or finding them fails', async () => {
    const none = await acknowledge('lv', async () => []);
    expect(none.text).not.toContain('palīdzības lapās');
    const failed = await acknowledge('lv', async () => {
      throw new Error('knowledge table unavailable');
    });
    expect(failed.text).toContain('saņemšanas secībā');
    expect(failed.text).not.toContain('palīdzības lapās');
    const without = await acknowledge('lv');
    expect(without.text).toBe(none.text);
  });

  it('is asked only for acknowledgements', async () => {
    let asked = 0;
    const mail = await acknowledge(
      'lv',
      async () => {
        asked += 1;
        return articles;
      },
      'reroute-notice',
    );
    expect(asked).toBe(0);
    expect(mail.text).not.toContain('palīdzības lapās');
  });
});

describe('the articles found for a request', () => {
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const site = 'https://courtdesk.example.lv';
  const suggester = (siteUrl: string | undefined) =>
    articleSuggester({
      knowledge: new PublishedIndexCache(new FakePublishedKnowledge(), clock),
      siteUrl: () => siteUrl,
    });
  const request = (subject: string, body: string, language: Language = 'lv') =>
    ({ subject, body, language }) as Ticket;

  it('are the published articles on the request’s subject, as absolute addresses in its language', async () => {
    const found = await suggester(site)(
      request(
        'Alimenti',
        'Labdien! Bērna tēvs jau pusgadu nemaksā uzturlīdzekļus. Kā pieteikties, lai naudu maksā Uzturlīdzekļu garantiju fonds?',
      ),
    );
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(2);
    expect(found[0]?.url).toMatch(/^https:\/\/courtdesk\.example\.lv\/palidziba\/maintenance-[a-z-]+\/$/);
    const english = await suggester(site)(
      request('State fee', 'I paid the state fee twice by mistake. How do I get a refund?', 'en'),
    );
    expect(english[0]?.url).toBe('https://courtdesk.example.lv/en/help/state-fee-refund/');
  });

  it('are none for a request on nothing the knowledge base answers, or without the site’s address', async () => {
    expect(await suggester(site)(request('Sveiki', 'zxqv plorkt wubbel frobnicate'))).toEqual([]);
    expect(await suggester(undefined)(request('Alimenti', 'Kā saņemt uzturlīdzekļus no fonda?'))).toEqual([]);
  });
});
