/**
 * The knowledge base's editing views: what editors send (checked here for shape and length; the
 * rules that need more — slugs, addresses, characters — in `knowledge/content-rules.ts`) and what
 * they get back. A list carries summaries, not contents: a thousand articles' bodies would not fit
 * one answer.
 */
import * as z from 'zod/mini';
import { topicIds } from '../../domain/topics.ts';
import { staffText } from './requests.ts';

/** Limits of an entry's texts, in characters (items for lists). */
export const knowledgeLimits = {
  slug: 80,
  title: 200,
  summary: 500,
  paragraph: 4000,
  paragraphs: 30,
  word: 80,
  words: 50,
  sources: 10,
  sourceTitle: 300,
  url: 2000,
  explanation: 2000,
} as const;

const limits = knowledgeLimits;

const bilingual = (max: number) => z.object({ lv: staffText(max), en: staffText(max) });

const bilingualList = (maxItems: number, maxLength: number, minItems = 0) => {
  const list = z.array(staffText(maxLength)).check(z.minLength(minItems), z.maxLength(maxItems));
  return z.object({ lv: list, en: list });
};

const sourceSchema = z.object({ title: staffText(limits.sourceTitle), url: staffText(limits.url) });
const sourcesSchema = z.array(sourceSchema).check(z.maxLength(limits.sources));

/** An article's content as an editor sends it; `sample` false unless said. */
export const articleContentSchema = z.object({
  slug: staffText(limits.slug),
  topic: z.enum(topicIds),
  title: bilingual(limits.title),
  summary: bilingual(limits.summary),
  paragraphs: bilingualList(limits.paragraphs, limits.paragraph, 1),
  keywords: z._default(bilingualList(limits.words, limits.word), { lv: [], en: [] }),
  synonyms: z._default(
    z.array(z.tuple([staffText(limits.word), staffText(limits.word)])).check(z.maxLength(limits.words)),
    [],
  ),
  /** At least one: every article links the act or page it rests on. */
  sources: sourcesSchema.check(z.minLength(1)),
  service: z.optional(z.object({ title: bilingual(limits.title), url: staffText(limits.url) })),
  sample: z._default(z.boolean(), false),
});
export type ArticleContentRequest = z.infer<typeof articleContentSchema>;

export const termContentSchema = z.object({
  term: bilingual(limits.title),
  explanation: bilingual(limits.explanation),
  sources: z._default(sourcesSchema, []),
  sample: z._default(z.boolean(), false),
});
export type TermContentRequest = z.infer<typeof termContentSchema>;

/** The version the change was made on: another editor's change since refuses it (409). */
const expectedVersion = z.int().check(z.minimum(1));

export const knowledgeRequests = {
  createArticle: articleContentSchema,
  editArticle: z.extend(articleContentSchema, { expectedVersion }),
  /** A term's id is its address in the glossary (`#<id>`): like a slug, fixed for good. */
  createTerm: z.extend(termContentSchema, { id: staffText(limits.slug) }),
  editTerm: z.extend(termContentSchema, { expectedVersion }),
  /** Publish, unpublish, archive. */
  stateChange: z.object({ expectedVersion }),
} as const;

const entryShape = {
  id: z.string(),
  status: z.enum(['draft', 'published', 'archived']),
  version: z.number(),
  publishedVersion: z.optional(z.number()),
  unpublishedChanges: z.boolean(),
  updatedBy: z.string(),
  updatedAt: z.string(),
};

export const articleResponseSchema = z.object({
  article: z.object({ ...entryShape, content: articleContentSchema }),
});
export const termResponseSchema = z.object({
  term: z.object({ ...entryShape, content: termContentSchema }),
});

export const articleListResponseSchema = z.object({
  articles: z.array(
    z.object({
      ...entryShape,
      slug: z.string(),
      topic: z.enum(topicIds),
      title: z.object({ lv: z.string(), en: z.string() }),
      sample: z.boolean(),
    }),
  ),
});
export const termListResponseSchema = z.object({
  terms: z.array(
    z.object({ ...entryShape, term: z.object({ lv: z.string(), en: z.string() }), sample: z.boolean() }),
  ),
});

const versionShape = {
  version: z.number(),
  action: z.enum(['created', 'edited', 'published', 'unpublished', 'archived']),
  author: z.string(),
  at: z.string(),
};
/** The history: who changed what when, without contents (one version's content is read on its own). */
export const articleVersionsResponseSchema = z.object({ versions: z.array(z.object(versionShape)) });
export const termVersionsResponseSchema = articleVersionsResponseSchema;
export const articleVersionResponseSchema = z.object({
  version: z.object({ ...versionShape, content: articleContentSchema }),
});
export const termVersionResponseSchema = z.object({
  version: z.object({ ...versionShape, content: termContentSchema }),
});
