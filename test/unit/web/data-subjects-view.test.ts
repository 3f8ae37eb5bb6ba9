/**
 * The admin page's _Datu subjekti_ view without a browser: the query a filled-in form makes and
 * what keeps it from being sent, the counts and the erasure plan worked out from a search answer
 * (shaped by the contract's own schema), a legal hold replaced in the found records, the route
 * kept out of the address, and who sees the view — a data protection officer only, and a person
 * who is nothing but one starts there.
 */
import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../../../shared/domain/staff.ts';
import type { MeResponse } from '../../../shared/http/staff-contract.ts';
import {
  type DataSubjectSearchResponse,
  dataSubjectSearchResponseSchema,
} from '../../../shared/use-cases/views/data-subjects.ts';
import {
  emptySubjectForm,
  erasesAnything,
  erasurePlan,
  foundCounts,
  queryProblems,
  referencesOf,
  subjectQuery,
  withLegalHold,
} from '../../../web/src/admin/data-subjects/model.ts';
import { abilitiesOf, allowedRoute, hasAnyView, homeRoute } from '../../../web/src/admin/navigation.ts';
import { addressOf, routeFromAddress } from '../../../web/src/admin/routes.ts';
import { type TextKey, text } from '../../../web/src/admin/texts.ts';

const t = (key: TextKey, values?: Readonly<Record<string, string>>) => text('en', key, values);

const hold = { reason: 'Court case C-123/2026', by: 'dpo', at: '2026-12-01T10:00:00.000Z' };

/** A search answer as the staff API gives it: three tickets (one held, one erased) and a question. */
function aSearchAnswer(): DataSubjectSearchResponse {
  const ticket = (reference: string) => ({
    reference,
    competence: 'court-fees',
    channel: 'email',
    receivedAt: '2026-11-02T08:30:00.000Z',
    status: 'answered',
    legalHold: null,
    client: { name: 'Anna Bērziņa', email: 'anna@example.lv' },
    subject: 'Valsts nodeva',
    messages: [
      { id: 'm1', kind: 'client', at: '2026-11-02T08:30:00.000Z' },
      { id: 'm2', kind: 'reply', at: '2026-11-03T09:00:00.000Z' },
    ],
    files: [{ kind: 'attachment', name: 'kvits.pdf', contentType: 'application/pdf', size: 2048 }],
    survey: { satisfaction: 4, answered: 'yes' },
  });
  return dataSubjectSearchResponseSchema.parse({
    tickets: [
      ticket('TA-2026-000101'),
      { ...ticket('TA-2026-000102'), legalHold: hold },
      {
        ...ticket('TA-2026-000103'),
        erasedAt: '2026-12-02T12:00:00.000Z',
        client: undefined,
        subject: undefined,
        messages: [],
        files: [],
        survey: null,
      },
    ],
    questions: [{ id: 'q1', askedAt: '2026-11-01T07:00:00.000Z', text: 'Kā atgūt nodevu? [e-pasts]' }],
    matchedBy: ['email'],
  });
}

describe('the data subject query from the form', () => {
  it('leaves empty fields out, trims, and reads request numbers off a line in capitals, each once', () => {
    // Act
    const query = subjectQuery({
      ...emptySubjectForm,
      email: '  anna@example.lv ',
      references: 'ta-2026-000101, TA-2026-000102;TA-2026-000101  ',
    });

    // Assess
    expect(query).toEqual({ email: 'anna@example.lv', references: ['TA-2026-000101', 'TA-2026-000102'] });
    expect(referencesOf('   ')).toEqual([]);
  });

  it('sends a name with its postal address, the country only when given', () => {
    const form = {
      ...emptySubjectForm,
      name: 'Anna Bērziņa',
      addressLine: 'Brīvības iela 12-3',
      place: 'Rīga',
      postalCode: 'LV-1050',
    };
    const query = subjectQuery(form);
    expect(query).toEqual({
      name: 'Anna Bērziņa',
      postalAddress: { addressLine: 'Brīvības iela 12-3', place: 'Rīga', postalCode: 'LV-1050' },
    });
    expect(queryProblems(form, t)).toEqual([]);
  });

  it('refuses an empty form, a name without address, an address without name, a malformed number', () => {
    expect(queryProblems(emptySubjectForm, t)).toEqual([
      { field: 'email', message: t('dataSubjects.error.nothing') },
    ]);
    expect(queryProblems({ ...emptySubjectForm, name: 'Anna Bērziņa' }, t)).toEqual([
      { field: 'postalAddress.addressLine', message: t('dataSubjects.error.nameWithoutAddress') },
    ]);
    const addressOnly = queryProblems({ ...emptySubjectForm, place: 'Rīga' }, t);
    expect(addressOnly).toContainEqual({
      field: 'name',
      message: t('dataSubjects.error.addressWithoutName'),
    });
    // The rest of the address is still missing, said at its own fields.
    expect(addressOnly.map((problem) => problem.field)).toEqual(
      expect.arrayContaining(['postalAddress.addressLine', 'postalAddress.postalCode']),
    );
    expect(queryProblems({ ...emptySubjectForm, references: 'TA-2026-000101 12345' }, t)).toEqual([
      { field: 'references', message: t('dataSubjects.error.reference', { reference: '12345' }) },
    ]);
  });

  it('refuses what the contract refuses, at the field the staff API names', () => {
    const problems = queryProblems({ ...emptySubjectForm, email: `a@${'x'.repeat(300)}` }, t);
    expect(problems).toEqual([{ field: 'email', message: t('error.tooLong') }]);
  });
});

