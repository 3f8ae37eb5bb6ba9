/**
 * The public help pages on the real sandbox: publish-help (its 3-second timer) renders them from
 * the seeded knowledge base into the help bucket, the gateway serves them as CloudFront does, and
 * a publication shows within seconds.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import { DynamoKnowledgeStore } from '../../shared/adapters/dynamodb/knowledge-store.ts';
import { isKnowledgeRefusal } from '../../shared/ports/knowledge-base.ts';
import { eventually } from '../support/eventually.ts';
import { useSandbox } from '../support/sandbox-client.ts';

const suite = useSandbox('courtdesk-help-', {
  quiet: true,
  buildWeb: false,
  schedules: { firstRunAfterSeconds: 1 },
});

async function page(path: string): Promise<{ status: number; html: string; headers: Headers }> {
  const response = await fetch(`${suite.sandbox.urls.web}${path}`, { redirect: 'manual' });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

/** The page once publish-help has written it. */
const published = (path: string, timeoutMs = 30_000) =>
  eventually(
    async () => {
      const answer = await page(path);
      expect(answer.status).toBe(200);
      return answer;
    },
    timeoutMs,
    path,
  );

describe('help pages', () => {
  it('/palidziba/ lists the topics and their articles, in Latvian, with the site headers', async () => {
    const { html, headers } = await published('/palidziba/');
    expect(html).toContain('<html lang="lv">');
    expect(html).toContain('Tiesu izdevumi un maksājumi');
    expect(html).toContain('href="/palidziba/temas/court-fees/"');
    expect(html).toContain('href="/palidziba/state-fee-payment-details/"');
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('an article page in Latvian, and in English under /en/help/', async () => {
    const lv = await published('/palidziba/state-fee-payment-details/');
    expect(lv.html).toContain('<h1>Kā samaksāt valsts nodevu</h1>');
    expect(lv.html).toContain('href="/en/help/state-fee-payment-details/" lang="en"');
    const en = await published('/en/help/state-fee-payment-details/');
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('<h1>How to pay the state fee</h1>');
    const home = await published('/en/help/');
    expect(home.html).toContain('Court fees and payments');
  });

  it('the glossary, a folder without its slash redirected, an unknown page 404', async () => {
    expect((await published('/palidziba/vardnica/')).html).toContain('<dt id="valsts-nodeva"');
    const redirect = await page('/palidziba');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/palidziba/');
    expect((await page('/palidziba/state-fee-payment-details')).headers.get('location')).toBe(
      '/palidziba/state-fee-payment-details/',
    );
    expect((await page('/palidziba/no-such-article/')).status).toBe(404);
  });

  it('a publication changes the pages within seconds; the pages of an unpublished article go', async () => {
    // Prepare
    await published('/palidziba/state-fee-refund/');
    const documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: suite.sandbox.urls.dynamodb,
        region: localRegion,
        credentials: localCredentials,
      }),
      { marshallOptions: { removeUndefinedValues: true } },
    );
    const store = new DynamoKnowledgeStore({
      client: documents,
      knowledgeTable: suite.sandbox.tableNames.knowledge ?? 'knowledge',
      auditTable: suite.sandbox.tableNames.audit ?? 'audit',
    });
    const change = () => ({ author: 'e2e', at: new Date().toISOString() });
    const article = (await store.articles.get('state-fee-payment-details'))!;
    const title = { lv: 'Valsts nodevas samaksa (labots)', en: 'Paying the state fee (edited)' };

    // Act
    const edited = await store.articles.edit(
      article.id,
      article.version,
      { ...article.content, title },
      change(),
    );
    if (isKnowledgeRefusal(edited)) throw new Error(edited);
    const publication = await store.articles.publish(article.id, edited.version, change());
    if (isKnowledgeRefusal(publication)) throw new Error(publication);
    const refund = (await store.articles.get('state-fee-refund'))!;
    const unpublished = await store.articles.unpublish(refund.id, refund.version, change());
    if (isKnowledgeRefusal(unpublished)) throw new Error(unpublished);

    // Assess
    const started = Date.now();
    await eventually(
      async () => {
        expect((await page('/palidziba/state-fee-payment-details/')).html).toContain(`<h1>${title.lv}</h1>`);
        expect((await page('/en/help/state-fee-payment-details/')).html).toContain(`<h1>${title.en}</h1>`);
        expect((await page('/palidziba/state-fee-refund/')).status).toBe(404);
        expect((await page('/palidziba/')).html).not.toContain('/palidziba/state-fee-refund/');
        return true;
      },
      15_000,
      'the published change on the pages',
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    documents.destroy();
  });
});
