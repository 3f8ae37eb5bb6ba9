/**
 * Editing the knowledge base: only editors and administrators; the content checked field by field
 * (slug, https sources, both languages, lengths, no control or bidirectional characters); another
 * editor's change refused as a conflict; every change audited as `configuration` with the entry it
 * changed, and the public set changed by publishing only.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { FixedClock } from '../../../shared/adapters/memory/index.ts';
import { MemoryKnowledgeStore } from '../../../shared/adapters/memory/knowledge-store.ts';
import { auditCatalogue } from '../../../shared/domain/audit-catalogue.ts';
import { knowledgeResource } from '../../../shared/domain/audit-event.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import type { StaffRole } from '../../../shared/domain/staff.ts';
import { seedArticles, seedGlossary } from '../../../shared/knowledge/content/index.ts';
import { articleRefusals, termRefusals } from '../../../shared/use-cases/knowledge/content-rules.ts';
import {
  changeEntryState,
  createArticle,
  createTerm,
  editArticle,
  editTerm,
  entryVersion,
  entryVersions,
  listArticles,
  listTerms,
  readEntry,
} from '../../../shared/use-cases/knowledge/edit-knowledge.ts';
import { articleContentOf, termContentOf } from '../../../shared/use-cases/seed-knowledge.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import { knowledgeRequests } from '../../../shared/use-cases/views/knowledge.ts';

const context = { sourceIPAddress: '192.0.2.9', userAgent: 'test', requestId: 'request-9' };
const session = { expiresAt: 2_000_000_000, issuedAt: 1_900_000_000, sessionId: 'session-9' };
const callerWith = (username: string, roles: StaffRole[]): StaffCaller => ({
  username,
  roles,
  competences: roles.includes('agent') ? ['court-fees'] : [],
  supervises: roles.includes('supervisor') ? ['court-fees'] : [],
  ...session,
  ...context,
});
const editor = callerWith('editor.eva', ['editor']);

function setUp() {
  const knowledge = new MemoryKnowledgeStore();
  const clock = new FixedClock('2026-12-10T08:00:00Z');
  return { knowledge, clock, deps: { knowledge, clock } };
}

const seed = seedArticles[0];
if (!seed) throw new Error('No seed articles');
const articleBody = (slug = 'jauns-raksts') => ({ ...articleContentOf(seed), slug, sample: false });

/** A body as the staff API hands it on: checked against the route's schema. */
const createRequest = (body: unknown) => z.parse(knowledgeRequests.createArticle, body);
const editRequest = (body: unknown) => z.parse(knowledgeRequests.editArticle, body);

/** The refusal a promise is rejected with. */
async function refusalOf(promise: Promise<unknown>): Promise<Refused> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof Refused)) throw new Error(`Not refused: ${String(error)}`);
  return error;
}

describe('who may edit the knowledge base', () => {
  const roles: [StaffRole[], boolean][] = [
    [['editor'], true],
    [['admin'], true],
    [['agent'], false],
    [['supervisor'], false],
    [['mailroom'], false],
    [['auditor'], false],
    [['agent', 'supervisor'], false],
  ];

  it.each(roles)('roles %j: may edit %s', async (roleList, allowed) => {
    const { deps, knowledge } = setUp();
    const caller = callerWith('someone', roleList);
    const attempts = [
      () => createArticle(deps, caller, createRequest(articleBody())),
      () => listArticles(deps, caller),
      () => listTerms(deps, caller),
      () => readEntry(deps, caller, 'article', 'jauns-raksts'),
      () => entryVersions(deps, caller, 'article', 'jauns-raksts'),
      () => entryVersion(deps, caller, 'article', 'jauns-raksts', '1'),
      () => changeEntryState(deps, caller, 'article', 'jauns-raksts', 'publish', 1),
    ];
    for (const attempt of attempts) {
      const outcome = await attempt().then(
        () => 'done',
        (error: unknown) => (error instanceof Refused ? error.code : String(error)),
      );
      expect(outcome === 'AccessDenied').toBe(!allowed);
    }
    if (!allowed) expect(await knowledge.articles.list()).toEqual([]);
  });
});

