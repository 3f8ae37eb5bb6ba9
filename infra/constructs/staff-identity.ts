import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { competences } from '../../shared/domain/competences.ts';
import { roleGroup, type StaffRole, staffRoles } from '../../shared/domain/staff.ts';
import { pascalCase } from './naming.ts';

/** A Cognito group staff members are placed in; its name is what `cognito:groups` carries. */
export interface StaffGroup {
  readonly name: string;
  readonly description: string;
}

const roleDescriptions: Record<StaffRole, string> = {
  agent: 'Works the tickets of the units whose competence group the member is in',
  supervisor:
    'Supervises the units whose supervisors group the member is in: review, reassign, deadline digest',
  mailroom: 'Registers incoming post; reads no tickets',
  auditor: 'Reads the audit trail; reads no tickets',
  admin: 'Administers staff accounts and groups',
  editor: 'Edits and publishes the knowledge base (articles, glossary); reads no tickets',
  dpo: "Data protection officer: finds, exports and erases a data subject's data, sets legal holds; no worklists",
};

/**
 * The groups the staff API reads from `cognito:groups` (see `shared/domain/staff.ts`): one per
 * role (`role-agent`, …) and, for every unit of the competence catalogue, its staff group and its
 * supervisors group. Derived from the shared catalogue, so a new unit gets its groups on deploy.
 */
export function staffGroups(): StaffGroup[] {
  return [
    ...staffRoles.map((role) => ({ name: roleGroup(role), description: roleDescriptions[role] })),
    ...competences.flatMap((competence) => [
      { name: competence.staffGroup, description: `Works tickets of the unit: ${competence.name.en}` },
      {
        name: competence.supervisorsGroup,
        description: `Supervises the unit (with role-supervisor): ${competence.name.en}`,
      },
    ]),
  ];
}

/** Staff token and session lifetimes, as CDK context gives them (see `app-factory.ts`). */
export interface StaffSessionSettings {
  readonly tokenMinutes?: number;
  readonly sessionHours?: number;
  readonly idleTimeoutMinutes?: number;
}

/** Properties of {@link StaffIdentity}. */
export interface StaffIdentityProps {
  /**
   * The admin page, e.g. `https://d111111abcdef8.cloudfront.net/admin/`: the only callback and
   * sign-out URL of the app client. May be a token (the distribution's domain).
   */
  readonly adminPageUrl: string;
  /** The groups to create, normally {@link staffGroups}. */
  readonly groups: readonly StaffGroup[];
  /**
   * Prefix of the hosted sign-in domain, `https://<prefix>.auth.<region>.amazoncognito.com`. Unique
   * per region across all AWS accounts; lowercase letters, digits and hyphens, and it may not
   * contain `aws`, `amazon` or `cognito`.
   * @default `<stack name>-staff-<account id>`
   */
  readonly domainPrefix?: string;
  /**
   * How long a sign-in lasts: the validity of the refresh token, with which the page renews its
   * short-lived access token. The absolute session limit.
   * @default 8 hours
   */
  readonly sessionDuration?: Duration;
  /**
   * Validity of access and ID tokens: how long a token of a disabled user, or one removed from a
   * group, is still accepted with its old groups. At most 60 minutes.
   * @default 60 minutes
   */
  readonly tokenMinutes?: number;
  /**
   * Minutes without activity after which the admin page signs out and the staff API refuses the
   * session (`STAFF_IDLE_TIMEOUT_MINUTES`). Cognito has no idle timeout of its own.
   * @default 15
   */
  readonly idleTimeoutMinutes?: number;
}

/**
 * Staff sign-in: a Cognito user pool in which only administrators create accounts, with strong
 * passwords, TOTP multi-factor authentication required (no SMS), recovery by e-mail only, the Plus
 * plan's threat protection enforced, and the role and unit groups the staff API authorises by.
 * The admin page signs in through the hosted UI with a public app client (no secret): authorization
 * code grant only, with PKCE, scopes `openid profile email`, redirects to the admin page only.
 * The pool is retained and deletion-protected: it holds the staff accounts and their MFA devices.
 */
