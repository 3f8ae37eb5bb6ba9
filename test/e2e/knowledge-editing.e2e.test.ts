/**
 * On the real sandbox: the knowledge base starts with the sample content published; an editor
 * creates an article, publishes it, edits it (a stale version refused, 409) and reads its history;
 * an agent is refused (403); a bad article is refused field by field in the caller's language;
 * every change is in the audit trail as the editor's, and the refusals too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoKnowledgeStore } from '../../shared/adapters/dynamodb/knowledge-store.ts';
import { seedArticles, seedGlossary } from '../../shared/knowledge/content/index.ts';
import { articleContentOf } from '../../shared/use-cases/seed-knowledge.ts';
import { staffToken, useSandbox } from '../support/sandbox-client.ts';

const suite = useSandbox('courtdesk-knowledge-editing-', {
  quiet: true,
  retryDelaySeconds: 1,
  buildWeb: false,
  schedules: false,
});

const tokens = new Map<string, string>();
let published: DynamoKnowledgeStore;

beforeAll(() => {
  published = new DynamoKnowledgeStore({
    client: suite.client.documents,
    knowledgeTable: suite.sandbox.tableNames.knowledge ?? 'knowledge',
    auditTable: suite.sandbox.tableNames.audit ?? 'audit',
  });
});

async function call(
  user: string,
  method: string,
  path: string,
  body?: unknown,
  language = 'lv',
): Promise<{ status: number; json: Record<string, unknown> }> {
  const token = tokens.get(user) ?? (await staffToken(suite.sandbox, user));
  tokens.set(user, token);
  const response = await fetch(`${suite.sandbox.urls.web}/api/staff/knowledge${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'accept-language': language,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const seed = seedArticles[0];
if (!seed) throw new Error('No seed articles');
const body = { ...articleContentOf(seed), slug: 'e2e-raksts', sample: false };

describe('the knowledge base on the sandbox', () => {
  it('starts with every sample article and term published', async () => {
    const knowledge = await published.published();
    expect(knowledge.articles).toHaveLength(seedArticles.length);
    expect(knowledge.terms).toHaveLength(seedGlossary.length);
    const list = await call('editor', 'GET', '/articles');
    expect(list.status).toBe(200);
    expect((list.json.articles as unknown[]).length).toBe(seedArticles.length);
  });

  it('lets an editor create, publish, edit an article and read its history; all audited', async () => {
    const created = await call('editor', 'POST', '/articles', body);
    expect(created.status).toBe(200);
    expect(created.json.article).toMatchObject({ id: 'e2e-raksts', status: 'draft', version: 1 });
    const generation = await published.publishedGeneration();

    const publish = await call('editor', 'POST', '/articles/e2e-raksts/publish', { expectedVersion: 1 });
    expect(publish.json.article).toMatchObject({ status: 'published', publishedVersion: 2 });
    expect(await published.publishedGeneration()).toBe(generation + 1);
    expect((await published.published()).articles.map((article) => article.id)).toContain('e2e-raksts');

    const title = { lv: 'Jauns virsraksts', en: 'A new title' };
    const edit = await call('editor', 'PUT', '/articles/e2e-raksts', { ...body, title, expectedVersion: 2 });
    expect(edit.json.article).toMatchObject({ version: 3, unpublishedChanges: true, content: { title } });
    const stale = await call('editor', 'PUT', '/articles/e2e-raksts', { ...body, expectedVersion: 2 });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('VersionConflict');

    const history = await call('editor', 'GET', '/articles/e2e-raksts/versions');
    expect(
      (history.json.versions as { action: string; author: string }[]).map((v) => [v.action, v.author]),
    ).toEqual([
      ['created', 'editor'],
      ['published', 'editor'],
      ['edited', 'editor'],
    ]);
    expect((history.json.versions as object[]).some((version) => 'content' in version)).toBe(false);
    const first = await call('editor', 'GET', '/articles/e2e-raksts/versions/1');
    expect(first.status).toBe(200);
    expect(first.json.version).toMatchObject({
      version: 1,
      action: 'created',
      content: { title: body.title },
    });
    expect((await call('editor', 'GET', '/articles/e2e-raksts/versions/9')).status).toBe(404);

    const records = await suite.client.auditRecords();
    const mine = records.filter(
      (record) =>
        (record.requestParameters as { articleId?: string } | null)?.articleId === 'e2e-raksts' &&
        (record.userIdentity as { userName?: string }).userName === 'editor',
    );
    expect(mine.map((record) => record.eventName).sort()).toEqual(
      ['CreateKnowledgeEntry', 'EditKnowledgeEntry', 'PublishKnowledgeEntry'].sort(),
    );
    expect(
      records.some(
        (record) => record.eventName === 'EditKnowledgeEntry' && record.errorCode === 'VersionConflict',
      ),
    ).toBe(true);
  });

  it('refuses an agent (403, audited) and a bad article field by field in the caller’s language', async () => {
    for (const [method, path, payload] of [
      ['GET', '/articles', undefined],
      ['POST', '/articles', body],
      ['GET', `/articles/${seed.id}`, undefined],
      ['POST', `/terms/${seedGlossary[0]?.id}/archive`, { expectedVersion: 2 }],
    ] as const) {
      const refused = await call('agent.court-fees', method, path, payload);
      expect(refused.status, `${method} ${path}`).toBe(403);
    }
    const records = await suite.client.auditRecords();
    expect(
      records.some(
        (record) =>
          record.eventName === 'ListKnowledgeEntries' &&
          record.errorCode === 'AccessDenied' &&
          (record.userIdentity as { userName?: string }).userName === 'agent.court-fees',
      ),
    ).toBe(true);

    const bad = { ...body, slug: 'Slikta Adrese', sources: [{ title: 'Likums', url: 'http://likumi.lv/' }] };
    const lv = await call('editor', 'POST', '/articles', bad);
    expect(lv.status).toBe(400);
    expect(lv.json.errors).toEqual([
      { field: 'slug', message: expect.stringContaining('mazie latīņu burti') },
      { field: 'sources.0.url', message: expect.stringContaining('https://') },
    ]);
    const en = await call('editor', 'POST', '/articles', { ...body, title: { lv: 'Tikai latviski' } }, 'en');
    expect(en.json.errors).toEqual([{ field: 'title.en', message: 'This field is required.' }]);
    expect((await call('editor', 'GET', '/articles/nav-tada-raksta')).status).toBe(404);
    const huge = await call(
      'editor',
      'POST',
      `/articles/${seed.id}/publish`,
      { expectedVersion: 2 ** 60 },
      'en',
    );
    expect(huge.json.errors).toEqual([{ field: 'expectedVersion', message: 'Invalid value.' }]);
  });

  it('refuses content too large for its items (400 on the largest text) and a body past the limit (413)', async () => {
    const paragraphs = Array.from({ length: 30 }, () => '😀'.repeat(2000));
    const huge = { ...body, slug: 'e2e-liels', paragraphs: { lv: paragraphs, en: paragraphs } };
    const lv = await call('editor', 'POST', '/articles', huge);
    expect(lv.status).toBe(400);
    expect(lv.json.errors).toEqual([
      { field: 'paragraphs.lv.0', message: expect.stringContaining('lielāks par 300 KB') },
    ]);
    const en = await call('editor', 'POST', '/articles', huge, 'en');
    expect(en.json.errors).toEqual([
      { field: 'paragraphs.lv.0', message: expect.stringContaining('larger than 300 KB') },
    ]);
    const tooLarge = await call('editor', 'POST', '/articles', { ...body, padding: 'x'.repeat(1_100_000) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json.code).toBe('BodyTooLarge');
    expect((await call('editor', 'GET', '/articles/e2e-liels')).status).toBe(404);
  });
});