describe('an article’s life', () => {
  it('is created, edited, published and archived, each change audited with the entry it changed', async () => {
    const { deps, knowledge, clock } = setUp();
    const { article } = await createArticle(deps, editor, createRequest(articleBody()));
    expect(article).toMatchObject({
      id: 'jauns-raksts',
      status: 'draft',
      version: 1,
      updatedBy: 'editor.eva',
    });
    clock.advance(60_000);
    const changed = { ...articleBody(), title: { lv: 'Jauns virsraksts', en: 'A new title' } };
    const edited = await editArticle(
      deps,
      editor,
      'jauns-raksts',
      editRequest({ ...changed, expectedVersion: 1 }),
    );
    expect(edited.article).toMatchObject({ version: 2, content: { title: changed.title } });
    expect((await knowledge.published()).articles).toEqual([]);
    const published = await changeEntryState(deps, editor, 'article', 'jauns-raksts', 'publish', 2);
    expect(published).toMatchObject({ status: 'published', publishedVersion: 3 });
    expect((await knowledge.published()).articles.map((entry) => entry.title)).toEqual([changed.title]);
    await changeEntryState(deps, editor, 'article', 'jauns-raksts', 'archive', 3);
    expect((await knowledge.published()).articles).toEqual([]);

    expect(knowledge.audit.map((record) => record.eventName)).toEqual([
      'CreateKnowledgeEntry',
      'EditKnowledgeEntry',
      'PublishKnowledgeEntry',
      'ArchiveKnowledgeEntry',
    ]);
    for (const record of knowledge.audit) {
      expect(auditCatalogue[record.eventName as keyof typeof auditCatalogue].category).toBe('configuration');
      expect(record).toMatchObject({
        userIdentity: { type: 'Staff', userName: 'editor.eva' },
        readOnly: false,
        resources: [knowledgeResource('article', 'jauns-raksts')],
        sourceIPAddress: '192.0.2.9',
      });
    }
    expect(knowledge.audit[1]?.requestParameters).toEqual({ articleId: 'jauns-raksts', expectedVersion: 1 });
    const { versions } = await entryVersions(deps, editor, 'article', 'jauns-raksts');
    expect(versions.map((version) => [version.version, version.action, version.author])).toEqual([
      [1, 'created', 'editor.eva'],
      [2, 'edited', 'editor.eva'],
      [3, 'published', 'editor.eva'],
      [4, 'archived', 'editor.eva'],
    ]);
    // The history carries no contents, however large and many: one version is read on its own.
    expect(versions.every((version) => !('content' in version))).toBe(true);
    const { version } = await entryVersion(deps, editor, 'article', 'jauns-raksts', '2');
    expect(version).toMatchObject({ version: 2, action: 'edited', content: { slug: 'jauns-raksts' } });
    for (const number of ['5', '0', '-1', '2.0', 'x', '1e3', '99999999999'])
      expect((await refusalOf(entryVersion(deps, editor, 'article', 'jauns-raksts', number))).status).toBe(
        404,
      );
  });

  it('refuses a stale version (409), a taken slug (409), an unknown id (404), an archived entry (409)', async () => {
    const { deps, knowledge } = setUp();
    await createArticle(deps, editor, createRequest(articleBody()));
    await createArticle(deps, editor, createRequest(articleBody('cits-raksts')));
    await editArticle(deps, editor, 'jauns-raksts', editRequest({ ...articleBody(), expectedVersion: 1 }));
    const stale = await refusalOf(
      editArticle(deps, editor, 'jauns-raksts', editRequest({ ...articleBody(), expectedVersion: 1 })),
    );
    expect([stale.code, stale.status]).toEqual(['VersionConflict', 409]);
    const taken = await refusalOf(createArticle(deps, editor, createRequest(articleBody())));
    expect([taken.code, taken.status]).toEqual(['SlugTaken', 409]);
    const renamed = await refusalOf(
      editArticle(
        deps,
        editor,
        'cits-raksts',
        editRequest({ ...articleBody('jauns-raksts'), expectedVersion: 1 }),
      ),
    );
    expect(renamed.code).toBe('SlugTaken');
    // A slug freed by a rename is still its first article's id: said so, not "another article has it".
    await editArticle(
      deps,
      editor,
      'cits-raksts',
      editRequest({ ...articleBody('jauna-adrese'), expectedVersion: 1 }),
    );
    const freed = await refusalOf(createArticle(deps, editor, createRequest(articleBody('cits-raksts'))));
    expect([freed.code, freed.status]).toEqual(['ArticleIdTaken', 409]);
    const unknown = await refusalOf(readEntry(deps, editor, 'article', 'nav-tada'));
    expect([unknown.code, unknown.status]).toEqual(['KnowledgeNotFound', 404]);
    expect((await refusalOf(entryVersions(deps, editor, 'term', 'nav-tada'))).status).toBe(404);
    await changeEntryState(deps, editor, 'article', 'cits-raksts', 'archive', 2);
    const archived = await refusalOf(changeEntryState(deps, editor, 'article', 'cits-raksts', 'publish', 3));
    expect([archived.code, archived.status]).toEqual(['KnowledgeArchived', 409]);
    const notPublished = await refusalOf(
      changeEntryState(deps, editor, 'article', 'jauns-raksts', 'unpublish', 2),
    );
    expect(notPublished.code).toBe('NotPublished');
    // Refused changes write nothing, their records included (the staff API records the refusal).
    expect(knowledge.audit.map((record) => record.eventName)).toEqual([
      'CreateKnowledgeEntry',
      'CreateKnowledgeEntry',
      'EditKnowledgeEntry',
      'EditKnowledgeEntry',
      'ArchiveKnowledgeEntry',
    ]);
  });

  it('keeps a published article’s address: the slug changes only while it is not public', async () => {
    const { deps } = setUp();
    await createArticle(deps, editor, createRequest(articleBody()));
    const renamed = await editArticle(
      deps,
      editor,
      'jauns-raksts',
      editRequest({ ...articleBody('parsaukts-raksts'), expectedVersion: 1 }),
    );
    expect(renamed.article.content.slug).toBe('parsaukts-raksts');
    await changeEntryState(deps, editor, 'article', 'jauns-raksts', 'publish', 2);
    const refused = await refusalOf(
      editArticle(
        deps,
        editor,
        'jauns-raksts',
        editRequest({ ...articleBody('vel-cits'), expectedVersion: 3 }),
      ),
    );
    expect(refused.fields).toEqual([{ field: 'slug', key: 'staff.knowledge.slugFixed' }]);
  });

  it('lists articles without their bodies', async () => {
    const { deps } = setUp();
    await createArticle(deps, editor, createRequest(articleBody()));
    const { articles } = await listArticles(deps, editor);
    expect(articles).toEqual([
      expect.objectContaining({
        id: 'jauns-raksts',
        slug: 'jauns-raksts',
        topic: seed.topic,
        status: 'draft',
      }),
    ]);
    expect(articles[0]).not.toHaveProperty('content');
  });
});

