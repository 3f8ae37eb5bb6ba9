/**
 * Editing the knowledge base (§15, §20.2): editors and administrators create, edit, publish,
 * unpublish and archive articles and glossary terms, and read their history. A change names the
 * version it was made on (409 when another editor's change came first); the content is checked
 * field by field (400); every change is audited (`configuration`) in the change's own write.
 */
import type { AuditEventName } from '../../domain/audit-catalogue.ts';
import { knowledgeResource } from '../../domain/audit-event.ts';
import { accessDenied, invalidFields, notFound, Refused } from '../../domain/refused.ts';
import { editsKnowledge, type StaffIdentity } from '../../domain/staff.ts';
import type { Clock } from '../../ports/clock.ts';
import {
  type ArticleContent,
  type EntryRecord,
  type EntryVersion,
  isKnowledgeRefusal,
  type KnowledgeChangeContext,
  type KnowledgeEditor,
  type KnowledgeEntries,
  type KnowledgeOutcome,
  type KnowledgeRefusal,
  KnowledgeStoreBusy,
  type TermContent,
  type VersionSummary,
} from '../../ports/knowledge-base.ts';
import { type StaffCaller, staffAudit } from '../staff-audit.ts';
import type { ArticleContentRequest, TermContentRequest } from '../views/knowledge.ts';
import { articleRefusals, termRefusals } from './content-rules.ts';

export interface KnowledgeEditingDeps {
  readonly knowledge: KnowledgeEditor;
  readonly clock: Clock;
}

export type EntryKind = 'article' | 'term';
export type StateChange = 'publish' | 'unpublish' | 'archive';

const stateEvents: Readonly<Record<StateChange, AuditEventName>> = {
  publish: 'PublishKnowledgeEntry',
  unpublish: 'UnpublishKnowledgeEntry',
  archive: 'ArchiveKnowledgeEntry',
};

/** Only editors and administrators (403 for anyone else, before anything is read). */
export function assertEditor(caller: Pick<StaffIdentity, 'roles'>): void {
  if (!editsKnowledge(caller)) throw accessDenied();
}

/** A store's refusal as the editor is told it. */
function refusedAs(kind: EntryKind, refusal: KnowledgeRefusal): Refused {
  switch (refusal) {
    case 'not-found':
      return notFound('KnowledgeNotFound');
    case 'version-conflict':
      return new Refused('VersionConflict', 409);
    case 'slug-taken':
      return new Refused(kind === 'article' ? 'SlugTaken' : 'TermIdTaken', 409);
    case 'archived':
      return new Refused('KnowledgeArchived', 409);
    case 'not-published':
      return new Refused('NotPublished', 409);
    case 'already-published':
      return new Refused('AlreadyPublished', 409);
  }
}

/** Runs a change with its audit record; the entry as it now stands, or the refusal thrown. */
async function change<Content>(
  deps: KnowledgeEditingDeps,
  caller: StaffCaller,
  target: { readonly kind: EntryKind; readonly id: string; readonly expectedVersion?: number },
  eventName: AuditEventName,
  run: (context: KnowledgeChangeContext) => Promise<KnowledgeOutcome<Content>>,
): Promise<EntryRecord<Content>> {
  const at = deps.clock.now().toISOString();
  const record = staffAudit(caller, {
    eventName,
    eventTime: at,
    readOnly: false,
    requestParameters: {
      [target.kind === 'article' ? 'articleId' : 'termId']: target.id,
      ...(target.expectedVersion === undefined ? {} : { expectedVersion: target.expectedVersion }),
    },
  });
  const audit = { ...record, resources: [knowledgeResource(target.kind, target.id)] };
  const outcome = await run({ author: caller.username, at, audit }).catch((error: unknown) => {
    // Other changes kept landing first: nothing was written, a retry shortly goes through.
    if (error instanceof KnowledgeStoreBusy) throw new Refused('KnowledgeBusy', 409);
    throw error;
  });
  if (isKnowledgeRefusal(outcome)) throw refusedAs(target.kind, outcome);
  return outcome;
}

function articleContentOf(request: ArticleContentRequest): ArticleContent {
  const content: ArticleContent = {
    slug: request.slug,
    topic: request.topic,
    title: request.title,
    summary: request.summary,
    paragraphs: request.paragraphs,
    keywords: request.keywords,
    synonyms: request.synonyms,
    sources: request.sources,
    ...(request.service ? { service: request.service } : {}),
    sample: request.sample,
  };
  const refusals = articleRefusals(content);
  if (refusals.length > 0) throw invalidFields(refusals);
  return content;
}

function termContentOf(request: TermContentRequest, id?: string): TermContent {
  const content: TermContent = {
    term: request.term,
    explanation: request.explanation,
    sources: request.sources,
    sample: request.sample,
  };
  const refusals = termRefusals(content, id);
  if (refusals.length > 0) throw invalidFields(refusals);
  return content;
}

/** A new article, a draft; its first slug is its id for good. */
export async function createArticle(
  deps: KnowledgeEditingDeps,
  caller: StaffCaller,
  request: ArticleContentRequest,
): Promise<{ article: EntryRecord<ArticleContent> }> {
  assertEditor(caller);
  const content = articleContentOf(request);
  const article = await change(
    deps,
    caller,
    { kind: 'article', id: content.slug },
    'CreateKnowledgeEntry',
    (context) => deps.knowledge.articles.create(content.slug, content, context),
  ).catch(async (error: unknown) => {
    // The slug is free, but it is still the id of the article that had it first (renamed since).
    if (error instanceof Refused && error.code === 'SlugTaken') {
      const holder = await deps.knowledge.articles.get(content.slug);
      if (holder && holder.content.slug !== content.slug) throw new Refused('ArticleIdTaken', 409);
    }
    throw error;
  });
  return { article };
}