export class StaffIdentity extends Construct {
  public readonly userPool: UserPool;
  public readonly client: UserPoolClient;
  public readonly domain: UserPoolDomain;
  public readonly groups: readonly UserPoolGroup[];
  /** `https://cognito-idp.<region>.amazonaws.com/<pool id>`: the `iss` of the pool's tokens. */
  public readonly issuerUrl: string;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`: hosted sign-in and OAuth endpoints. */
  public readonly hostedDomainUrl: string;
  /** Minutes without activity after which the admin page signs out and the staff API refuses. */
  public readonly idleTimeoutMinutes: number;
  /** Hours a sign-in lasts (the refresh token's validity). */
  public readonly sessionHours: number;
  /** Minutes an access or ID token is valid. */
  public readonly tokenMinutes: number;

  constructor(scope: Construct, id: string, props: StaffIdentityProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const sessionDuration = props.sessionDuration ?? Duration.hours(8);
    this.sessionHours = sessionDuration.toHours();
    this.tokenMinutes = props.tokenMinutes ?? 60;
    // Over an hour, a disabled account or a removed group would be honoured too long.
    if (!Number.isInteger(this.tokenMinutes) || this.tokenMinutes < 5 || this.tokenMinutes > 60)
      throw new Error(
        `StaffIdentity: tokenMinutes must be a whole number from 5 to 60, not ${this.tokenMinutes}`,
      );
    this.idleTimeoutMinutes = props.idleTimeoutMinutes ?? 15;

    this.userPool = new UserPool(this, 'UserPool', {
      // Staff accounts are created by an administrator (invitation by e-mail), never by sign-up.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      autoVerify: { email: true },
      // A changed address takes effect only once verified, so recovery mail cannot be redirected.
      keepOriginal: { email: true },
      mfa: Mfa.REQUIRED,
      // An authenticator app only: SMS codes can be intercepted (SIM swap) and need an SNS role.
      mfaSecondFactor: { sms: false, otp: true, email: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        passwordHistorySize: 12,
        tempPasswordValidity: Duration.days(3),
      },
      // Never by phone: no phone numbers are kept, and a phone would be a second way around MFA.
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection (compromised credentials, adaptive authentication), enforced.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.groups = props.groups.map(
      (group) =>
        new UserPoolGroup(this, `Group${pascalCase(group.name)}`, {
          userPool: this.userPool,
          groupName: group.name,
          description: group.description,
        }),
    );

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? defaultDomainPrefix(stack) },
      // The classic hosted UI signs in whatever the client's explicit auth flows say (see below)
      // and enrols TOTP at first sign-in; managed login would need branding and USER_AUTH flows.
      managedLoginVersion: ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });

    this.client = this.userPool.addClient('AdminPageClient', {
      // A browser page cannot keep a secret: a public client, so Cognito requires PKCE
      // (code_challenge) on the authorization code grant.
      generateSecret: false,
      // No direct InitiateAuth (SRP, password, custom) with this public client id: staff sign in
      // through the hosted UI only. Refreshing is always allowed by Cognito.
      authFlows: { userSrp: false, userPassword: false, custom: false, adminUserPassword: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.PROFILE, OAuthScope.EMAIL],
        callbackUrls: [props.adminPageUrl],
        logoutUrls: [props.adminPageUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // Short tokens: the JWT authorizer cannot ask Cognito whether a user was disabled or lost a
      // group, so the groups of a token hold until it expires. The page refreshes them.
      accessTokenValidity: Duration.minutes(this.tokenMinutes),
      idTokenValidity: Duration.minutes(this.tokenMinutes),
      // The sign-in's absolute limit: the page signs in again when the refresh token ends.
      refreshTokenValidity: sessionDuration,
      // Time to finish a sign-in, including enrolling an authenticator app at the first one.
      authSessionValidity: Duration.minutes(10),
      preventUserExistenceErrors: true,
      // Sign-out revokes the refresh token (`/oauth2/revoke`): no new tokens of the sign-in. The
      // access tokens already issued are refused by the staff API's sessions store.
      enableTokenRevocation: true,
    });

    this.issuerUrl = `https://cognito-idp.${stack.region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.hostedDomainUrl = this.domain.baseUrl();

    new CfnOutput(this, 'UserPoolId', {
      description:
        'Staff user pool: create staff accounts here and add them to role-* and competence-* groups',
      value: this.userPool.userPoolId,
    });
    new CfnOutput(this, 'SignInDomain', {
      description: 'Hosted sign-in of the admin page',
      value: this.hostedDomainUrl,
    });
  }
}

/**
 * `<stack name>-staff-<account id>`: unique per region as Cognito requires, and stable across
 * deployments. The stack name is reduced to what a prefix may contain.
 */
function defaultDomainPrefix(stack: Stack): string {
  const name = stack.stackName
    .toLowerCase()
    .replace(/aws|amazon|cognito/g, '')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30);
  return `${name || 'courtdesk'}-staff-${stack.account}`;
}
