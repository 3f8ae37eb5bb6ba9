/** The assistant's public requests checked: each wrong field named with its catalogue key. */
import { describe, expect, it } from 'vitest';
import { checkAssistantQuestion } from '../../../shared/domain/assistant-request.ts';

const page = 'page-0123456789';

describe('checkAssistantQuestion', () => {
  it('takes a question with its page', () => {
    expect(checkAssistantQuestion({ q: ' valsts nodeva ', lang: 'lv', page })).toEqual({
      ok: true,
      request: { q: 'valsts nodeva', language: 'lv', pageId: page, purpose: undefined },
    });
  });

  it('takes the purposes confirmation and suggest without a page, and no other', () => {
    for (const purpose of ['confirmation', 'suggest'])
      expect(checkAssistantQuestion({ q: 'valsts nodeva', lang: 'lv', purpose })).toMatchObject({
        ok: true,
        request: { purpose },
      });
    expect(checkAssistantQuestion({ q: 'valsts nodeva', lang: 'lv', page, purpose: 'log' })).toEqual({
      ok: false,
      errors: [{ field: 'purpose', key: 'error.assistant.purpose.invalid' }],
    });
  });

  it('wants a page for a question the client asked', () => {
    expect(checkAssistantQuestion({ q: 'valsts nodeva', lang: 'lv' })).toEqual({
      ok: false,
      errors: [{ field: 'page', key: 'error.required' }],
    });
  });

  it.each([
    ['a control character', 'valsts\u0000nodeva'],
    ['an escape', 'valsts \u001b[31mnodeva'],
    ['a C1 control', 'valsts\u0085nodeva'],
    ['a right-to-left override', 'valsts \u202enodeva'],
    ['an isolate', 'valsts \u2066nodeva'],
    ['a lone high surrogate', 'valsts \ud800nodeva'],
    ['a lone low surrogate', 'valsts \udc00 nodeva'],
    ['a noncharacter', 'valsts \uffff nodeva'],
  ])('refuses a question with %s, as the form does', (_name, q) => {
    expect(checkAssistantQuestion({ q, lang: 'lv', page })).toEqual({
      ok: false,
      errors: [{ field: 'q', key: 'error.text.characters' }],
    });
  });

  it('takes letters of any script, emoji (a surrogate pair) and a line break', () => {
    expect(checkAssistantQuestion({ q: 'Как оплатить пошлину? 👍\nnodeva', lang: 'lv', page })).toMatchObject(
      { ok: true },
    );
  });

  it('takes the source form or help, and no other', () => {
    expect(checkAssistantQuestion({ q: 'valsts nodeva', lang: 'lv', page, source: 'help' })).toMatchObject({
      ok: true,
      request: { source: 'help' },
    });
    expect(checkAssistantQuestion({ q: 'valsts nodeva', lang: 'lv', page, source: 'staff' })).toEqual({
      ok: false,
      errors: [{ field: 'source', key: 'error.assistant.source.invalid' }],
    });
  });
});