describe('what was found', () => {
  it('counts tickets, holds, erased tickets, messages, files, surveys and questions', () => {
    expect(foundCounts(aSearchAnswer())).toEqual({
      tickets: 3,
      held: 1,
      erased: 1,
      messages: 4,
      files: 2,
      surveys: 2,
      questions: 1,
    });
  });

  it('plans the erasure: the free tickets erased, the erased ones skipped, the held listed with the reason', () => {
    // Act
    const plan = erasurePlan(aSearchAnswer());

    // Assess
    expect(plan).toEqual({
      erase: ['TA-2026-000101'],
      already: ['TA-2026-000103'],
      held: [{ reference: 'TA-2026-000102', reason: hold.reason }],
      questions: 1,
    });
    expect(erasesAnything(plan)).toBe(true);
  });

  it('plans to erase again a ticket an erasure claimed and did not finish, and says so in both languages', () => {
    const found = aSearchAnswer();
    const [free] = found.tickets;
    const stuck = dataSubjectSearchResponseSchema.parse({
      ...found,
      tickets: [{ ...free, erasing: '2026-12-02T11:00:00.000Z' }],
    });

    expect(stuck.tickets[0]?.erasing).toBe('2026-12-02T11:00:00.000Z');
    expect(erasurePlan(stuck).erase).toEqual(['TA-2026-000101']);
    expect(text('lv', 'dataSubjects.ticket.erasing', { at: '2.12.2026' })).toContain('2.12.2026');
    expect(t('dataSubjects.ticket.erasing', { at: '2.12.2026' })).toContain('Erase again');
  });

  it('has nothing to erase when every ticket is held or erased and no question named the person', () => {
    const answer = aSearchAnswer();
    const held = withLegalHold({ ...answer, questions: [] }, 'TA-2026-000101', hold);
    expect(erasesAnything(erasurePlan(held))).toBe(false);
  });

  it('replaces one ticket’s legal hold, leaving the others and the answer untouched', () => {
    // Prepare
    const answer = aSearchAnswer();

    // Act
    const lifted = withLegalHold(answer, 'TA-2026-000102', null);

    // Assess
    expect(lifted.tickets.map((ticket) => ticket.legalHold)).toEqual([null, null, null]);
    expect(answer.tickets[1]?.legalHold).toEqual(hold);
    expect(withLegalHold(answer, 'TA-2026-000101', hold).tickets[0]?.legalHold).toEqual(hold);
  });
});

describe('who sees Datu subjekti', () => {
  const me = (roles: StaffRole[], units: MeResponse['competences'] = []): MeResponse => ({
    username: 'someone',
    roles,
    competences: units,
    units: [],
    sessionExpiresAt: '2026-12-07T20:00:00.000Z',
    idleTimeoutMinutes: 30,
  });
  const route = { kind: 'data-subjects' } as const;

  it('is the data protection officer’s only view, where they start', () => {
    const dpo = abilitiesOf(me(['dpo']));
    expect(dpo).toEqual({
      tickets: false,
      audits: false,
      mailroom: false,
      supervises: false,
      edits: false,
      questions: false,
      figures: false,
      feedback: false,
      dataSubjects: true,
    });
    expect(hasAnyView(dpo)).toBe(true);
    expect(homeRoute(dpo)).toEqual(route);
    expect(allowedRoute(route, dpo)).toEqual(route);
    expect(allowedRoute({ kind: 'worklist', view: 'queue' }, dpo)).toEqual(route);
    expect(allowedRoute({ kind: 'audit' }, dpo)).toEqual(route);
  });

  it('is never shown to any other role', () => {
    const supervisor = [{ id: 'court-fees' as const, name: { lv: 'N', en: 'F' }, supervisor: true }];
    for (const roles of [
      ['agent'],
      ['supervisor'],
      ['mailroom'],
      ['auditor'],
      ['admin'],
      ['editor'],
    ] as const) {
      const can = abilitiesOf(
        me([...roles], roles[0] === 'agent' || roles[0] === 'supervisor' ? supervisor : []),
      );
      expect(can.dataSubjects, roles[0]).toBe(false);
      expect(allowedRoute(route, can), roles[0]).not.toEqual(route);
    }
    expect(abilitiesOf(undefined).dataSubjects).toBe(false);
  });

  it('has an address with no one’s data in it, read back to the same view', () => {
    const address = addressOf(route, 'lv');
    expect(address).toBe('/admin/?view=data-subjects&lang=lv');
    expect(routeFromAddress(new URL(address, 'https://courtdesk.example'))).toEqual(route);
  });
});
