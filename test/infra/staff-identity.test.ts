/** Staff sign-in (infra/constructs/staff-identity.ts) in the stack: the user pool, its groups and client. */

import { fileURLToPath } from 'node:url';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app-factory.ts';
import { StaffIdentity } from '../../infra/constructs/staff-identity.ts';
import { competences } from '../../shared/domain/competences.ts';
import {
  courtdesk,
  logicalId,
  refOf,
  resolved,
  resourcesOfType,
  skipBundling,
  testContext,
} from './support.ts';

const { stack, template, resources } = courtdesk();

describe('staff sign-in', () => {
  const pool = () => resources[logicalId(stack.staffIdentity.userPool)];

  it('only administrators create accounts; TOTP MFA is required, SMS is off', () => {
    expect(pool()?.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
    expect(pool()?.Properties.SmsConfiguration).toBeUndefined();
  });

  it('passwords are strong, accounts recover by e-mail only, threat protection is enforced', () => {
    expect(pool()?.Properties).toMatchObject({
      Policies: {
        PasswordPolicy: {
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      AliasAttributes: ['email'],
    });
  });

  it('the pool is deletion-protected and retained with the stack', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
  });

  it('has a group per role and, per unit, a staff group and a supervisors group', () => {
    const groups = Object.values(resourcesOfType('AWS::Cognito::UserPoolGroup'));
    for (const group of groups)
      expect(group.Properties.UserPoolId).toEqual(refOf(stack.staffIdentity.userPool));
    expect(groups.map((group) => group.Properties.GroupName).sort()).toEqual(
      [
        'role-agent',
        'role-supervisor',
        'role-mailroom',
        'role-auditor',
        'role-admin',
        'role-editor',
        'role-dpo',
        ...competences.flatMap((competence) => [competence.staffGroup, competence.supervisorsGroup]),
      ].sort(),
    );
  });

  it("the admin page's client is public and uses the authorization code grant only", () => {
    const clients = Object.values(resourcesOfType('AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    const adminPage = resolved(stack.webHosting.adminPageUrl);
    expect(adminPage).toEqual({
      'Fn::Join': [
        '',
        ['https://', { 'Fn::GetAtt': [logicalId(stack.webHosting.distribution), 'DomainName'] }, '/admin/'],
      ],
    });
    expect(clients[0]?.Properties).toEqual({
      UserPoolId: refOf(stack.staffIdentity.userPool),
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'profile', 'email'],
      CallbackURLs: [adminPage],
      LogoutURLs: [adminPage],
      SupportedIdentityProviders: ['COGNITO'],
      // No SRP, password or custom sign-in through the API with the public client id.
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      // Tokens of an hour at most (a disabled user or a removed group holds no longer), refreshed by
      // the page for the sign-in's eight hours.
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 480,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      AuthSessionValidity: 10,
      PreventUserExistenceErrors: 'ENABLED',
      // Sign-out revokes the refresh token at /oauth2/revoke.
      EnableTokenRevocation: true,
    });
  });

  it('the staff API gets the idle timeout and the sign-in hours it enforces', () => {
    const staffApi = resources[logicalId(stack.functions.get('staff-api').function)];
    expect(staffApi?.Properties).toMatchObject({
      Environment: { Variables: { STAFF_IDLE_TIMEOUT_MINUTES: '15', STAFF_SESSION_HOURS: '8' } },
    });
  });

  it('token lifetimes come from the settings, and one over an hour is refused', () => {
    const make = (tokenMinutes: number) => {
      const scope = new Stack(new App(), 'Identity', {
        env: { account: '111111111111', region: 'eu-north-1' },
      });
      const identity = new StaffIdentity(scope, 'StaffIdentity', {
        adminPageUrl: 'https://example.test/admin/',
        groups: [],
        tokenMinutes,
        sessionDuration: Duration.hours(10),
        idleTimeoutMinutes: 10,
      });
      return { identity, template: Template.fromStack(scope) };
    };
    const { identity, template: small } = make(30);
    small.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: 30,
      IdTokenValidity: 30,
      RefreshTokenValidity: 600,
      EnableTokenRevocation: true,
    });
    expect([identity.sessionHours, identity.idleTimeoutMinutes]).toEqual([10, 10]);
    expect(() => make(61)).toThrow(/tokenMinutes must be a whole number from 5 to 60/);
  });

  it('signs in on a Cognito prefix domain derived from the stack and account, with the classic hosted UI', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      UserPoolId: refOf(stack.staffIdentity.userPool),
      Domain: { 'Fn::Join': ['', ['courtdesk-staff-', { Ref: 'AWS::AccountId' }]] },
      ManagedLoginVersion: 1,
    });
  });

  it('takes the lifetimes from CDK context to the app client and the staff API, and refuses tokens over an hour', () => {
    const build = (context: Record<string, unknown>) =>
      buildApp({
        context: { ...testContext, ...skipBundling, ...context },
        nag: false,
        webAssetsPath: fileURLToPath(new URL('./no-web-build', import.meta.url)),
      });
    const { stack: tuned } = build({
      'courtdesk:staffTokenMinutes': 30,
      'courtdesk:staffSessionHours': 10,
      'courtdesk:staffIdleTimeoutMinutes': 20,
    });
    const tunedTemplate = Template.fromStack(tuned);
    tunedTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: 30,
      IdTokenValidity: 30,
      RefreshTokenValidity: 600,
    });
    const variables =
      tunedTemplate.toJSON().Resources[logicalId(tuned.functions.get('staff-api').function)]?.Properties
        .Environment.Variables;
    expect(variables).toMatchObject({ STAFF_IDLE_TIMEOUT_MINUTES: '20', STAFF_SESSION_HOURS: '10' });
    expect(() => build({ 'courtdesk:staffTokenMinutes': 90 })).toThrow(/courtdesk:staffTokenMinutes/);
  });
});
