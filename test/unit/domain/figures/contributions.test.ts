import { describe, expect, it } from 'vitest';
import {
  contributionDifference,
  contributions,
  type FigureDelta,
  figureSourceKind,
  toContributionMap,
} from '../../../../shared/domain/figures/contributions.ts';

/** The day buckets only, as `<day> <unit>#<channel> <attribute>` → n. */
function daily(deltas: readonly FigureDelta[]): Record<string, number> {
  return Object.fromEntries(
    deltas
      .filter((delta) => delta.pk.startsWith('FIG#d#'))
      .map((delta) => [`${delta.pk.slice(6)} ${delta.sk} ${delta.attribute}`, delta.n]),
  );
}

const ticket = (fields: Record<string, unknown>) => ({
  pk: 'TICKET#TA-2026-000001',
  sk: 'TICKET',
  type: 'ticket',
  reference: 'TA-2026-000001',
  competence: 'civil',
  channel: 'web',
  status: 'new',
  // Tuesday 10 March 2026, 10:00 in Riga.
  receivedAt: '2026-03-10T08:00:00.000Z',
  storedAt: '2026-03-10T08:00:01.000Z',
  answerDeadline: '2026-04-10',
  ...fields,
});

const change = (from: string, to: string, at: string) => ({ from, to, by: 'agent.anna', at });

describe('figureSourceKind', () => {
  it('knows tickets, take records, survey responses and invitations, and nothing else', () => {
    expect(figureSourceKind(ticket({}))).toBe('ticket');
    expect(figureSourceKind({ pk: 'TAKES#civil#2026-03', sk: 'x', competence: 'civil' })).toBe('take');
    expect(figureSourceKind({ pk: 'TICKET#A', sk: 'SURVEY', type: 'survey' })).toBe('survey');
    expect(figureSourceKind({ pk: 'TICKET#A', sk: 'SURVEY#INVITATION', type: 'survey-invitation' })).toBe(
      'invitation',
    );
    for (const other of [
      { pk: 'OUTOFORDER#civil', sk: '2026-03-10T09:00:00.000Z#TA-1', competence: 'civil', inOrder: false },
      { pk: 'TICKET#A', sk: 'MESSAGE#1', type: 'message' },
      { pk: 'TICKET#A', sk: 'SURVEY#COMMENT', type: 'survey-comment' },
      { pk: 'TICKET#A', sk: 'OUTBOUND#x' },
      { pk: 'STATS#x', sk: 'STATS' },
      undefined,
    ])
      expect(figureSourceKind(other)).toBeUndefined();
    expect(contributions({ pk: 'TICKET#A', sk: 'MESSAGE#1', type: 'message' })).toEqual([]);
  });
});

