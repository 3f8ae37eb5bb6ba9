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
});
