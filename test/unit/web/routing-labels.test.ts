/**
 * The ticket view names the conditions a routing rule matched by their labels: the field by its
 * name, and a chosen topic, channel or language by its name in the page's language, never by
 * the id the rule stores. Words found in the text keep the term and the words as written.
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../shared/domain/language.ts';
import { topics } from '../../../shared/domain/topics.ts';
import type { MeResponse } from '../../../shared/http/staff-contract.ts';
import type { ViewContext } from '../../../web/src/admin/shell.ts';
import { text } from '../../../web/src/admin/texts.ts';
import { matchText } from '../../../web/src/admin/ticket/routing.ts';

function context(language: Language): ViewContext {
  return {
    language,
    t: (key, values) => text(language, key, values),
    me: {} as MeResponse,
    unitName: (id) => id,
    href: () => '',
  };
}

describe('a routing match in the ticket view', () => {
  const topic = topics[0];
  if (!topic) throw new Error('no topics');

  it('names a chosen topic and its field, in Latvian and in English', () => {
    const match = { field: 'topic', value: topic.id, term: topic.id };

    expect(matchText(match, context('lv'))).toBe(`Tēma: ${topic.label.lv}`);
    expect(matchText(match, context('en'))).toBe(`Topic: ${topic.label.en}`);
  });

  it('names the channel and the language', () => {
    expect(matchText({ field: 'channel', value: 'email', term: 'email' }, context('lv'))).toBe(
      'Kanāls: E-pasts',
    );
    expect(matchText({ field: 'language', value: 'en', term: 'en' }, context('en'))).toBe(
      'Language: English',
    );
  });

  it('keeps the term and the words as written for words found in the text, with the field named', () => {
    const match = { field: 'body', value: 'maksātnespējas', term: 'maksātnespēja' };

    expect(matchText(match, context('lv'))).toBe('„maksātnespēja“ laukā „Teksts“: maksātnespējas');
    expect(matchText(match, context('en'))).toBe('“maksātnespēja” in “Text”: maksātnespējas');
  });

  it('shows an unknown field or topic as it is rather than nothing', () => {
    expect(matchText({ field: 'topic', value: 'no-such-topic', term: 'no-such-topic' }, context('en'))).toBe(
      'Topic: no-such-topic',
    );
    expect(matchText({ field: 'mood', value: 'calm', term: 'calm' }, context('en'))).toBe(
      '“calm” in “mood”: calm',
    );
  });
});
