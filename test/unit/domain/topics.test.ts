import { describe, expect, it } from 'vitest';
import { competences, isCompetenceId, triageCompetence } from '../../../shared/domain/competences.ts';
import {
  findTopic,
  findTopicByPhoneDigit,
  operatorPhoneDigit,
  topicIds,
  topics,
} from '../../../shared/domain/topics.ts';

describe('topic catalogue', () => {
  it('keeps the topic ids the web form, the intake schema and stored tickets use', () => {
    expect(topicIds).toEqual(
      expect.arrayContaining([
        'court-fees',
        'e-services',
        'legal-aid',
        'maintenance-fund',
        'insolvency',
        'certificates-archive',
        'data-protection',
        'general',
      ]),
    );
    expect(new Set(topicIds).size).toBe(topicIds.length);
  });

  it('lists court fees first, as GET /api/topics has always answered', () => {
    expect(topics[0]).toMatchObject({
      id: 'court-fees',
      label: { lv: 'Tiesu izdevumi un maksājumi', en: 'Court fees and payments' },
    });
  });

  it('labels every topic in Latvian and English', () => {
    for (const topic of topics) {
      expect(topic.label.lv.trim(), topic.id).not.toBe('');
      expect(topic.label.en.trim(), topic.id).not.toBe('');
    }
  });

  it('sends every topic to a competence of the catalogue', () => {
    for (const topic of topics) expect(isCompetenceId(topic.competence), topic.id).toBe(true);
  });

  it('offers every unit as a topic, so nobody has to go through triage to reach it', () => {
    const reachable = new Set(topics.map((topic) => topic.competence));
    for (const competence of competences) expect(reachable.has(competence.id), competence.id).toBe(true);
  });

  it('sends "other question" to the triage unit', () => {
    expect(findTopic('general')?.competence).toBe(triageCompetence.id);
  });
});

describe('phone menu (§8)', () => {
  it('gives each topic its own key 0–9', () => {
    const digits = topics.map((topic) => topic.phoneDigit);
    expect(new Set(digits).size).toBe(digits.length);
    for (const digit of digits) expect(digit >= 0 && digit <= 9 && Number.isInteger(digit)).toBe(true);
  });

  it('keeps 0 for "other question", which leads to the operator and triage', () => {
    expect(operatorPhoneDigit).toBe(0);
    expect(findTopicByPhoneDigit(0)?.id).toBe('general');
  });

  it('finds the topic a caller chose by its key', () => {
    expect(findTopicByPhoneDigit(5)?.id).toBe('insolvency');
    expect(findTopicByPhoneDigit(9)).toBeUndefined();
    expect(findTopicByPhoneDigit(11)).toBeUndefined();
  });
});

describe('GET /api/topics shape', () => {
  it('maps every topic to { id, label } with both languages', () => {
    const body = topics.map((topic) => ({ id: topic.id, label: topic.label }));
    expect(JSON.parse(JSON.stringify(body))).toEqual(
      topics.map((topic) => ({ id: topic.id, label: { lv: topic.label.lv, en: topic.label.en } })),
    );
  });

  it('finds a topic by id, and nothing for an unknown id', () => {
    expect(findTopic('legal-aid')?.label.en).toBe('State-guaranteed legal aid');
    expect(findTopic('unknown')).toBeUndefined();
  });
});