describe('glossary terms', () => {
  it('are created with an id of slug form, edited, published; a taken id is a conflict', async () => {
    const { deps, knowledge } = setUp();
    const term = seedGlossary[0];
    if (!term) throw new Error('No seed terms');
    const body = { ...termContentOf(term), id: 'jauns-termins' };
    const { term: created } = await createTerm(deps, editor, z.parse(knowledgeRequests.createTerm, body));
    expect(created).toMatchObject({ id: 'jauns-termins', version: 1 });
    const taken = await refusalOf(createTerm(deps, editor, z.parse(knowledgeRequests.createTerm, body)));
    expect([taken.code, taken.status]).toEqual(['TermIdTaken', 409]);
    const badId = await refusalOf(
      createTerm(deps, editor, z.parse(knowledgeRequests.createTerm, { ...body, id: 'Nav Derīgs' })),
    );
    expect(badId.fields).toEqual([{ field: 'id', key: 'staff.knowledge.slug' }]);
    const explanation = { lv: 'Vienkāršāk.', en: 'Simpler.' };
    await editTerm(
      deps,
      editor,
      'jauns-termins',
      z.parse(knowledgeRequests.editTerm, { ...termContentOf(term), explanation, expectedVersion: 1 }),
    );
    await changeEntryState(deps, editor, 'term', 'jauns-termins', 'publish', 2);
    expect((await knowledge.published()).terms).toEqual([
      expect.objectContaining({ id: 'jauns-termins', explanation, version: 3 }),
    ]);
  });
});