describe('contributions of a ticket', () => {
  it('counts a new ticket received, in the backlog, and due on its deadline', () => {
    expect(daily(contributions(ticket({})))).toEqual({
      '2026-03-10 civil#web received': 1,
      '2026-03-10 civil#web backlog': 1,
      '2026-04-10 civil#web due': 1,
    });
  });

  it('adds each delta to the day, ISO week, month and year', () => {
    const deltas = contributions(ticket({}));
    expect(deltas.filter((delta) => delta.attribute === 'received').map((delta) => delta.pk)).toEqual([
      'FIG#d#2026-03-10',
      'FIG#m#2026-03-01',
      'FIG#w#2026-03-09',
      'FIG#y#2026-01-01',
    ]);
  });

  it('counts the answer, its working days, the first response and the deadline met', () => {
    const answered = ticket({
      status: 'answered',
      // First reply Wednesday, answered Monday 16 March (4 working days after Tuesday 10 March).
      firstResponseAt: '2026-03-11T09:00:00.000Z',
      statusChanges: [
        change('open', 'waiting-on-client', '2026-03-11T09:00:00.000Z'),
        change('waiting-on-client', 'open', '2026-03-12T09:00:00.000Z'),
        change('open', 'answered', '2026-03-16T09:00:00.000Z'),
      ],
      takenAt: '2026-03-10T09:00:00.000Z',
    });
    expect(daily(contributions(answered))).toEqual({
      '2026-03-10 civil#web received': 1,
      '2026-03-10 civil#web backlog': 1,
      '2026-03-11 civil#web frt_1': 1,
      '2026-03-16 civil#web answered': 1,
      '2026-03-16 civil#web answeredByDeadline': 1,
      '2026-03-16 civil#web ans_4': 1,
      '2026-03-16 civil#web backlog': -1,
      '2026-04-10 civil#web due': 1,
      '2026-04-10 civil#web dueMet': 1,
    });
  });

  it('falls back to the first change to answered or waiting-on-client for the first response', () => {
    const waiting = ticket({
      status: 'waiting-on-client',
      statusChanges: [change('open', 'waiting-on-client', '2026-03-13T09:00:00.000Z')],
    });
    expect(daily(contributions(waiting))).toMatchObject({ '2026-03-13 civil#web frt_3': 1 });
  });

  it('counts a reopening back into the backlog, the first answer once, and the last closing', () => {
    const closed = ticket({
      status: 'closed',
      statusChanges: [
        change('open', 'answered', '2026-03-11T09:00:00.000Z'),
        change('answered', 'open', '2026-03-20T09:00:00.000Z'),
        change('open', 'closed', '2026-03-23T09:00:00.000Z'),
        change('closed', 'open', '2026-03-24T09:00:00.000Z'),
        change('open', 'closed', '2026-03-25T09:00:00.000Z'),
      ],
    });
    const days = daily(contributions(closed));
    expect(days).toMatchObject({
      '2026-03-11 civil#web answered': 1,
      '2026-03-11 civil#web backlog': -1,
      '2026-03-20 civil#web backlog': 1,
      '2026-03-23 civil#web backlog': -1,
      '2026-03-24 civil#web backlog': 1,
      '2026-03-25 civil#web backlog': -1,
      '2026-03-25 civil#web closed': 1,
    });
    expect(Object.keys(days).filter((key) => key.endsWith(' answered'))).toHaveLength(1);
    expect(Object.keys(days).filter((key) => key.endsWith(' closed'))).toHaveLength(1);
  });

  it('counts no closing when the ticket was reopened after it', () => {
    const reopened = ticket({
      status: 'open',
      statusChanges: [
        change('open', 'closed', '2026-03-11T09:00:00.000Z'),
        change('closed', 'open', '2026-03-12T09:00:00.000Z'),
      ],
    });
    expect(Object.keys(daily(contributions(reopened))).some((key) => key.endsWith(' closed'))).toBe(false);
  });

  it('counts a status nobody recorded as a change at the client’s last message or when stored', () => {
    const unrecorded = ticket({ status: 'answered', lastClientMessageAt: '2026-03-12T09:00:00.000Z' });
    expect(daily(contributions(unrecorded))).toMatchObject({
      '2026-03-12 civil#web answered': 1,
      '2026-03-12 civil#web backlog': -1,
    });
    // Taken: `open` without a recorded change moves no counter.
    expect(daily(contributions(ticket({ status: 'open', takenAt: '2026-03-10T09:00:00.000Z' })))).toEqual(
      daily(contributions(ticket({}))),
    );
  });

  it('judges the answer, and its `due`, by the deadline in force when it was answered', () => {
    const late = ticket({
      status: 'answered',
      answerDeadline: '2026-05-11',
      deadlineExtensions: [
        {
          from: '2026-04-10',
          to: '2026-05-11',
          reason: 'Vajag laiku',
          by: 'agent.anna',
          at: '2026-04-20T09:00:00.000Z',
        },
      ],
      statusChanges: [change('open', 'answered', '2026-04-15T09:00:00.000Z')],
    });
    const days = daily(contributions(late));
    expect(days['2026-04-15 civil#web answered']).toBe(1);
    expect(days['2026-04-15 civil#web answeredByDeadline']).toBeUndefined();
    expect(days['2026-04-10 civil#web due']).toBe(1);
    expect(days['2026-04-10 civil#web dueMet']).toBeUndefined();
    expect(days['2026-05-11 civil#web due']).toBeUndefined();
    expect(days['2026-04-20 civil#web extensions']).toBe(1);
  });

  it('counts a ticket reopened by a follow-up due twice: by the old deadline, then by the new one', () => {
    const reopened = ticket({
      status: 'answered',
      // Overwritten by the reopening: the old one is kept in `reopenings`.
      answerDeadline: '2026-05-20',
      statusChanges: [
        change('open', 'answered', '2026-04-08T09:00:00.000Z'),
        { from: 'answered', to: 'open', by: 'client', at: '2026-04-21T09:00:00.000Z' },
        change('open', 'answered', '2026-05-25T09:00:00.000Z'),
      ],
      reopenings: [{ at: '2026-04-21T09:00:00.000Z', from: '2026-04-10', to: '2026-05-20' }],
    });
    const days = daily(contributions(reopened));
    expect(days['2026-04-08 civil#web answered']).toBe(1);
    expect(days['2026-04-08 civil#web answeredByDeadline']).toBe(1);
    expect(days['2026-04-10 civil#web due']).toBe(1);
    expect(days['2026-04-10 civil#web dueMet']).toBe(1);
    // The second answer was late for the new deadline; the first answer alone counts as answered.
    expect(days['2026-05-20 civil#web due']).toBe(1);
    expect(days['2026-05-20 civil#web dueMet']).toBeUndefined();
    expect(days['2026-05-25 civil#web answered']).toBeUndefined();
    // Still waiting after a reopening: due on the new deadline, not met.
    const waiting = daily(
      contributions({
        ...reopened,
        status: 'open',
        statusChanges: ((reopened as Record<string, unknown>).statusChanges as unknown[]).slice(0, 2),
      }),
    );
    expect(waiting['2026-04-10 civil#web dueMet']).toBe(1);
    expect(waiting['2026-05-20 civil#web due']).toBe(1);
    expect(waiting['2026-05-20 civil#web dueMet']).toBeUndefined();
  });

  it('counts no answer for a ticket closed by the end of service (§17), but settles the backlog', () => {
    const ended = ticket({
      status: 'closed',
      serviceEnded: { reason: 'r', by: 'agent.anna', at: '2026-03-20T09:00:00.000Z' },
      statusChanges: [change('open', 'closed', '2026-03-20T09:00:00.000Z')],
    });
    const days = daily(contributions(ended));
    expect(days['2026-03-20 civil#web answered']).toBeUndefined();
    expect(days['2026-03-20 civil#web answeredByDeadline']).toBeUndefined();
    expect(Object.keys(days).some((key) => key.includes(' ans_'))).toBe(false);
    expect(days['2026-04-10 civil#web due']).toBeUndefined();
    expect(days['2026-03-20 civil#web backlog']).toBe(-1);
    expect(days['2026-03-20 civil#web closed']).toBe(1);
    // Answered before the service ended: that answer counts.
    const answered = daily(
      contributions({
        ...ended,
        statusChanges: [
          change('open', 'answered', '2026-03-18T09:00:00.000Z'),
          change('answered', 'closed', '2026-03-20T09:00:00.000Z'),
        ],
      }),
    );
    expect(answered['2026-03-18 civil#web answered']).toBe(1);
    expect(answered['2026-04-10 civil#web dueMet']).toBe(1);
  });

  it('counts in the current unit, and each reroute in the unit left', () => {
    const moved = ticket({
      competence: 'criminal',
      reroutes: [
        { from: 'civil', to: 'land', reason: 'r', by: 'a', at: '2026-03-11T09:00:00.000Z' },
        { from: 'land', to: 'criminal', reason: 'r', by: 'a', at: '2026-03-12T09:00:00.000Z' },
      ],
    });
    expect(daily(contributions(moved))).toEqual({
      '2026-03-10 criminal#web received': 1,
      '2026-03-10 criminal#web backlog': 1,
      '2026-03-11 civil#web reroutes': 1,
      '2026-03-12 land#web reroutes': 1,
      '2026-04-10 criminal#web due': 1,
    });
  });

  it('leaves out a ticket without the fields it is counted by', () => {
    expect(contributions(ticket({ channel: 'fax' }))).toEqual([]);
    expect(contributions(ticket({ receivedAt: 'yesterday' }))).toEqual([]);
  });
});

