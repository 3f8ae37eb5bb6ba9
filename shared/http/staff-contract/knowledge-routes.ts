/**
 * The knowledge base's editing routes (editors and administrators; 403 for anyone else): articles
 * and glossary terms alike — list, create, read, edit, history, publish, unpublish, archive. Edits
 * and state changes name `expectedVersion` (409 when another editor's change came first).
 */
import {
  articleListResponseSchema,
  articleResponseSchema,
  articleVersionResponseSchema,
  articleVersionsResponseSchema,
  knowledgeRequests,
  termListResponseSchema,
  termResponseSchema,
  termVersionResponseSchema,
  termVersionsResponseSchema,
} from '../../use-cases/views/knowledge.ts';

const articles = '/api/staff/knowledge/articles';
const terms = '/api/staff/knowledge/terms';

export const knowledgeEditingRoutes = [
  {
    method: 'GET',
    response: articleListResponseSchema,
    path: articles,
    summary: 'Editors: every knowledge base article (archived ones too), without bodies, by id',
  },
  {
    method: 'POST',
    response: articleResponseSchema,
    path: articles,
    body: knowledgeRequests.createArticle,
    summary: 'Editors: a new article, a draft (its slug is its id for good; 409 when taken)',
  },
  {
    method: 'GET',
    response: articleResponseSchema,
    path: `${articles}/{id}`,
    summary: 'Editors: one article, its latest version and where it stands',
  },
  {
    method: 'PUT',
    response: articleResponseSchema,
    path: `${articles}/{id}`,
    body: knowledgeRequests.editArticle,
    summary:
      'Editors: a new version of the article (the public one stays until published); the slug only while not published',
  },
  {
    method: 'GET',
    response: articleVersionsResponseSchema,
    path: `${articles}/{id}/versions`,
    summary: "Editors: the article's versions, oldest first, with author and time (no contents)",
  },
  {
    method: 'GET',
    response: articleVersionResponseSchema,
    path: `${articles}/{id}/versions/{version}`,
    summary: 'Editors: one version of the article, with its content',
  },
  {
    method: 'POST',
    response: articleResponseSchema,
    path: `${articles}/{id}/publish`,
    body: knowledgeRequests.stateChange,
    summary: 'Editors: make the latest version the public one (the help pages and the assistant follow)',
  },
  {
    method: 'POST',
    response: articleResponseSchema,
    path: `${articles}/{id}/unpublish`,
    body: knowledgeRequests.stateChange,
    summary: 'Editors: take the article off the public set (it stays a draft)',
  },
  {
    method: 'POST',
    response: articleResponseSchema,
    path: `${articles}/{id}/archive`,
    body: knowledgeRequests.stateChange,
    summary: 'Editors: archive the article for good (off the public set; it can still be read)',
  },
  {
    method: 'GET',
    response: termListResponseSchema,
    path: terms,
    summary: 'Editors: every glossary term (archived ones too), without explanations, by id',
  },
  {
    method: 'POST',
    response: termResponseSchema,
    path: terms,
    body: knowledgeRequests.createTerm,
    summary: 'Editors: a new glossary term, a draft (its id is its glossary address for good)',
  },
  {
    method: 'GET',
    response: termResponseSchema,
    path: `${terms}/{id}`,
    summary: 'Editors: one glossary term, its latest version and where it stands',
  },
  {
    method: 'PUT',
    response: termResponseSchema,
    path: `${terms}/{id}`,
    body: knowledgeRequests.editTerm,
    summary: 'Editors: a new version of the term (the public one stays until published)',
  },
  {
    method: 'GET',
    response: termVersionsResponseSchema,
    path: `${terms}/{id}/versions`,
    summary: "Editors: the term's versions, oldest first, with author and time (no contents)",
  },
  {
    method: 'GET',
    response: termVersionResponseSchema,
    path: `${terms}/{id}/versions/{version}`,
    summary: 'Editors: one version of the term, with its content',
  },
  {
    method: 'POST',
    response: termResponseSchema,
    path: `${terms}/{id}/publish`,
    body: knowledgeRequests.stateChange,
    summary: 'Editors: make the latest version of the term the public one',
  },
  {
    method: 'POST',
    response: termResponseSchema,
    path: `${terms}/{id}/unpublish`,
    body: knowledgeRequests.stateChange,
    summary: 'Editors: take the term off the public glossary (it stays a draft)',
  },
  {
    method: 'POST',
    response: termResponseSchema,
    path: `${terms}/{id}/archive`,
    body: knowledgeRequests.stateChange,
    summary: 'Editors: archive the term for good',
  },
] as const;