/** The fields a body is refused on by a request schema. */
function fieldsOf(schema: z.ZodMiniType, body: unknown): string[] {
  const result = z.safeParse(schema, body);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('the content rules', () => {
  const content = articleContentOf(seed);

  it('accept every seed article and term', () => {
    for (const article of seedArticles)
      expect(articleRefusals(articleContentOf(article)), article.id).toEqual([]);
    for (const term of seedGlossary) expect(termRefusals(termContentOf(term), term.id), term.id).toEqual([]);
  });

  it.each([
    ['Ar-Lielajiem', 'staff.knowledge.slug'],
    ['a', 'staff.knowledge.slug'],
    ['dubult--defise', 'staff.knowledge.slug'],
    ['vardnica', 'staff.knowledge.slug'],
    ['glumji-ā', 'staff.knowledge.slug'],
  ])('refuse the slug %s', (slug, key) => {
    expect(articleRefusals({ ...content, slug })).toEqual([{ field: 'slug', key }]);
  });

  it.each([
    'http://likumi.lv/ta/id/50500',
    'javascript:alert(1)',
    '/relative/path',
    'https://user:secret@likumi.lv/',
    'ftp://likumi.lv/',
  ])('refuse the source address %s', (url) => {
    expect(articleRefusals({ ...content, sources: [{ title: 'Likums', url }] })).toEqual([
      { field: 'sources.0.url', key: 'staff.knowledge.url' },
    ]);
    expect(
      articleRefusals({ ...content, service: { title: { lv: 'E-pakalpojums', en: 'E-service' }, url } }),
    ).toEqual([{ field: 'service.url', key: 'staff.knowledge.url' }]);
  });

  it.each([
    ['title.lv', { title: { lv: 'Virsraksts\u202Eslēpts', en: 'Title' } }],
    ['title.en', { title: { lv: 'Virsraksts', en: 'Title\u2066x\u2069' } }],
    ['summary.lv', { summary: { lv: 'Ar\u0000nulli', en: 'Fine' } }],
    ['summary.en', { summary: { lv: 'Labi', en: 'Two\nlines' } }],
    ['paragraphs.lv.0', { paragraphs: { lv: ['Ar\u0007zvanu'], en: ['Fine'] } }],
    ['keywords.en.0', { keywords: { lv: [], en: ['tab\there'] } }],
    ['synonyms.0.1', { synonyms: [['alimenti', 'uzturlīdzekļi\u200F']] as const }],
    ['sources.0.title', { sources: [{ title: 'Likums\u202A', url: 'https://likumi.lv/' }] }],
  ])('refuse control and bidirectional characters in %s', (field, change) => {
    expect(articleRefusals({ ...content, ...change })).toEqual([
      { field, key: 'staff.knowledge.characters' },
    ]);
  });

  it.each([
    ['title.lv', { title: { lv: '   ', en: 'Title' } }, 'staff.field.required'],
    ['title.en', { title: { lv: 'Virsraksts', en: '\u200b' } }, 'staff.field.required'],
    ['keywords.lv.0', { keywords: { lv: [' \t '], en: [] } }, 'staff.field.required'],
    ['title.lv', { title: { lv: 'Virs\u200braksts', en: 'Title' } }, 'staff.knowledge.characters'],
    ['keywords.en.0', { keywords: { lv: [], en: ['fee\ufeff'] } }, 'staff.knowledge.characters'],
    ['summary.en', { summary: { lv: 'Labi', en: 'Two\u2028lines' } }, 'staff.knowledge.characters'],
    [
      'paragraphs.lv.0',
      { paragraphs: { lv: ['Viens\u2029divi'], en: ['Fine'] } },
      'staff.knowledge.characters',
    ],
  ])('refuse %s with nothing to read or with invisible characters or separators', (field, change, key) => {
    expect(articleRefusals({ ...content, ...change })).toEqual([{ field, key }]);
  });

  it('allow line breaks in paragraphs and explanations (lists are lines starting with "- ")', () => {
    expect(
      articleRefusals({ ...content, paragraphs: { lv: ['- viens\n- divi'], en: ['- one\n- two'] } }),
    ).toEqual([]);
    const term = seedGlossary[0];
    if (!term) throw new Error('No seed terms');
    expect(
      termRefusals({ ...termContentOf(term), explanation: { lv: 'Viens.\nDivi.', en: 'One.\nTwo.' } }),
    ).toEqual([]);
  });

  it('refuse content heavier than its DynamoDB items take, on its largest text', () => {
    const emoji = (count: number) => '😀'.repeat(count);
    const paragraphs = Array.from({ length: 30 }, (_, index) => emoji(index === 7 ? 2000 : 1999));
    // Within every per-field limit (4000 UTF-16 units a paragraph), 480 KB in UTF-8.
    expect(
      fieldsOf(knowledgeRequests.createArticle, {
        ...articleBody(),
        paragraphs: { lv: paragraphs, en: paragraphs },
      }),
    ).toEqual([]);
    expect(articleRefusals({ ...content, paragraphs: { lv: paragraphs, en: paragraphs } })).toEqual([
      { field: 'paragraphs.lv.7', key: 'staff.knowledge.tooLarge', values: { limit: '300 KB' } },
    ]);
    expect(
      articleRefusals({ ...content, paragraphs: { lv: paragraphs.slice(0, 9), en: paragraphs.slice(0, 9) } }),
    ).toEqual([]);
    const term = seedGlossary[0];
    if (!term) throw new Error('No seed terms');
    const sources = Array.from({ length: 10 }, () => ({
      title: emoji(150),
      url: `https://likumi.lv/${'a'.repeat(1900)}`,
    }));
    const heavy = { ...termContentOf(term), explanation: { lv: emoji(1000), en: emoji(1000) }, sources };
    expect(termRefusals(heavy)).toEqual([]);
  });

  it('need both languages, a source, a topic of the catalogue and bounded lengths (the request schema)', () => {
    const fieldsOf = (body: unknown) => {
      const result = z.safeParse(knowledgeRequests.createArticle, body);
      return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
    };
    expect(fieldsOf(articleBody())).toEqual([]);
    expect(fieldsOf({ ...articleBody(), title: { lv: 'Tikai latviski' } })).toEqual(['title.en']);
    expect(fieldsOf({ ...articleBody(), paragraphs: { lv: ['Teksts'], en: [] } })).toEqual(['paragraphs.en']);
    expect(fieldsOf({ ...articleBody(), sources: [] })).toEqual(['sources']);
    expect(fieldsOf({ ...articleBody(), topic: 'weather' })).toEqual(['topic']);
    expect(fieldsOf({ ...articleBody(), title: { lv: 'x'.repeat(201), en: 'Title' } })).toEqual(['title.lv']);
    expect(fieldsOf({ ...articleBody(), paragraphs: { lv: Array(31).fill('p'), en: ['p'] } })).toEqual([
      'paragraphs.lv',
    ]);
  });
});
