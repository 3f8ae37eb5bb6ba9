import { describe, expect, it } from 'vitest';
import { answerDeadlineRules } from '../../../shared/domain/calendar-config.ts';
import {
  answerDeadlineRulesOf,
  competences,
  findCompetence,
  findCompetenceByAddress,
  isCompetenceId,
  replyDomain,
  triageCompetence,
} from '../../../shared/domain/competences.ts';

describe('competence catalogue', () => {
  it('has the units of a court administration, the triage unit last', () => {
    expect(competences.map((competence) => competence.id)).toEqual([
      'court-fees',
      'e-services',
      'legal-aid',
      'maintenance-fund',
      'insolvency',
      'certificates-archive',
      'data-protection',
      'general',
    ]);
  });

  it('gives every unit its own id, reply address and staff groups', () => {
    for (const key of ['id', 'replyFrom', 'staffGroup', 'supervisorsGroup'] as const) {
      const values = competences.map((competence) => competence[key]);
      expect(new Set(values).size, key).toBe(values.length);
    }
  });

  it.each(competences)('describes $id completely in Latvian and English', (competence) => {
    expect(competence.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    for (const text of [competence.name, competence.description, competence.answerDeadline.basis]) {
      expect(text.lv.trim()).not.toBe('');
      expect(text.en.trim()).not.toBe('');
    }
    // Lower case, so that routing by recipient and the sender of replies agree on one spelling.
    expect(competence.replyFrom).toMatch(new RegExp(`^[a-z0-9-]+@${replyDomain.replaceAll('.', '\\.')}$`));
    expect(competence.staffGroup).toBe(`competence-${competence.id}`);
    expect(competence.supervisorsGroup).toBe(`competence-${competence.id}-supervisors`);
    expect(Number.isInteger(competence.firstResponseWorkingDays)).toBe(true);
    expect(competence.firstResponseWorkingDays).toBeGreaterThanOrEqual(1);
    expect(competence.answerDeadline.kind).toBe('calendar-months');
    expect(competence.answerDeadline.months).toBeGreaterThanOrEqual(1);
    expect(competence.answerDeadline.maximumMonths).toBeGreaterThanOrEqual(competence.answerDeadline.months);
  });

  it('answers within the legal default of one month, extensible to four (Iesniegumu likums §5)', () => {
    const courtFees = findCompetence('court-fees');
    expect(courtFees?.answerDeadline).toMatchObject({ kind: 'calendar-months', months: 1, maximumMonths: 4 });
    expect(answerDeadlineRulesOf(courtFees!)).toEqual(answerDeadlineRules);
  });

  it('lets data protection extend only to three months (GDPR art. 12(3))', () => {
    const dataProtection = findCompetence('data-protection')!;
    expect(dataProtection.answerDeadline).toMatchObject({ months: 1, maximumMonths: 3 });
    expect(dataProtection.answerDeadline.basis.en).toContain('12(3)');
    expect(answerDeadlineRulesOf(dataProtection)).toEqual({ answerMonths: 1, maximumAnswerMonths: 3 });
  });

  it('never allows an extension beyond the Submissions Law maximum', () => {
    for (const competence of competences) {
      expect(competence.answerDeadline.maximumMonths).toBeLessThanOrEqual(
        answerDeadlineRules.maximumAnswerMonths,
      );
    }
  });

  it('sends what no rule recognises to general enquiries', () => {
    expect(triageCompetence.id).toBe('general');
    expect(findCompetence('general')).toBe(triageCompetence);
  });
});

describe('finding a competence', () => {
  it('by id', () => {
    expect(findCompetence('insolvency')?.name.lv).toBe('Maksātnespējas procesu uzraudzība');
    expect(findCompetence('unknown')).toBeUndefined();
    expect(isCompetenceId('legal-aid')).toBe(true);
    expect(isCompetenceId('Legal-Aid')).toBe(false);
  });

  it('by reply address, ignoring case and surrounding space', () => {
    expect(findCompetenceByAddress(` NODEVAS@${replyDomain.toUpperCase()} `)?.id).toBe('court-fees');
    expect(findCompetenceByAddress('nodevas@example.com')).toBeUndefined();
  });
});
