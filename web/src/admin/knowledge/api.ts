/**
 * The knowledge base's staff routes as the admin page calls them (see the staff contract's
 * `/api/staff/knowledge/…`): editing articles and glossary terms (editors, administrators), the
 * search the reply editor inserts from (everyone who answers clients), and the client questions'
 * analysis (supervisors, editors, administrators). Answers are checked against the shapes below
 * before anything is shown, like every other staff API answer.
 */
import * as z from 'zod/mini';
import type { Language } from '../../../../shared/domain/language.ts';
import type { CsvDownload, HttpMethod, Result, StaffApi } from '../api.ts';

const bilingual = z.object({ lv: z.string(), en: z.string() });
const bilingualList = z.object({ lv: z.array(z.string()), en: z.array(z.string()) });
const source = z.object({ title: z.string(), url: z.string() });

export const articleContentSchema = z.object({
  slug: z.string(),
  topic: z.string(),
  title: bilingual,
  summary: bilingual,
  paragraphs: bilingualList,
  keywords: bilingualList,
  synonyms: z.array(z.tuple([z.string(), z.string()])),
  sources: z.array(source),
  service: z.optional(z.nullable(z.object({ title: bilingual, url: z.string() }))),
  sample: z.boolean(),
});

export const termContentSchema = z.object({
  term: bilingual,
  explanation: bilingual,
  sources: z.array(source),
  sample: z.boolean(),
});

export type ArticleContent = z.infer<typeof articleContentSchema>;
export type TermContent = z.infer<typeof termContentSchema>;

export const entryStatuses = ['draft', 'published', 'archived'] as const;
export type EntryStatus = (typeof entryStatuses)[number];

const versionActions = ['created', 'edited', 'published', 'unpublished', 'archived'] as const;
export type VersionAction = (typeof versionActions)[number];

function recordSchema<C extends z.ZodMiniType>(content: C) {
  return z.object({
    id: z.string(),
    status: z.enum(entryStatuses),
    version: z.number(),
    content,
    publishedVersion: z.optional(z.nullable(z.number())),
    unpublishedChanges: z.optional(z.boolean()),
    updatedBy: z.string(),
    updatedAt: z.string(),
  });
}

function versionSchema<C extends z.ZodMiniType>(content: C) {
  return z.object({
    version: z.number(),
    action: z.enum(versionActions),
    content: z.optional(content),
    author: z.string(),
    at: z.string(),
  });
}

const articleRecordSchema = recordSchema(articleContentSchema);
const termRecordSchema = recordSchema(termContentSchema);
export type ArticleRecord = z.infer<typeof articleRecordSchema>;
export type TermRecord = z.infer<typeof termRecordSchema>;
export type EntryRecord = ArticleRecord | TermRecord;

/** The two kinds of entries, and how the routes and answers name them. */
export type EntryKind = 'article' | 'term';

const listSchemas = {
  article: z.object({ articles: z.array(articleRecordSchema) }),
  term: z.object({ terms: z.array(termRecordSchema) }),
};
const entrySchemas = {
  article: z.object({ article: articleRecordSchema }),
  term: z.object({ term: termRecordSchema }),
};
const versionsSchemas = {
  article: z.object({ versions: z.array(versionSchema(articleContentSchema)) }),
  term: z.object({ versions: z.array(versionSchema(termContentSchema)) }),
};

export interface EntryVersion {
  readonly version: number;
  readonly action: VersionAction;
  readonly author: string;
  readonly at: string;
}

const searchHitSchema = z.object({
  kind: z.enum(['article', 'term']),
  id: z.string(),
  title: z.string(),
  snippet: z.string(),
  url: z.string(),
  /** The plain text to insert into a reply: the article's text, or the term's explanation. */
  text: z.string(),
});
const searchResponseSchema = z.object({ results: z.array(searchHitSchema) });
export type KnowledgeHit = z.infer<typeof searchHitSchema>;

const questionGroupSchema = z.object({
  /** The question's normalised form (what groups the variants). */
  normalised: z.string(),
  /** One of the questions as a client asked it (personal data already removed). */
  example: z.optional(z.string()),
  count: z.number(),
  topic: z.optional(z.nullable(z.string())),
  answered: z.optional(z.number()),
  notHelpful: z.optional(z.number()),
});
const topicRowSchema = z.object({
  topic: z.string(),
  questions: z.number(),
  unanswered: z.optional(z.number()),
  notHelpful: z.optional(z.number()),
  deflectionRate: z.optional(z.nullable(z.number())),
});
const questionsResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  questions: z.number(),
  unanswered: z.optional(z.number()),
  notHelpful: z.optional(z.number()),
  /** Share of the pages where a question was asked and no request followed; null without pages. */
  deflectionRate: z.nullable(z.number()),
  top: z.array(questionGroupSchema),
  unansweredQuestions: z.array(questionGroupSchema),
  topics: z.array(topicRowSchema),
});
export type QuestionsReport = z.infer<typeof questionsResponseSchema>;
export type QuestionGroup = z.infer<typeof questionGroupSchema>;