/**
 * A new version of an article. The slug (the page's address) may change while the article is not
 * public: a published page does not move under its readers.
 */
export async function editArticle(
  deps: KnowledgeEditingDeps,
  caller: StaffCaller,
  id: string,
  request: ArticleContentRequest & { readonly expectedVersion: number },
): Promise<{ article: EntryRecord<ArticleContent> }> {
  assertEditor(caller);
  const content = articleContentOf(request);
  const current = await deps.knowledge.articles.get(id);
  if (!current) throw refusedAs('article', 'not-found');
  if (current.status === 'published' && current.content.slug !== content.slug)
    throw invalidFields([{ field: 'slug', key: 'staff.knowledge.slugFixed' }]);
  const { expectedVersion } = request;
  const article = await change(
    deps,
    caller,
    { kind: 'article', id, expectedVersion },
    'EditKnowledgeEntry',
    (context) => deps.knowledge.articles.edit(id, expectedVersion, content, context),
  );
  return { article };
}

/** A new glossary term, a draft; its id is its address in the glossary for good. */
export async function createTerm(
  deps: KnowledgeEditingDeps,
  caller: StaffCaller,
  request: TermContentRequest & { readonly id: string },
): Promise<{ term: EntryRecord<TermContent> }> {
  assertEditor(caller);
  const content = termContentOf(request, request.id);
  const term = await change(
    deps,
    caller,
    { kind: 'term', id: request.id },
    'CreateKnowledgeEntry',
    (context) => deps.knowledge.terms.create(request.id, content, context),
  );
  return { term };
}

export async function editTerm(
  deps: KnowledgeEditingDeps,
  caller: StaffCaller,
  id: string,
  request: TermContentRequest & { readonly expectedVersion: number },
): Promise<{ term: EntryRecord<TermContent> }> {
  assertEditor(caller);
  const content = termContentOf(request);
  const { expectedVersion } = request;
  const term = await change(
    deps,
    caller,
    { kind: 'term', id, expectedVersion },
    'EditKnowledgeEntry',
    (context) => deps.knowledge.terms.edit(id, expectedVersion, content, context),
  );
  return { term };
}

function entriesOf(
  deps: KnowledgeEditingDeps,
  kind: EntryKind,
): KnowledgeEntries<ArticleContent | TermContent> {
  return (kind === 'article' ? deps.knowledge.articles : deps.knowledge.terms) as KnowledgeEntries<
    ArticleContent | TermContent
  >;
}

/** Publishes, unpublishes or archives an entry; the entry as it now stands. */
export async function changeEntryState(
  deps: KnowledgeEditingDeps,
  caller: StaffCaller,
  kind: EntryKind,
  id: string,
  state: StateChange,
  expectedVersion: number,
): Promise<EntryRecord<ArticleContent | TermContent>> {
  assertEditor(caller);
  const entries = entriesOf(deps, kind);
  return change(deps, caller, { kind, id, expectedVersion }, stateEvents[state], (context) =>
    entries[state](id, expectedVersion, context),
  );
}

/** One entry as editors see it (404 for an unknown id). */
export async function readEntry(
  deps: KnowledgeEditingDeps,
  caller: StaffCaller,
  kind: EntryKind,
  id: string,
): Promise<EntryRecord<ArticleContent | TermContent>> {
  assertEditor(caller);
  const entry = await entriesOf(deps, kind).get(id);
  if (!entry) throw refusedAs(kind, 'not-found');
  return entry;
}

/** An entry's history, oldest first, without contents (404 for an unknown id). */
export async function entryVersions(
  deps: KnowledgeEditingDeps,
  caller: StaffCaller,
  kind: EntryKind,
  id: string,
): Promise<{ versions: VersionSummary[] }> {
  assertEditor(caller);
  const versions = await entriesOf(deps, kind).versions(id);
  if (versions.length === 0) throw refusedAs(kind, 'not-found');
  return { versions };
}

/** One version of an entry with its content (404 for an unknown id or version, or one not a number). */
export async function entryVersion(
  deps: KnowledgeEditingDeps,
  caller: StaffCaller,
  kind: EntryKind,
  id: string,
  version: string,
): Promise<{ version: EntryVersion<ArticleContent | TermContent> }> {
  assertEditor(caller);
  const number = /^[1-9]\d{0,8}$/.test(version) ? Number(version) : undefined;
  const found = number === undefined ? undefined : await entriesOf(deps, kind).version(id, number);
  if (!found) throw refusedAs(kind, 'not-found');
  return { version: found };
}

const summaryOf = <Content>({ content: _content, ...entry }: EntryRecord<Content>) => entry;

/** Every article, archived ones too, without their bodies. */
export async function listArticles(deps: KnowledgeEditingDeps, caller: StaffCaller) {
  assertEditor(caller);
  const articles = await deps.knowledge.articles.list();
  return {
    articles: articles.map((article) => ({
      ...summaryOf(article),
      slug: article.content.slug,
      topic: article.content.topic,
      title: article.content.title,
      sample: article.content.sample,
    })),
  };
}

/** Every glossary term, archived ones too, without their explanations. */
export async function listTerms(deps: KnowledgeEditingDeps, caller: StaffCaller) {
  assertEditor(caller);
  const terms = await deps.knowledge.terms.list();
  return {
    terms: terms.map((term) => ({
      ...summaryOf(term),
      term: term.content.term,
      sample: term.content.sample,
    })),
  };
}
