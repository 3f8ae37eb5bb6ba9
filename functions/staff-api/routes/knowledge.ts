/** The knowledge base's editing, for editors and administrators (checked before anything is read). */
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
import type { RouteModule } from './route.ts';

const editor = { knowledgeEditor: true } as const;

export const knowledgeRoutes = {
  'GET /api/staff/knowledge/articles': {
    ...editor,
    eventName: 'ListKnowledgeEntries',
    run: async ({ deps, caller }) => listArticles(deps.knowledge, caller),
  },
  'POST /api/staff/knowledge/articles': {
    ...editor,
    eventName: 'CreateKnowledgeEntry',
    run: async ({ deps, caller, body }) => createArticle(deps.knowledge, caller, body),
  },
  'GET /api/staff/knowledge/articles/{id}': {
    ...editor,
    eventName: 'GetKnowledgeEntry',
    run: async ({ deps, caller, id }) => ({
      article: await readEntry(deps.knowledge, caller, 'article', id),
    }),
  },
  'PUT /api/staff/knowledge/articles/{id}': {
    ...editor,
    eventName: 'EditKnowledgeEntry',
    run: async ({ deps, caller, id, body }) => editArticle(deps.knowledge, caller, id, body),
  },
  'GET /api/staff/knowledge/articles/{id}/versions': {
    ...editor,
    eventName: 'ListKnowledgeVersions',
    run: async ({ deps, caller, id }) => entryVersions(deps.knowledge, caller, 'article', id),
  },
  'GET /api/staff/knowledge/articles/{id}/versions/{version}': {
    ...editor,
    eventName: 'GetKnowledgeEntry',
    run: async ({ deps, caller, id, event }) =>
      entryVersion(deps.knowledge, caller, 'article', id, event.pathParameters?.version ?? ''),
  },
  'POST /api/staff/knowledge/articles/{id}/publish': {
    ...editor,
    eventName: 'PublishKnowledgeEntry',
    run: async ({ deps, caller, id, body }) => ({
      article: await changeEntryState(deps.knowledge, caller, 'article', id, 'publish', body.expectedVersion),
    }),
  },
  'POST /api/staff/knowledge/articles/{id}/unpublish': {
    ...editor,
    eventName: 'UnpublishKnowledgeEntry',
    run: async ({ deps, caller, id, body }) => ({
      article: await changeEntryState(
        deps.knowledge,
        caller,
        'article',
        id,
        'unpublish',
        body.expectedVersion,
      ),
    }),
  },
  'POST /api/staff/knowledge/articles/{id}/archive': {
    ...editor,
    eventName: 'ArchiveKnowledgeEntry',
    run: async ({ deps, caller, id, body }) => ({
      article: await changeEntryState(deps.knowledge, caller, 'article', id, 'archive', body.expectedVersion),
    }),
  },
  'GET /api/staff/knowledge/terms': {
    ...editor,
    eventName: 'ListKnowledgeEntries',
    run: async ({ deps, caller }) => listTerms(deps.knowledge, caller),
  },
  'POST /api/staff/knowledge/terms': {
    ...editor,
    eventName: 'CreateKnowledgeEntry',
    run: async ({ deps, caller, body }) => createTerm(deps.knowledge, caller, body),
  },
  'GET /api/staff/knowledge/terms/{id}': {
    ...editor,
    eventName: 'GetKnowledgeEntry',
    run: async ({ deps, caller, id }) => ({ term: await readEntry(deps.knowledge, caller, 'term', id) }),
  },
  'PUT /api/staff/knowledge/terms/{id}': {
    ...editor,
    eventName: 'EditKnowledgeEntry',
    run: async ({ deps, caller, id, body }) => editTerm(deps.knowledge, caller, id, body),
  },
  'GET /api/staff/knowledge/terms/{id}/versions': {
    ...editor,
    eventName: 'ListKnowledgeVersions',
    run: async ({ deps, caller, id }) => entryVersions(deps.knowledge, caller, 'term', id),
  },
  'GET /api/staff/knowledge/terms/{id}/versions/{version}': {
    ...editor,
    eventName: 'GetKnowledgeEntry',
    run: async ({ deps, caller, id, event }) =>
      entryVersion(deps.knowledge, caller, 'term', id, event.pathParameters?.version ?? ''),
  },
  'POST /api/staff/knowledge/terms/{id}/publish': {
    ...editor,
    eventName: 'PublishKnowledgeEntry',
    run: async ({ deps, caller, id, body }) => ({
      term: await changeEntryState(deps.knowledge, caller, 'term', id, 'publish', body.expectedVersion),
    }),
  },
  'POST /api/staff/knowledge/terms/{id}/unpublish': {
    ...editor,
    eventName: 'UnpublishKnowledgeEntry',
    run: async ({ deps, caller, id, body }) => ({
      term: await changeEntryState(deps.knowledge, caller, 'term', id, 'unpublish', body.expectedVersion),
    }),
  },
  'POST /api/staff/knowledge/terms/{id}/archive': {
    ...editor,
    eventName: 'ArchiveKnowledgeEntry',
    run: async ({ deps, caller, id, body }) => ({
      term: await changeEntryState(deps.knowledge, caller, 'term', id, 'archive', body.expectedVersion),
    }),
  },
} satisfies RouteModule;