export interface QuestionFilters {
  readonly from: string;
  readonly to: string;
  readonly topic?: string;
}

const base = '/api/staff/knowledge';

function entryPath(kind: EntryKind, id?: string, action?: string): string {
  const collection = `${base}/${kind === 'article' ? 'articles' : 'terms'}`;
  if (id === undefined) return collection;
  return `${collection}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
}

/** What one entry's page needs: the entry as it stands. */
export type Entry<K extends EntryKind> = K extends 'article' ? ArticleRecord : TermRecord;
export type Content<K extends EntryKind> = K extends 'article' ? ArticleContent : TermContent;

export type EntryAction = 'publish' | 'unpublish' | 'archive';

export class KnowledgeApi {
  readonly #shell: { readonly api: StaffApi };

  /**
   * Takes the page's shell rather than its API: the views are made while the shell is being
   * built, before its API exists, so it is read at each call.
   */
  constructor(shell: { readonly api: StaffApi }) {
    this.#shell = shell;
  }

  get #api(): StaffApi {
    return this.#shell.api;
  }

  async list<K extends EntryKind>(kind: K): Promise<Result<readonly Entry<K>[]>> {
    const path = entryPath(kind);
    const result =
      kind === 'article'
        ? await this.#api.request('GET', path, listSchemas.article)
        : await this.#api.request('GET', path, listSchemas.term);
    if (!result.ok) return result;
    const value = result.value as { articles?: Entry<K>[]; terms?: Entry<K>[] };
    return { ok: true, value: value.articles ?? value.terms ?? [] };
  }

  async get<K extends EntryKind>(kind: K, id: string): Promise<Result<Entry<K>>> {
    return this.#entry(kind, this.#send(kind, 'GET', entryPath(kind, id)));
  }

  async versions(kind: EntryKind, id: string): Promise<Result<readonly EntryVersion[]>> {
    const path = entryPath(kind, id, 'versions');
    const result =
      kind === 'article'
        ? await this.#api.request('GET', path, versionsSchemas.article)
        : await this.#api.request('GET', path, versionsSchemas.term);
    return result.ok ? { ok: true, value: result.value.versions } : result;
  }

  create<K extends EntryKind>(kind: K, content: Content<K>): Promise<Result<Entry<K>>> {
    return this.#entry(kind, this.#send(kind, 'POST', entryPath(kind), { content }));
  }

  /** Saves a new version; a 409 when someone saved another since `expectedVersion`. */
  update<K extends EntryKind>(
    kind: K,
    id: string,
    expectedVersion: number,
    content: Content<K>,
  ): Promise<Result<Entry<K>>> {
    return this.#entry(kind, this.#send(kind, 'PUT', entryPath(kind, id), { expectedVersion, content }));
  }

  act<K extends EntryKind>(
    kind: K,
    id: string,
    action: EntryAction,
    expectedVersion: number,
  ): Promise<Result<Entry<K>>> {
    return this.#entry(kind, this.#send(kind, 'POST', entryPath(kind, id, action), { expectedVersion }));
  }

  /** Published articles and terms for a reply in `language`, best first. */
  async search(query: string, language: Language): Promise<Result<readonly KnowledgeHit[]>> {
    const result = await this.#api.request(
      'GET',
      `${base}/search?${new URLSearchParams({ q: query, lang: language })}`,
      searchResponseSchema,
    );
    return result.ok ? { ok: true, value: result.value.results } : result;
  }

  questions(filters: QuestionFilters): Promise<Result<QuestionsReport>> {
    return this.#api.request('GET', `${base}/questions?${questionQuery(filters)}`, questionsResponseSchema);
  }

  questionsCsv(filters: QuestionFilters): Promise<Result<CsvDownload>> {
    return this.#api.csv(
      `${base}/questions`,
      { from: filters.from, to: filters.to, topic: filters.topic },
      'courtdesk-questions.csv',
    );
  }

  #send(
    kind: EntryKind,
    method: HttpMethod,
    path: string,
    body?: object,
  ): Promise<Result<{ article: ArticleRecord } | { term: TermRecord }>> {
    return kind === 'article'
      ? this.#api.request(method, path, entrySchemas.article, body)
      : this.#api.request(method, path, entrySchemas.term, body);
  }

  async #entry<K extends EntryKind>(
    kind: K,
    pending: Promise<Result<{ article: ArticleRecord } | { term: TermRecord }>>,
  ): Promise<Result<Entry<K>>> {
    const result = await pending;
    if (!result.ok) return result;
    const value = result.value as { article?: ArticleRecord; term?: TermRecord };
    return { ok: true, value: (kind === 'article' ? value.article : value.term) as Entry<K> };
  }
}

function questionQuery(filters: QuestionFilters): URLSearchParams {
  const query = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.topic) query.set('topic', filters.topic);
  return query;
}
