/**
 * Builds the CDK app without synthesizing it, so `app.ts` (the CLI entry) and the infra tests
 * construct exactly the same tree.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Fn, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks, ServerlessChecks } from 'cdk-nag';
import { parseRetentionSchedule, type RetentionOverrides } from '../shared/domain/retention.ts';
import {
  parseSurveyInvitationSettings,
  type SurveyInvitationSettings,
} from '../shared/domain/survey-invitation-settings.ts';
import { defaultAccountConcurrency, parseReservedConcurrency } from './concurrency.ts';
import type { PhoneMenuProps } from './constructs/phone-menu.ts';
import type { StaffSessionSettings } from './constructs/staff-identity.ts';
import { type EdgeLimits, parseEdgeLimits } from './edge-limits.ts';
import { EdgeWafStack, edgeRegion, webAclArnOutput } from './edge-waf-stack.ts';
import { functions } from './inventory.ts';
import { CourtdeskStack } from './stack.ts';

/** The repository root: `functions/`, `package-lock.json` and `dist/web` are found from here. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** Context keys read from `cdk.json` (or `--context`). */
export const contextKeys = {
  senderAddress: 'courtdesk:senderAddress',
  senderDomain: 'courtdesk:senderDomain',
  mailFromDomain: 'courtdesk:mailFromDomain',
  inboundDomain: 'courtdesk:inboundDomain',
  inboundAddresses: 'courtdesk:inboundAddresses',
  alarmEmail: 'courtdesk:alarmEmail',
  staffSignInDomainPrefix: 'courtdesk:staffSignInDomainPrefix',
  reopenWindowDays: 'courtdesk:reopenWindowDays',
  auditRetentionDays: 'courtdesk:auditRetentionDays',
  connect: 'courtdesk:connect',
  surveyInvitations: 'courtdesk:surveyInvitations',
  pseudonymKeyVersion: 'courtdesk:pseudonymKeyVersion',
  retention: 'courtdesk:retention',
  acknowledgementBudgetPerHour: 'courtdesk:acknowledgementBudgetPerHour',
  edgeLimits: 'courtdesk:edgeLimits',
  staffTokenMinutes: 'courtdesk:staffTokenMinutes',
  staffSessionHours: 'courtdesk:staffSessionHours',
  staffIdleTimeoutMinutes: 'courtdesk:staffIdleTimeoutMinutes',
  reservedConcurrency: 'courtdesk:reservedConcurrency',
  accountConcurrency: 'courtdesk:accountConcurrency',
} as const;

export interface BuildAppOptions {
  /** Context values; the CLI passes `cdk.json`'s through the environment instead. */
  readonly context?: Record<string, unknown>;
  /** Cloud assembly folder. @default - the CLI's, or a temporary folder */
  readonly outdir?: string;
  /** Run cdk-nag's AwsSolutions, NIST 800-53 rev 5 and Serverless checks at synthesis. @default true */
  readonly nag?: boolean;
  /** Built web pages to deploy. @default `<projectRoot>/dist/web` (skipped if missing) */
  readonly webAssetsPath?: string;
}

export interface CourtdeskApp {
  readonly app: App;
  readonly stack: CourtdeskStack;
  /** The CloudFront web ACL's stack, in us-east-1. */
  readonly edge: EdgeWafStack;
}

