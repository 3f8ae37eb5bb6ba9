/** The knowledge base's editing, for editors and administrators (checked before anything is read). */
import type { RouteModule } from './route.ts';

/**
 * The editing's use cases (content rules, refusals, audit records), loaded by the first editing
 * call: few staff members edit, and staff-api's cold start serves everyone.
 */
const editing = () => import('../../../shared/use-cases/knowledge/edit-knowledge.ts');

const editor = { knowledgeEditor: true } as const;

export const knowledgeRoutes = {
  'GET /api/staff/knowledge/articles': {
    ...editor,
    eventName: 'ListKnowledgeEntries',
    run: async ({ deps, caller }) => (await editing()).listArticles(deps.knowledge, caller),
  },
  'POST /api/staff/knowledge/articles': {
    ...editor,
    eventName: 'CreateKnowledgeEntry',
    run: async ({ deps, caller, body }) => (await editing()).createArticle(deps.knowledge, caller, body),
  },
  'GET /api/staff/knowledge/articles/{id}': {
    ...editor,
    eventName: 'GetKnowledgeEntry',
    run: async ({ deps, caller, id }) => ({
      article: await (await editing()).readEntry(deps.knowledge, caller, 'article', id),
    }),
  },
  'PUT /api/staff/knowledge/articles/{id}': {
    ...editor,
    eventName: 'EditKnowledgeEntry',
    run: async ({ deps, caller, id, body }) =>
      (await editing()).editArticle(deps.knowledge, caller, id, body),
  },
  'GET /api/staff/knowledge/articles/{id}/versions': {
    ...editor,
    eventName: 'ListKnowledgeVersions',
    run: async ({ deps, caller, id }) =>
      (await editing()).entryVersions(deps.knowledge, caller, 'article', id),
  },
  'GET /api/staff/knowledge/articles/{id}/versions/{version}': {
    ...editor,
    eventName: 'GetKnowledgeEntry',
    run: async ({ deps, caller, id, event }) =>
      (await editing()).entryVersion(
        deps.knowledge,
        caller,
        'article',
        id,
        event.pathParameters?.version ?? '',
      ),
  },
  'POST /api/staff/knowledge/articles/{id}/publish': {
    ...editor,
    eventName: 'PublishKnowledgeEntry',
    run: async ({ deps, caller, id, body }) => ({
      article: await (await editing()).changeEntryState(
        deps.knowledge,
        caller,
        'article',
        id,
        'publish',
        body.expectedVersion,
      ),
    }),
  },
  'POST /api/staff/knowledge/articles/{id}/unpublish': {
    ...editor,
    eventName: 'UnpublishKnowledgeEntry',
    run: async ({ deps, caller, id, body }) => ({
      article: await (await editing()).changeEntryState(
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
      article: await (await editing()).changeEntryState(
        deps.knowledge,
        caller,
        'article',
        id,
        'archive',
        body.expectedVersion,
      ),
    }),
  },
  'GET /api/staff/knowledge/terms': {
    ...editor,
    eventName: 'ListKnowledgeEntries',
    run: async ({ deps, caller }) => (await editing()).listTerms(deps.knowledge, caller),
  },
  'POST /api/staff/knowledge/terms': {
    ...editor,
    eventName: 'CreateKnowledgeEntry',
    run: async ({ deps, caller, body }) => (await editing()).createTerm(deps.knowledge, caller, body),
  },
  'GET /api/staff/knowledge/terms/{id}': {
    ...editor,
    eventName: 'GetKnowledgeEntry',
    run: async ({ deps, caller, id }) => ({
      term: await (await editing()).readEntry(deps.knowledge, caller, 'term', id),
    }),
  },
  'PUT /api/staff/knowledge/terms/{id}': {
    ...editor,
    eventName: 'EditKnowledgeEntry',
    run: async ({ deps, caller, id, body }) => (await editing()).editTerm(deps.knowledge, caller, id, body),
  },
  'GET /api/staff/knowledge/terms/{id}/versions': {
    ...editor,
    eventName: 'ListKnowledgeVersions',
    run: async ({ deps, caller, id }) => (await editing()).entryVersions(deps.knowledge, caller, 'term', id),
  },
  'GET /api/staff/knowledge/terms/{id}/versions/{version}': {
    ...editor,
    eventName: 'GetKnowledgeEntry',
    run: async ({ deps, caller, id, event }) =>
      (await editing()).entryVersion(deps.knowledge, caller, 'term', id, event.pathParameters?.version ?? ''),
  },
  'POST /api/staff/knowledge/terms/{id}/publish': {
    ...editor,
    eventName: 'PublishKnowledgeEntry',
    run: async ({ deps, caller, id, body }) => ({
      term: await (await editing()).changeEntryState(
        deps.knowledge,
        caller,
        'term',
        id,
        'publish',
        body.expectedVersion,
      ),
    }),
  },
  'POST /api/staff/knowledge/terms/{id}/unpublish': {
    ...editor,
    eventName: 'UnpublishKnowledgeEntry',
    run: async ({ deps, caller, id, body }) => ({
      term: await (await editing()).changeEntryState(
        deps.knowledge,
        caller,
        'term',
        id,
        'unpublish',
        body.expectedVersion,
      ),
    }),
  },
  'POST /api/staff/knowledge/terms/{id}/archive': {
    ...editor,
    eventName: 'ArchiveKnowledgeEntry',
    run: async ({ deps, caller, id, body }) => ({
      term: await (await editing()).changeEntryState(
        deps.knowledge,
        caller,
        'term',
        id,
        'archive',
        body.expectedVersion,
      ),
    }),
  },
} satisfies RouteModule;