describe('contributions of takes and surveys', () => {
  it('counts a take (out of order too) in the unit, without a channel', () => {
    const take = {
      pk: 'TAKES#civil#2026-03',
      sk: '2026-03-10T09:00:00.000Z#TA-1',
      reference: 'TA-1',
      competence: 'civil',
      assignee: 'agent.anna',
      takenAt: '2026-03-10T09:00:00.000Z',
      receivedAt: '2026-03-10T08:00:00.000Z',
      inOrder: false,
      reason: 'Steidzami',
    };
    expect(daily(contributions(take))).toEqual({
      '2026-03-10 civil#- taken': 1,
      '2026-03-10 civil#- takenOutOfOrder': 1,
    });
    expect(daily(contributions({ ...take, inOrder: true }))).toEqual({ '2026-03-10 civil#- taken': 1 });
  });

  it('counts a response on the day of its first version, with its latest answers', () => {
    const survey = {
      pk: 'TICKET#TA-1',
      sk: 'SURVEY',
      type: 'survey',
      reference: 'TA-1',
      competence: 'civil',
      channel: 'email',
      language: 'lv',
      satisfaction: 2,
      answered: 'partly',
      respondedAt: '2026-03-20T09:00:00.000Z',
      updatedAt: '2026-03-25T09:00:00.000Z',
      version: 2,
    };
    expect(daily(contributions(survey))).toEqual({
      '2026-03-20 civil#email responses': 1,
      '2026-03-20 civil#email sat_2': 1,
      '2026-03-20 civil#email ansPartly': 1,
    });
  });

  it('counts an invitation on the day it was given', () => {
    const invitation = {
      pk: 'TICKET#TA-1',
      sk: 'SURVEY#INVITATION',
      type: 'survey-invitation',
      reference: 'TA-1',
      competence: 'civil',
      channel: 'postal',
      invitedAt: '2026-03-20T22:30:00.000Z',
      via: 'letter',
      outboundId: 'o-1',
    };
    // 22:30 UTC is past midnight in Riga (UTC+2 in March).
    expect(daily(contributions(invitation))).toEqual({ '2026-03-21 civil#postal invited': 1 });
  });
});

describe('contribution maps', () => {
  it('differ by attribute, leaving out what stays', () => {
    const before = toContributionMap(contributions(ticket({})));
    const after = toContributionMap(
      contributions(
        ticket({
          status: 'answered',
          statusChanges: [change('open', 'answered', '2026-03-11T09:00:00.000Z')],
        }),
      ),
    );
    const difference = contributionDifference(before, after);
    expect(difference['FIG#d#2026-03-10|civil#web|received']).toBeUndefined();
    expect(difference['FIG#d#2026-03-11|civil#web|answered']).toBe(1);
    expect(difference['FIG#d#2026-03-11|civil#web|backlog']).toBe(-1);
    expect(contributionDifference(after, before)['FIG#d#2026-03-11|civil#web|answered']).toBe(-1);
    expect(contributionDifference(after, after)).toEqual({});
  });
});
