/**
 * What staff see of the knowledge base outside its editor: the search the reply editor inserts
 * from (§15, §10), and the figures of the assistant's question log (§26).
 */
import * as z from 'zod/mini';

/** One published article or glossary term found for staff, with the plain text to insert. */
export const knowledgeHitView = z.object({
  kind: z.enum(['article', 'term']),
  id: z.string(),
  topic: z.optional(z.string()),
  language: z.enum(['lv', 'en']),
  title: z.string(),
  snippet: z.string(),
  /** The public help page (absolute path on the site). */
  url: z.string(),
  /** Plain text: an article's summary and paragraphs, or a term's explanation. */
  text: z.string(),
});
export type KnowledgeHit = z.infer<typeof knowledgeHitView>;

export const knowledgeSearchResponseSchema = z.object({ items: z.array(knowledgeHitView) });
export type KnowledgeSearchResponse = z.infer<typeof knowledgeSearchResponseSchema>;

/** Questions asked in the same words (the same normalised form), with how they went. */
export const questionGroupView = z.object({
  normalised: z.string(),
  /** The latest question of the group, as logged (personal data stripped). */
  example: z.string(),
  topic: z.optional(z.string()),
  asked: z.number(),
  /** Asked with no answer found. */
  unanswered: z.number(),
  /** Answered "Nē" (the answer did not help). */
  notHelpful: z.number(),
  helpful: z.number(),
});
export type QuestionGroup = z.infer<typeof questionGroupView>;

/** A topic's figures; `topic` absent: questions nothing answered. */
export const topicFiguresView = z.object({
  topic: z.optional(z.string()),
  questions: z.number(),
  unanswered: z.number(),
  notHelpful: z.number(),
  /** Page loads that asked about the topic, and those a request was submitted from afterwards. */
  pages: z.number(),
  pagesWithRequest: z.number(),
  /** Pages with a question and no request, of the pages with a question; null with no pages. */
  deflectionRate: z.nullable(z.number()),
});
export type TopicFigures = z.infer<typeof topicFiguresView>;

export const questionFiguresSchema = z.object({
  from: z.string(),
  to: z.string(),
  topic: z.optional(z.string()),
  totals: topicFiguresView,
  topics: z.array(topicFiguresView),
  /** The most asked, most first. */
  topQuestions: z.array(questionGroupView),
  /** Groups with a question unanswered or answered "Nē", most such first. */
  unanswered: z.array(questionGroupView),
  /** The period held more than one read takes: the figures cover its first part. */
  truncated: z.boolean(),
});
export type QuestionFigures = z.infer<typeof questionFiguresSchema>;
