/**
 * The knowledge base's staff routes as the admin page calls them (see the staff contract's
 * `/api/staff/knowledge/…`): editing articles and glossary terms (editors, administrators), the
 * search the reply editor inserts from (everyone who answers clients), and the client questions'
 * analysis (supervisors, editors, administrators). Answers are checked against the contract's own
 * schemas (`views/knowledge.ts`, `views/assistant.ts`) before anything is shown, like every other
 * staff API answer.
 */
import type * as z from 'zod/mini';
import type { Language } from '../../../../shared/domain/language.ts';
import {
  type KnowledgeHit,
  knowledgeSearchResponseSchema,
  type QuestionFigures,
  type QuestionGroup,
  questionFiguresSchema,
  type TopicFigures,
} from '../../../../shared/use-cases/views/assistant.ts';
import {
  articleListResponseSchema,
  articleResponseSchema,
  articleVersionsResponseSchema,
  termListResponseSchema,
  termResponseSchema,
  termVersionsResponseSchema,
} from '../../../../shared/use-cases/views/knowledge.ts';
import type { CsvDownload, HttpMethod, Result, StaffApi } from '../api.ts';

/**
 * The editing routes' answers, as the staff contract states them (`shared/use-cases/views/
 * knowledge.ts`). A list carries each entry's summary (names, topic, status), not its content.
 */
const listSchemas = { article: articleListResponseSchema, term: termListResponseSchema };
const versionsSchemas = { article: articleVersionsResponseSchema, term: termVersionsResponseSchema };

export type ArticleRecord = z.infer<typeof articleResponseSchema>['article'];
export type TermRecord = z.infer<typeof termResponseSchema>['term'];
export type EntryRecord = ArticleRecord | TermRecord;
export type ArticleSummary = z.infer<typeof articleListResponseSchema>['articles'][number];
export type TermSummary = z.infer<typeof termListResponseSchema>['terms'][number];
export type EntrySummary = ArticleSummary | TermSummary;

/**
 * An article's content as the form holds it and the API takes it (its `topic` still a plain
 * string while the form is being filled: the server names a wrong one in a 400).
 */
export type ArticleContent = Omit<ArticleRecord['content'], 'topic'> & { topic: string };
export type TermContent = TermRecord['content'];

export const entryStatuses = ['draft', 'published', 'archived'] as const;
export type EntryStatus = (typeof entryStatuses)[number];

/** The two kinds of entries, and how the routes and answers name them. */
export type EntryKind = 'article' | 'term';

export interface EntryVersion {
  readonly version: number;
  readonly action: z.infer<typeof articleVersionsResponseSchema>['versions'][number]['action'];
  readonly author: string;
  readonly at: string;
}

/** The reply editor's search and the questions' figures, as kb-assistant's routes answer them. */
export type { KnowledgeHit, QuestionFigures, QuestionGroup, TopicFigures };

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

export type Entry<K extends EntryKind> = K extends 'article' ? ArticleRecord : TermRecord;
export type Summary<K extends EntryKind> = K extends 'article' ? ArticleSummary : TermSummary;
export type Content<K extends EntryKind> = K extends 'article' ? ArticleContent : TermContent;

export type EntryAction = 'publish' | 'unpublish' | 'archive';

type EntryAnswer = { article: ArticleRecord } | { term: TermRecord };

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

  async list<K extends EntryKind>(kind: K): Promise<Result<readonly Summary<K>[]>> {
    const path = entryPath(kind);
    if (kind === 'article') {
      const result = await this.#api.request('GET', path, listSchemas.article);
      return result.ok ? { ok: true, value: result.value.articles as Summary<K>[] } : result;
    }
    const result = await this.#api.request('GET', path, listSchemas.term);
    return result.ok ? { ok: true, value: result.value.terms as Summary<K>[] } : result;
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

  /**
   * A new draft. The content is the body itself (the server's 400s name its fields: `title.lv`,
   * `sources.0.url`); an article's id is its slug, a term's id is sent beside its content.
   */
  create<K extends EntryKind>(kind: K, content: Content<K>, id?: string): Promise<Result<Entry<K>>> {
    const body = kind === 'term' ? { id, ...content } : content;
    return this.#entry(kind, this.#send(kind, 'POST', entryPath(kind), body));
  }

  /** Saves a new version; a 409 when someone saved another since `expectedVersion`. */
  update<K extends EntryKind>(
    kind: K,
    id: string,
    expectedVersion: number,
    content: Content<K>,
  ): Promise<Result<Entry<K>>> {
    return this.#entry(kind, this.#send(kind, 'PUT', entryPath(kind, id), { ...content, expectedVersion }));
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
    // In the body: the words may name the client, and access logs keep query strings.
    const result = await this.#api.request('POST', `${base}/search`, knowledgeSearchResponseSchema, {
      q: query,
      lang: language,
    });
    return result.ok ? { ok: true, value: result.value.items } : result;
  }

  questions(filters: QuestionFilters): Promise<Result<QuestionFigures>> {
    return this.#api.request('GET', `${base}/questions?${questionQuery(filters)}`, questionFiguresSchema);
  }

  questionsCsv(filters: QuestionFilters): Promise<Result<CsvDownload>> {
    return this.#api.csv(
      `${base}/questions`,
      { from: filters.from, to: filters.to, topic: filters.topic },
      'courtdesk-questions.csv',
    );
  }

  #send(kind: EntryKind, method: HttpMethod, path: string, body?: object): Promise<Result<EntryAnswer>> {
    return kind === 'article'
      ? this.#api.request(method, path, articleResponseSchema, body)
      : this.#api.request(method, path, termResponseSchema, body);
  }

  async #entry<K extends EntryKind>(
    kind: K,
    pending: Promise<Result<EntryAnswer>>,
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
