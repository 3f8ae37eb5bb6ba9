/**
 * The assistant's question log (§26): each question a client asked, stripped of personal data, with
 * the answers shown and the client's feedback; and each page load that asked, with whether a request
 * was submitted from it afterwards (the assistant did not deflect it). Kept for the retention
 * schedule's `assistant-question` period from when it was asked (a page from its first question);
 * its counts per day (`dayCounts`) are kept beyond that.
 */

/** One answer the assistant showed. */
export interface ShownAnswer {
  readonly articleId: string;
  readonly topic: string;
  readonly score: number;
}

/** "Did this answer your question?" */
export interface QuestionFeedback {
  readonly helpful: boolean;
  /** The answer the client judged, when the client named one. */
  readonly articleId?: string | undefined;
  /** ISO 8601. */
  readonly at: string;
}

export interface LoggedQuestion {
  readonly questionId: string;
  /** The page load the question was asked from (an id the page makes, no cookie). */
  readonly pageId: string;
  /** The form's question box or a help page's search; absent (older items): the form. */
  readonly source?: 'form' | 'help' | undefined;
  readonly language: 'lv' | 'en';
  /** The question with personal data replaced by marks. */
  readonly text: string;
  /** Its search terms, unique and sorted: the same question in other words groups with it. */
  readonly normalised: string;
  /** The best answer's topic; absent when nothing answered. */
  readonly topic?: string | undefined;
  /** Best first; empty when nothing answered. */
  readonly answers: readonly ShownAnswer[];
  /** ISO 8601. */
  readonly loggedAt: string;
  /** The Latvian calendar day of `loggedAt` (`YYYY-MM-DD`), the figures' period unit. */
  readonly logDay: string;
  readonly feedback?: QuestionFeedback | undefined;
  /**
   * Erased with a data subject it named: `text` and `normalised` are empty; it still counts as asked
   * (and unanswered, helpful…) but groups with no other question.
   */
  readonly erased?: boolean | undefined;
  /**
   * The data-subject keys (keyed pseudonyms, `subjectKey`) of the email addresses and phone numbers
   * taken out of the question: the log links the question to them (`SUBJECT#<key>` /
   * `QUESTION#<id>`) in the same write, so that erasure of the subject finds and deletes it. Written
   * only; the log's reads do not return it.
   */
  readonly subjectKeys?: readonly string[] | undefined;
}

/** A page load from which at least one question was asked. */
export interface LoggedPage {
  readonly pageId: string;
  /** As its questions' `source`: a help page has no form, so it is no page of the deflection. */
  readonly source?: 'form' | 'help' | undefined;
  /** When its first question was asked, and that day. */
  readonly loggedAt: string;
  readonly logDay: string;
  readonly questions: number;
  /** The topics of its questions' best answers. */
  readonly topics: readonly string[];
  /** When a request was submitted from the page, if one was. */
  readonly requestSubmittedAt?: string | undefined;
}

/** What the log holds for a period, for the figures. */
export interface QuestionLogPeriod {
  readonly questions: readonly LoggedQuestion[];
  readonly pages: readonly LoggedPage[];
  /** The period held more than the read's limit: the figures cover the first part. */
  readonly truncated: boolean;
}

/**
 * A period's counts of the assistant for the service figures (§26): kept per day as the log is
 * written, with no words of any client, and not expired with the log (the statistics outlive the
 * questions, as the pseudonymised tickets' figures do).
 */
export interface QuestionDayCounts {
  /** Questions asked, from the form and the help pages. */
  readonly asked: number;
  /** Of them, those nothing answered. */
  readonly unanswered: number;
  /** Form pages (not help pages) that asked, on the day of their first question. */
  readonly formPages: number;
  /** Of them, those a request was then submitted from (the assistant did not deflect it). */
  readonly formPagesWithRequest: number;
}

/** What became of feedback: recorded, or why not. */
export type FeedbackOutcome = 'recorded' | 'unknownQuestion' | 'articleNotShown';

export interface QuestionLog {
  /** Stores the question and counts it on its page (which it creates with the first question). */
  recordQuestion(question: LoggedQuestion): Promise<void>;
  /**
   * Records (or replaces) the feedback on a question; not when no such question is logged, nor when
   * it names an article the question was not answered with.
   */
  recordFeedback(questionId: string, feedback: QuestionFeedback): Promise<FeedbackOutcome>;
  /** Marks a page a request was submitted from: false when no question was asked from it. */
  markRequestSubmitted(pageId: string, at: string): Promise<boolean>;
  /**
   * The questions and pages of the days `fromDay`..`toDay` (inclusive), at most `limit` items;
   * none past its expiry at `now` (TTL deletes them up to two days late).
   */
  period(fromDay: string, toDay: string, limit: number, now: Date): Promise<QuestionLogPeriod>;
  /** The counts of the days `fromDay`..`toDay` (inclusive), summed; the same after the log expires. */
  dayCounts(fromDay: string, toDay: string): Promise<QuestionDayCounts>;
}