export function buildApp(options: BuildAppOptions = {}): CourtdeskApp {
  const app = new App({
    ...(options.context ? { context: options.context } : {}),
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });

  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  const alarmEmail = optionalContext(app, contextKeys.alarmEmail);
  const senderDomain = optionalContext(app, contextKeys.senderDomain);
  const staffSignInDomainPrefix = optionalContext(app, contextKeys.staffSignInDomainPrefix);
  const mailFromDomain = optionalContext(app, contextKeys.mailFromDomain);
  // Inbound mail defaults to the sender domain, which is verified already.
  const inboundDomain = optionalContext(app, contextKeys.inboundDomain) ?? senderDomain;
  if (!inboundDomain) {
    throw new Error(
      `Context ${contextKeys.inboundDomain} is missing (and no ${contextKeys.senderDomain} to default to): set it in cdk.json or pass --context ${contextKeys.inboundDomain}=…`,
    );
  }
  const inboundAddresses = listContext(app, contextKeys.inboundAddresses);
  const reopenWindowContext: unknown = app.node.tryGetContext(contextKeys.reopenWindowDays);
  const reopenWindow =
    reopenWindowContext === undefined || reopenWindowContext === '' ? undefined : String(reopenWindowContext);
  if (reopenWindow !== undefined && !/^\d{1,4}$/.test(reopenWindow))
    throw new Error(
      `Context ${contextKeys.reopenWindowDays} must be a whole number of days, not ${reopenWindow}`,
    );

  const auditRetentionContext: unknown = app.node.tryGetContext(contextKeys.auditRetentionDays);
  const auditRetention =
    auditRetentionContext === undefined || auditRetentionContext === ''
      ? undefined
      : String(auditRetentionContext);
  if (auditRetention !== undefined && !/^[1-9]\d{0,4}$/.test(auditRetention))
    throw new Error(
      `Context ${contextKeys.auditRetentionDays} must be a whole number of days, not ${auditRetention}`,
    );

  const pseudonymVersionContext: unknown = app.node.tryGetContext(contextKeys.pseudonymKeyVersion);
  const pseudonymKeyVersion =
    pseudonymVersionContext === undefined || pseudonymVersionContext === ''
      ? undefined
      : String(pseudonymVersionContext);
  if (pseudonymKeyVersion !== undefined && !/^[1-9]\d{0,3}$/.test(pseudonymKeyVersion))
    throw new Error(
      `Context ${contextKeys.pseudonymKeyVersion} must be a whole number from 1, not ${pseudonymKeyVersion}`,
    );

  const budgetContext: unknown = app.node.tryGetContext(contextKeys.acknowledgementBudgetPerHour);
  const acknowledgementBudget =
    budgetContext === undefined || budgetContext === '' ? undefined : String(budgetContext);
  if (acknowledgementBudget !== undefined && !/^[1-9]\d{0,6}$/.test(acknowledgementBudget))
    throw new Error(
      `Context ${contextKeys.acknowledgementBudgetPerHour} must be a whole number from 1, not ${acknowledgementBudget}`,
    );
  // Deployed first by the same `cdk deploy`: the distribution names its web ACL.
  const edge = new EdgeWafStack(app, 'CourtdeskEdge', {
    description: 'courtdesk: the web ACL of the CloudFront distribution (us-east-1)',
    ...(account ? { env: { account } } : {}),
    limits: edgeLimitsContext(app),
    ...(region ? { forwardSecurityEventsTo: region } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
  });

  const stack = new CourtdeskStack(app, 'Courtdesk', {
    description: 'courtdesk: client-service ticketing for a court administration',
    ...(account || region ? { env: { account, region } } : {}),
    senderAddress: requiredContext(app, contextKeys.senderAddress),
    ...(senderDomain ? { senderDomain } : {}),
    ...(mailFromDomain ? { mailFromDomain } : {}),
    inboundDomain,
    ...(inboundAddresses.length > 0 ? { inboundAddresses } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(reopenWindow !== undefined ? { reopenWindowDays: Number(reopenWindow) } : {}),
    ...(auditRetention !== undefined ? { auditRetentionDays: Number(auditRetention) } : {}),
    ...(pseudonymKeyVersion !== undefined ? { pseudonymKeyVersion: Number(pseudonymKeyVersion) } : {}),
    ...(acknowledgementBudget !== undefined
      ? { acknowledgementBudgetPerHour: Number(acknowledgementBudget) }
      : {}),
    projectRoot,
    webAssetsPath: options.webAssetsPath ?? join(projectRoot, 'dist', 'web'),
    ...(staffSignInDomainPrefix ? { staffSignInDomainPrefix } : {}),
    ...phoneMenuContext(app),
    ...staffSessionContext(app),
    ...surveyInvitationsContext(app),
    ...retentionContext(app),
    reservedConcurrency: reservedConcurrencyContext(app),
    webAclArn: Fn.getStackOutput(edge.stackName, webAclArnOutput, edgeRegion),
  });
  stack.addDependency(edge, 'the distribution names the web ACL');

  if (options.nag ?? true)
    Validations.of(app).addPlugins(
      new AwsSolutionsChecks(app),
      new NIST80053R5Checks(app),
      new ServerlessChecks(app),
    );
  return { app, stack, edge };
}

/**
 * The per-address limits (context `courtdesk:edgeLimits`: overrides by group, `form`, `assistant`,
 * `survey`, each `{ limit?, windowSeconds?, challengeAt? }`, or its JSON on the command line);
 * absent: the defaults of `infra/edge-limits.ts`. Checked here, so a typo fails the synthesis.
 */
function edgeLimitsContext(app: App): EdgeLimits {
  const raw: unknown = app.node.tryGetContext(contextKeys.edgeLimits);
  try {
    return parseEdgeLimits(raw === '' || raw === null ? undefined : raw);
  } catch (error) {
    throw new Error(`Context ${contextKeys.edgeLimits}: ${(error as Error).message}`);
  }
}

/**
 * Reserved concurrency by function (context `courtdesk:reservedConcurrency`: overrides of
 * `infra/concurrency.ts`'s defaults by function name, 0 for none, or its JSON on the command line),
 * checked against the account's quota (context `courtdesk:accountConcurrency`, default 1000) less
 * the 100 Lambda keeps unreserved.
 */
function reservedConcurrencyContext(app: App): Record<string, number> {
  const quota: unknown = app.node.tryGetContext(contextKeys.accountConcurrency);
  const accountConcurrency =
    quota === undefined || quota === null || quota === '' ? defaultAccountConcurrency : Number(quota);
  if (!Number.isInteger(accountConcurrency) || accountConcurrency < 1)
    throw new Error(`Context ${contextKeys.accountConcurrency} must be a whole number, not ${String(quota)}`);
  try {
    return parseReservedConcurrency(
      app.node.tryGetContext(contextKeys.reservedConcurrency),
      functions.map((spec) => spec.name),
      accountConcurrency,
    );
  } catch (error) {
    throw new Error(`Context ${contextKeys.reservedConcurrency}: ${(error as Error).message}`);
  }
}

/**
 * The phone menu's Amazon Connect parts (context `courtdesk:connect`: an object, or its JSON on the
 * command line, with `instanceArn`, `queueArn`, `greetingPromptArn`, `menuPromptArn`); absent: no menu.
 */
/**
 * Staff sessions: access token minutes (5–60, default 60), sign-in hours (the refresh token's
 * validity, default 8) and the idle timeout in minutes (default 15), each a whole number.
 */
function staffSessionContext(app: App): { staffSessions?: StaffSessionSettings } {
  const read = (key: string, pattern: RegExp): number | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    if (value === undefined || value === '') return undefined;
    if (!pattern.test(String(value))) throw new Error(`Context ${key} is out of range: ${String(value)}`);
    return Number(value);
  };
  const tokenMinutes = read(contextKeys.staffTokenMinutes, /^([5-9]|[1-5]\d|60)$/);
  const sessionHours = read(contextKeys.staffSessionHours, /^([1-9]|1\d|2[0-4])$/);
  const idleTimeoutMinutes = read(contextKeys.staffIdleTimeoutMinutes, /^([2-9]|[1-9]\d|1[0-1]\d|120)$/);
  const settings = {
    ...(tokenMinutes !== undefined ? { tokenMinutes } : {}),
    ...(sessionHours !== undefined ? { sessionHours } : {}),
    ...(idleTimeoutMinutes !== undefined ? { idleTimeoutMinutes } : {}),
  };
  return Object.keys(settings).length > 0 ? { staffSessions: settings } : {};
}

function phoneMenuContext(app: App): { phoneMenu?: PhoneMenuProps } {
  const raw: unknown = app.node.tryGetContext(contextKeys.connect);
  if (raw === undefined || raw === null || raw === '') return {};
  const value = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>;
  const arn = (name: string, kind: string): string => {
    const candidate = value[name];
    if (
      typeof candidate !== 'string' ||
      !new RegExp(`^arn:aws[\\w-]*:connect:[\\w-]+:\\d{12}:instance/[\\w-]+${kind}$`).test(candidate)
    )
      throw new Error(
        `Context ${contextKeys.connect}.${name} must be the ARN of an Amazon Connect ${kind || 'instance'}`,
      );
    return candidate;
  };
  return {
    phoneMenu: {
      instanceArn: arn('instanceArn', ''),
      queueArn: arn('queueArn', '/queue/[\\w-]+'),
      prompts: {
        greeting: arn('greetingPromptArn', '/prompt/[\\w-]+'),
        menu: arn('menuPromptArn', '/prompt/[\\w-]+'),
      },
    },
  };
}

/**
 * How each unit invites to the survey (context `courtdesk:surveyInvitations`: an object by unit,
 * `default` for the rest, each `{ mode: 'separate' | 'footer', delaySeconds: 0–900 }`, or its JSON
 * on the command line); absent: a separate message after 900 s. Checked here, so a typo fails the
 * synthesis rather than the first answer.
 */
function surveyInvitationsContext(app: App): { surveyInvitations?: SurveyInvitationSettings } {
  const raw: unknown = app.node.tryGetContext(contextKeys.surveyInvitations);
  if (raw === undefined || raw === null || raw === '') return {};
  try {
    return { surveyInvitations: parseSurveyInvitationSettings(raw) };
  } catch (error) {
    throw new Error(`Context ${contextKeys.surveyInvitations}: ${(error as Error).message}`);
  }
}

/**
 * The retention schedule's overrides (context `courtdesk:retention`: an object by record type, each
 * `{ days?, action? }`, or its JSON on the command line); absent: the defaults, placeholders for the
 * records schedule (`shared/domain/retention.ts`). Checked here, so a typo fails the synthesis.
 */
function retentionContext(app: App): { retentionOverrides?: RetentionOverrides } {
  const raw: unknown = app.node.tryGetContext(contextKeys.retention);
  if (raw === undefined || raw === null || raw === '') return {};
  const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  try {
    parseRetentionSchedule(value);
  } catch (error) {
    throw new Error(`Context ${contextKeys.retention}: ${(error as Error).message}`);
  }
  return { retentionOverrides: value as RetentionOverrides };
}

function optionalContext(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context ${key} must be a string`);
  return value;
}

/** A list: a JSON array of strings in `cdk.json`, or comma-separated on the command line. */
function listContext(app: App, key: string): string[] {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string')
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  throw new Error(`Context ${key} must be a list of strings or a comma-separated string`);
}

function requiredContext(app: App, key: string): string {
  const value = optionalContext(app, key);
  if (!value) throw new Error(`Context ${key} is missing: set it in cdk.json or pass --context ${key}=…`);
  return value;
}
