/**
 * The service-quality figures as the admin page asks for them (`GET /api/staff/analytics`, the
 * brief's "Analytics API"): the query the pickers make, the answer's shape checked before anything
 * is shown (like every staff API answer), and the same query as CSV.
 */
import * as z from 'zod/mini';
import type { CsvDownload, Result, StaffApi } from '../api.ts';

export const channels = ['web', 'email', 'postal', 'phone'] as const;
export type Channel = (typeof channels)[number];
export const granularities = ['day', 'week', 'month'] as const;
export type Granularity = (typeof granularities)[number];

/** What the pickers hold: local dates (`YYYY-MM-DD`, inclusive); empty unit or channel: all. */
export interface FiguresQuery {
  readonly from: string;
  readonly to: string;
  readonly competence: string;
  readonly channel: '' | Channel;
  readonly granularity: Granularity;
}

const durationSchema = z.object({
  median: z.nullable(z.number()),
  p90: z.nullable(z.number()),
  count: z.number(),
});

const channelSchema = z.enum(channels);

export const figuresRowSchema = z.object({
  period: z.nullable(z.string()),
  periodEnd: z.nullable(z.string()),
  competence: z.nullable(z.string()),
  channel: z.nullable(channelSchema),
  received: z.number(),
  answered: z.number(),
  closed: z.number(),
  backlogAtEnd: z.number(),
  firstResponseDays: durationSchema,
  answerDays: durationSchema,
  answeredByDeadline: z.number(),
  deadlineCompliance: z.nullable(z.number()),
  overdue: z.number(),
  extensions: z.number(),
  reroutes: z.number(),
  taken: z.number(),
  takenOutOfOrder: z.number(),
  surveys: z.object({
    invited: z.number(),
    responses: z.number(),
    responseRate: z.nullable(z.number()),
    satisfactionMean: z.nullable(z.number()),
    satisfaction: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]),
    answeredYes: z.number(),
    answeredPartly: z.number(),
    answeredNo: z.number(),
    answeredYesShare: z.nullable(z.number()),
  }),
});

export const serviceFiguresSchema = z.object({
  from: z.string(),
  to: z.string(),
  granularity: z.enum(granularities),
  competences: z.array(z.string()),
  channel: z.nullable(channelSchema),
  today: z.string(),
  rows: z.array(figuresRowSchema),
  assistant: z.object({
    asked: z.number(),
    unanswered: z.number(),
    deflection: z.nullable(z.number()),
    /** More questions than one read takes: the counts are "at least". */
    truncated: z.optional(z.boolean()),
  }),
  outOfOrder: z.array(
    z.object({
      reference: z.string(),
      competence: z.string(),
      takenAt: z.string(),
      assignee: z.string(),
      reason: z.string(),
      passedOver: z.optional(z.string()),
    }),
  ),
});

export type ServiceFigures = z.infer<typeof serviceFiguresSchema>;
export type FiguresRow = z.infer<typeof figuresRowSchema>;
export type OutOfOrderTake = ServiceFigures['outOfOrder'][number];

const path = '/api/staff/analytics';

/** The query's parameters as the API takes them: an empty unit or channel is left out. */
export function figuresParameters(query: FiguresQuery): Record<string, string> {
  return {
    from: query.from,
    to: query.to,
    ...(query.competence ? { competence: query.competence } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    granularity: query.granularity,
  };
}

export class FiguresApi {
  readonly #shell: { readonly api: StaffApi };

  /** Takes the shell, not its API: the views are made before the shell's API exists. */
  constructor(shell: { readonly api: StaffApi }) {
    this.#shell = shell;
  }

  figures(query: FiguresQuery): Promise<Result<ServiceFigures>> {
    return this.#shell.api.request(
      'GET',
      `${path}?${new URLSearchParams(figuresParameters(query))}`,
      serviceFiguresSchema,
    );
  }

  /** The same figures as the API's CSV (`format=csv`), with the bearer token. */
  csv(query: FiguresQuery): Promise<Result<CsvDownload>> {
    return this.#shell.api.csv(path, figuresParameters(query), 'courtdesk-figures.csv');
  }
}
