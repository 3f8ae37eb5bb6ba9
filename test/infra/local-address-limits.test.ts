/** The sandbox gateway's per-address limits: a sliding window per group of routes and address. */
import { describe, expect, it } from 'vitest';
import { defaultEdgeLimits, parseEdgeLimits } from '../../infra/edge-limits.ts';
import { AddressLimits, edgeLimitsFromEnvironment } from '../../infra/local/address-limits.ts';

describe('address limits', () => {
  it('lets an address through up to the limit, then answers how long to wait', () => {
    // Prepare: 10 form requests in 60 s
    let now = 0;
    const limits = new AddressLimits(parseEdgeLimits({ form: { limit: 10, windowSeconds: 60 } }), () => now);
    // Act
    const answers = Array.from({ length: 10 }, () => {
      now += 1000;
      return limits.take('form', '203.0.113.7').allowed;
    });
    const refused = limits.take('form', '203.0.113.7');
    // Assess: the first request (at 1 s) leaves the window at 61 s; it is 10 s now
    expect(answers).toEqual(Array(10).fill(true));
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 51 });
  });

  it('keeps other addresses and other groups apart', () => {
    const limits = new AddressLimits(parseEdgeLimits({ form: { limit: 10 } }), () => 0);
    for (let i = 0; i < 10; i += 1) limits.take('form', '203.0.113.7');
    expect(limits.take('form', '203.0.113.7').allowed).toBe(false);
    expect(limits.take('form', '203.0.113.8').allowed).toBe(true);
    expect(limits.take('survey', '203.0.113.7').allowed).toBe(true);
  });

  it('lets the address in again once the window has room, not counting the refusals', () => {
    let now = 0;
    const limits = new AddressLimits(parseEdgeLimits({ form: { limit: 10, windowSeconds: 60 } }), () => now);
    for (let i = 0; i < 10; i += 1) limits.take('form', '203.0.113.7');
    for (let i = 0; i < 50; i += 1) expect(limits.take('form', '203.0.113.7').allowed).toBe(false);
    now += 59_999;
    expect(limits.take('form', '203.0.113.7')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1;
    expect(limits.take('form', '203.0.113.7').allowed).toBe(true);
  });
});

describe('COURTDESK_EDGE_LIMITS', () => {
  it('is on with the defaults when unset, off with "off", overridden by JSON', () => {
    expect(edgeLimitsFromEnvironment({})).toEqual(defaultEdgeLimits);
    expect(edgeLimitsFromEnvironment({ COURTDESK_EDGE_LIMITS: 'off' })).toBe(false);
    const raised = edgeLimitsFromEnvironment({ COURTDESK_EDGE_LIMITS: '{"form":{"limit":5000}}' });
    if (!raised) throw new Error('the limits are off');
    expect(raised.form).toEqual({ limit: 5000, windowSeconds: 300, challengeAt: 2500 });
    expect(raised.survey).toEqual(defaultEdgeLimits.survey);
  });

  it('names the variable when its value is wrong', () => {
    expect(() => edgeLimitsFromEnvironment({ COURTDESK_EDGE_LIMITS: '{"from":{}}' })).toThrow(
      /COURTDESK_EDGE_LIMITS: edge limits: unknown group "from"/,
    );
  });
});
