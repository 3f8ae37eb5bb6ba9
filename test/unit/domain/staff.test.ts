import { describe, expect, it } from 'vitest';
import { mayActOn, staffFromClaims } from '../../../shared/domain/staff.ts';

describe('staffFromClaims', () => {
  it('reads groups as API Gateway passes them (a string "[a b]") and as an array', () => {
    const fromGateway = staffFromClaims({
      username: 'anna',
      'cognito:groups': '[role-agent competence-court-fees competence-legal-aid]',
      exp: '1900000000',
      iat: '1899990000',
      jti: 'abc',
    });
    const fromArray = staffFromClaims({
      username: 'anna',
      'cognito:groups': ['role-agent', 'competence-court-fees', 'competence-legal-aid'],
      exp: 1900000000,
      iat: 1899990000,
      jti: 'abc',
    });
    expect(fromGateway).toEqual(fromArray);
    expect(fromGateway).toMatchObject({
      username: 'anna',
      roles: ['agent'],
      competences: ['court-fees', 'legal-aid'],
      supervises: [],
      expiresAt: 1900000000,
      issuedAt: 1899990000,
      sessionId: 'abc',
    });
  });

  it('gives unit rights only with the matching role: a unit group alone is not enough', () => {
    expect(
      staffFromClaims({ username: 'x', 'cognito:groups': '[competence-court-fees]' })?.competences,
    ).toEqual([]);
    expect(
      staffFromClaims({ username: 'x', 'cognito:groups': '[role-agent competence-court-fees-supervisors]' }),
    ).toMatchObject({ competences: [], supervises: [] });
    expect(
      staffFromClaims({
        username: 'x',
        'cognito:groups': '[role-supervisor competence-court-fees-supervisors]',
      }),
    ).toMatchObject({ roles: ['supervisor'], competences: ['court-fees'], supervises: ['court-fees'] });
    expect(
      staffFromClaims({ username: 'x', 'cognito:groups': '[role-auditor role-mailroom]' }),
    ).toMatchObject({
      roles: ['mailroom', 'auditor'],
      competences: [],
    });
  });

  it('ignores unknown groups and refuses claims without a username', () => {
    expect(
      staffFromClaims({ username: 'x', 'cognito:groups': '[role-root competence-nowhere]' }),
    ).toMatchObject({
      roles: [],
      competences: [],
    });
    expect(staffFromClaims({ 'cognito:groups': '[role-agent]' })).toBeUndefined();
    expect(staffFromClaims({ username: '' })).toBeUndefined();
  });
});

describe('mayActOn', () => {
  const agent = staffFromClaims({ username: 'a', 'cognito:groups': ['role-agent', 'competence-general'] });
  const supervisor = staffFromClaims({
    username: 's',
    'cognito:groups': ['role-supervisor', 'competence-general-supervisors'],
  });

  it('lets staff act on their own units only, and only supervisors review', () => {
    if (!agent || !supervisor) throw new Error('identities');
    expect(mayActOn(agent, 'general', 'reply')).toBe(true);
    expect(mayActOn(agent, 'court-fees', 'read')).toBe(false);
    expect(mayActOn(agent, 'general', 'review')).toBe(false);
    expect(mayActOn(supervisor, 'general', 'review')).toBe(true);
    expect(mayActOn(supervisor, 'court-fees', 'review')).toBe(false);
  });
});
