/**
 * The assistant's figures for supervisors and editors (§26): what clients ask most, what the
 * knowledge base leaves unanswered (no answer, or "Nē"), and how often a question ends in a request
 * anyway — the deflection rate, pages with a question and no request of the pages with a question
 * — per topic, over a period of days. Read from the question log's days; reading it is audited.
 */
import { csvLine } from '../domain/audit-query.ts';
import { accessDenied, invalidFields } from '../domain/refused.ts';
import type { StaffRole } from '../domain/staff.ts';
import { addDays, localDate } from '../domain/working-days.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { LoggedPage, LoggedQuestion, QuestionLog } from '../ports/question-log.ts';
import { type CsvFile, csvWithin } from './audit-csv.ts';
import { recordRead, type StaffCaller } from './staff-audit.ts';
import type { QuestionFigures, QuestionGroup, TopicFigures } from './views/assistant.ts';

export interface QuestionFiguresDeps {
  readonly questionLog: QuestionLog;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

export interface QuestionFiguresQuery {
  /** `YYYY-MM-DD`, inclusive; default: 30 days before `to`. */
  readonly from?: string | undefined;
  /** `YYYY-MM-DD`, inclusive; default: today (Riga). */
  readonly to?: string | undefined;
  readonly topic?: string | undefined;
}

/** The roles that may read the question log. */
export const questionLogReaders: readonly string[] = ['supervisor', 'editor', 'admin'];
/** The longest period one request reads, in days. */
export const maximumPeriodDays = 92;
/** Items of the log one request reads at most. */
export const maximumLogItems = 20_000;
/** Groups listed in each of the two lists of the JSON answer (the CSV has them all). */
const listedGroups = 50;

export function assertQuestionLogReader(caller: StaffCaller): void {
  if (!caller.roles.some((role: StaffRole | string) => questionLogReaders.includes(role)))
    throw accessDenied();
}

const realDate = (day: string) => {
  const parsed = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(parsed) && new Date(parsed).toISOString().slice(0, 10) === day;
};

/** The period asked for, with its defaults; refused (400) when not real dates, reversed or too long. */
export function periodOf(query: QuestionFiguresQuery, clock: Clock): { from: string; to: string } {
  const to = query.to ?? localDate(clock.now());
  if (!realDate(to)) throw invalidFields([{ field: 'to', key: 'staff.deadline.dateInvalid' }]);
  const from = query.from ?? addDays(to, -29);
  if (!realDate(from)) throw invalidFields([{ field: 'from', key: 'staff.deadline.dateInvalid' }]);
  if (from > to) throw invalidFields([{ field: 'from', key: 'staff.audit.order' }]);
  if (addDays(from, maximumPeriodDays - 1) < to)
    throw invalidFields([
      { field: 'from', key: 'staff.audit.span', values: { days: String(maximumPeriodDays) } },
    ]);
  return { from, to };
}

interface Tally {
  asked: number;
  unanswered: number;
  notHelpful: number;
  helpful: number;
}

const unansweredOf = (question: LoggedQuestion) => question.answers.length === 0;
const notHelpfulOf = (question: LoggedQuestion) => question.feedback?.helpful === false;

function groupsOf(questions: readonly LoggedQuestion[]): QuestionGroup[] {
  const groups = new Map<string, Tally & { example: LoggedQuestion }>();
  for (const question of questions) {
    // An erased question has no words left to group by: counted in the totals, listed in no group.
    if (question.erased) continue;
    // A question of stopwords only groups by its text.
    const key = question.normalised || question.text.trim().toLowerCase();
    const group = groups.get(key) ?? {
      asked: 0,
      unanswered: 0,
      notHelpful: 0,
      helpful: 0,
      example: question,
    };
    group.asked += 1;
    if (unansweredOf(question)) group.unanswered += 1;
    if (notHelpfulOf(question)) group.notHelpful += 1;
    if (question.feedback?.helpful === true) group.helpful += 1;
    if (question.loggedAt >= group.example.loggedAt) group.example = question;
    groups.set(key, group);
  }
  return [...groups].map(([normalised, { example, ...tally }]) => ({
    normalised,
    example: example.text,
    ...(example.topic ? { topic: example.topic } : {}),
    ...tally,
  }));
}

function topicFigures(
  topic: string | undefined,
  questions: readonly LoggedQuestion[],
  pages: readonly LoggedPage[],
): TopicFigures {
  const withRequest = pages.filter((page) => page.requestSubmittedAt !== undefined).length;
  return {
    ...(topic ? { topic } : {}),
    questions: questions.length,
    unanswered: questions.filter(unansweredOf).length,
    notHelpful: questions.filter(notHelpfulOf).length,
    pages: pages.length,
    pagesWithRequest: withRequest,
    deflectionRate:
      pages.length === 0 ? null : Math.round(((pages.length - withRequest) / pages.length) * 1000) / 1000,
  };
}

async function figuresOf(deps: QuestionFiguresDeps, query: QuestionFiguresQuery) {
  const { from, to } = periodOf(query, deps.clock);
  const period = await deps.questionLog.period(from, to, maximumLogItems, deps.clock.now());
  const topic = query.topic;
  const questions = topic
    ? period.questions.filter((question) => question.topic === topic)
    : period.questions;
  // A help page has no form to write from: its questions count, its page is no deflection.
  const formPages = period.pages.filter((page) => page.source !== 'help');
  const pages = topic ? formPages.filter((page) => page.topics.includes(topic)) : formPages;
  const topics = [...new Set(questions.map((question) => question.topic))].sort((a, b) =>
    (a ?? '\uffff').localeCompare(b ?? '\uffff'),
  );
  const byTopic = topics.map((name) =>
    topicFigures(
      name,
      questions.filter((question) => question.topic === name),
      // Pages count under each topic they asked about; pages that asked only unanswered questions
      // count under no topic.
      pages.filter((page) => (name ? page.topics.includes(name) : page.topics.length === 0)),
    ),
  );
  const groups = groupsOf(questions);
  return { from, to, topic, questions, pages, byTopic, groups, truncated: period.truncated };
}

/** The figures as JSON, recorded as a read of the log. */
export async function questionFigures(
  deps: QuestionFiguresDeps,
  caller: StaffCaller,
  query: QuestionFiguresQuery,
): Promise<QuestionFigures> {
  assertQuestionLogReader(caller);
  const figures = await figuresOf(deps, query);
  await recordRead(deps, caller, {
    eventName: 'ListAssistantQuestions',
    requestParameters: {
      from: figures.from,
      to: figures.to,
      ...(figures.topic ? { topic: figures.topic } : {}),
    },
    responseElements: { questions: figures.questions.length, truncated: figures.truncated },
  });
  const byCount = (a: QuestionGroup, b: QuestionGroup) =>
    b.asked - a.asked || a.normalised.localeCompare(b.normalised);
  const misses = (group: QuestionGroup) => group.unanswered + group.notHelpful;
  return {
    from: figures.from,
    to: figures.to,
    ...(figures.topic ? { topic: figures.topic } : {}),
    totals: topicFigures(undefined, figures.questions, figures.pages),
    topics: figures.byTopic,
    topQuestions: [...figures.groups].sort(byCount).slice(0, listedGroups),
    unanswered: figures.groups
      .filter((group) => misses(group) > 0)
      .sort((a, b) => misses(b) - misses(a) || byCount(a, b))
      .slice(0, listedGroups),
    truncated: figures.truncated,
  };
}

export const questionCsvColumns = [
  'kind',
  'topic',
  'normalised',
  'example',
  'asked',
  'unanswered',
  'notHelpful',
  'helpful',
  'pages',
  'pagesWithRequest',
  'deflectionRate',
] as const;

/**
 * The figures as a CSV file: a row per topic (`kind` = topic), then every question group, most asked
 * first. Cells are quoted and a leading `=`, `+`, `-`, `@` is defused, as the audit CSV does: the
 * examples are clients' words.
 */
export async function exportQuestionFigures(
  deps: QuestionFiguresDeps,
  caller: StaffCaller,
  query: QuestionFiguresQuery,
): Promise<CsvFile> {
  assertQuestionLogReader(caller);
  const figures = await figuresOf(deps, query);
  type Row = { kind: 'topic'; figures: TopicFigures } | { kind: 'question'; group: QuestionGroup };
  const rows: Row[] = [
    ...figures.byTopic.map((topic): Row => ({ kind: 'topic', figures: topic })),
    ...figures.groups
      .sort((a, b) => b.asked - a.asked || a.normalised.localeCompare(b.normalised))
      .map((group): Row => ({ kind: 'question', group })),
  ];
  const csv = csvWithin(questionCsvColumns, rows, (row) =>
    row.kind === 'topic'
      ? csvLine([
          'topic',
          row.figures.topic ?? '',
          '',
          '',
          row.figures.questions,
          row.figures.unanswered,
          row.figures.notHelpful,
          '',
          row.figures.pages,
          row.figures.pagesWithRequest,
          row.figures.deflectionRate ?? '',
        ])
      : csvLine([
          'question',
          row.group.topic ?? '',
          row.group.normalised,
          row.group.example,
          row.group.asked,
          row.group.unanswered,
          row.group.notHelpful,
          row.group.helpful,
          '',
          '',
          '',
        ]),
  );
  await recordRead(deps, caller, {
    eventName: 'ExportAssistantQuestions',
    requestParameters: {
      from: figures.from,
      to: figures.to,
      ...(figures.topic ? { topic: figures.topic } : {}),
    },
    responseElements: { rows: csv.rows, truncated: figures.truncated || csv.cut },
  });
  return {
    filename: `assistant-questions-${figures.from}-${figures.to}.csv`,
    text: csv.text,
    rows: csv.rows,
  };
}
