/** The one definition of the per-address limits (infra/edge-limits.ts), read by the WAF and the sandbox. */
import { describe, expect, it } from 'vitest';
import {
  defaultEdgeLimits,
  edgeLimitAnswer,
  edgeLimitedRoutes,
  edgeLimitGroupOf,
  parseEdgeLimits,
} from '../../infra/edge-limits.ts';

describe('edge limits', () => {
  it('meets a burst of 300 form submissions by default', () => {
    expect(defaultEdgeLimits.form.limit).toBeLessThan(300);
    expect(defaultEdgeLimits.form.challengeAt).toBeLessThan(defaultEdgeLimits.form.limit);
  });

  it("limits the form's, the assistant's and the survey's routes, from the inventory", () => {
    expect(edgeLimitedRoutes('form')).toEqual([{ method: 'POST', path: '/api/requests' }]);
    expect(edgeLimitedRoutes('assistant')).toEqual([
      { method: 'POST', path: '/api/assistant/answers' },
      { method: 'POST', path: '/api/assistant/feedback' },
    ]);
    expect(edgeLimitedRoutes('survey')).toEqual([
      { method: 'GET', path: '/api/survey' },
      { method: 'POST', path: '/api/survey' },
      { method: 'POST', path: '/api/survey/view' },
    ]);
    expect(edgeLimitGroupOf('POST', '/api/requests')).toBe('form');
    expect(edgeLimitGroupOf('GET', '/api/topics')).toBeUndefined();
    expect(edgeLimitGroupOf('GET', '/api/staff/me')).toBeUndefined();
  });

  it('takes overrides as an object or JSON, and keeps the rest', () => {
    const limits = parseEdgeLimits('{"form":{"limit":40,"windowSeconds":600,"challengeAt":25}}');
    expect(limits.form).toEqual({ limit: 40, windowSeconds: 600, challengeAt: 25 });
    expect(limits.assistant).toEqual(defaultEdgeLimits.assistant);
    expect(parseEdgeLimits(undefined)).toEqual(defaultEdgeLimits);
  });

  it('refuses what WAF would not take, or a typo', () => {
    expect(() => parseEdgeLimits({ form: { limit: 5 } })).toThrow(
      /form.limit must be a whole number from 10/,
    );
    expect(() => parseEdgeLimits({ form: { windowSeconds: 30 } })).toThrow(/60, 120, 300, 600/);
    expect(() => parseEdgeLimits({ form: { limit: 20, challengeAt: 30 } })).toThrow(/challengeAt/);
    expect(() => parseEdgeLimits({ form: { limt: 20 } })).toThrow(/form.limt is not a setting/);
    expect(() => parseEdgeLimits([])).toThrow(/object by group/);
  });

  it('answers in Latvian and English', () => {
    expect(edgeLimitAnswer('lv').message).toMatch(/pārāk daudz pieprasījumu/);
    expect(edgeLimitAnswer('en').message).toMatch(/Too many requests/);
  });
});
