/**
 * The service-quality figures as staff see them (§26, §27; `GET /api/staff/analytics`): per
 * period, unit and channel — what came in, how fast it was answered, deadlines, fairness of the
 * queue and the clients' surveys — and the assistant's figures for the range.
 */
import * as z from 'zod/mini';

export const figureChannelView = z.enum(['web', 'email', 'postal', 'phone']);
export const granularityView = z.enum(['day', 'week', 'month']);

/** Durations in whole working days: the median and the 90th percentile (nearest rank) of `count`. */
export const durationFiguresView = z.object({
  median: z.nullable(z.number()),
  p90: z.nullable(z.number()),
  count: z.number(),
});

export const figuresRowView = z.object({
  /** The period's first day (clipped to `from`); null: the whole range. */
  period: z.nullable(z.string()),
  /** The period's last day (clipped to `to`). */
  periodEnd: z.nullable(z.string()),
  /** null: every included unit together. */
  competence: z.nullable(z.string()),
  /** null: every channel together. */
  channel: z.nullable(figureChannelView),
  received: z.number(),
  answered: z.number(),
  closed: z.number(),
  /** Tickets still to answer at the end of the period. */
  backlogAtEnd: z.number(),
  firstResponseDays: durationFiguresView,
  answerDays: durationFiguresView,
  answeredByDeadline: z.number(),
  /** answeredByDeadline / answered, 0–1; null when nothing was answered. */
  deadlineCompliance: z.nullable(z.number()),
  /** Deadlines of the period's days before today passed unanswered. */
  overdue: z.number(),
  extensions: z.number(),
  reroutes: z.number(),
  /** Takes from the units' queues: on rows with channel null only (else 0). */
  taken: z.number(),
  takenOutOfOrder: z.number(),
  surveys: z.object({
    invited: z.number(),
    responses: z.number(),
    responseRate: z.nullable(z.number()),
    satisfactionMean: z.nullable(z.number()),
    /** Responses with satisfaction 1, 2, 3, 4, 5. */
    satisfaction: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]),
    answeredYes: z.number(),
    answeredPartly: z.number(),
    answeredNo: z.number(),
    answeredYesShare: z.nullable(z.number()),
  }),
});
export type FiguresRow = z.infer<typeof figuresRowView>;

export const outOfOrderTakeView = z.object({
  reference: z.string(),
  competence: z.string(),
  takenAt: z.string(),
  assignee: z.string(),
  reason: z.string(),
  passedOver: z.optional(z.string()),
});
export type OutOfOrderTake = z.infer<typeof outOfOrderTakeView>;

export const serviceFiguresSchema = z.object({
  from: z.string(),
  to: z.string(),
  granularity: granularityView,
  /** The units included. */
  competences: z.array(z.string()),
  channel: z.nullable(figureChannelView),
  /** Today in Riga: "overdue" counts the days before it. */
  today: z.string(),
  /** The whole range's rows first (period null), then each period's, oldest first. */
  rows: z.array(figuresRowView),
  /** The assistant's questions in the range, all units: deflection = form pages with no request. */
  assistant: z.object({
    asked: z.number(),
    unanswered: z.number(),
    deflection: z.nullable(z.number()),
    /** The range held more of the log than one read takes: the figures are lower bounds ("at least"). */
    truncated: z.boolean(),
  }),
  /** Takes out of the queue's order in the range, newest first, at most 100. */
  outOfOrder: z.array(outOfOrderTakeView),
});
export type ServiceFigures = z.infer<typeof serviceFiguresSchema>;
