/**
 * Shared helpers of the infra tests: context, the synthesized courtdesk stack, logical ids and IAM
 * statements.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../infra/app-factory.ts';
import type { CourtdeskStack } from '../../infra/stack.ts';

export const testContext = {
  'courtdesk:senderAddress': 'noreply@courtdesk.example.lv',
  'courtdesk:senderDomain': 'courtdesk.example.lv',
  'courtdesk:mailFromDomain': 'bounce.courtdesk.example.lv',
  'courtdesk:inboundDomain': 'courtdesk.example.lv',
  'courtdesk:alarmEmail': 'oncall@courtdesk.example.lv',
};

/** A resource of a synthesized template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly DependsOn?: string[];
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

/** The courtdesk stack, its template and the template's resources by logical id. */
export interface SynthesizedCourtdesk {
  readonly stack: CourtdeskStack;
  readonly template: Template;
  readonly resources: Record<string, TemplateResource | undefined>;
}

/**
 * Context that skips bundling the functions with esbuild: only the code assets' hashes change, and
 * synthesis takes seconds instead of half a minute.
 */
export const skipBundling = { 'aws:cdk:bundling-stacks': [] as string[] };

let synthesized: SynthesizedCourtdesk | undefined;

/**
 * The whole app as `cdk synth` builds it, without cdk-nag (nag.test.ts covers it) and without a web
 * build (so no BucketDeployment), built and synthesized once per test process: every test of the
 * construct files reads the same template. The functions are not bundled ({@link skipBundling}):
 * these tests read the template's properties, never the functions' code. nag.test.ts and
 * `cdk synth` bundle every function.
 */
export function courtdesk(): SynthesizedCourtdesk {
  if (synthesized) return synthesized;
  const { stack } = buildApp({
    context: { ...testContext, ...skipBundling },
    nag: false,
    webAssetsPath: fileURLToPath(new URL('./no-web-build', import.meta.url)),
  });
  const template = Template.fromStack(stack);
  synthesized = { stack, template, resources: template.toJSON().Resources };
  return synthesized;
}

/** Every IAM statement of the courtdesk function named `name`'s role. */
export const statementsOf = (name: string): Statement[] => {
  const { stack, template } = courtdesk();
  return statementsOfRole(template, logicalId(stack.functions.get(name).role));
};

/** A value as the courtdesk template has it (tokens resolved to `Ref`, `Fn::Join`, …). */
export const resolved = (value: unknown): unknown => courtdesk().stack.resolve(value);

/** Every statement of every identity policy in the courtdesk stack, the functions' and CDK's own. */
export const allStatements = (): Statement[] => {
  const { template } = courtdesk();
  return [
    ...Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    ),
    ...Object.values(template.findResources('AWS::IAM::Role')).flatMap((role) =>
      ((role.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
        (policy) => policy.PolicyDocument.Statement,
      ),
    ),
  ];
};

/** The courtdesk template's resources of one type, by logical id. */
export const resourcesOfType = (type: string) =>
  courtdesk().template.findResources(type) as Record<string, { Properties: Record<string, unknown> }>;

/**
 * CDK's bucket-notifications custom resource (deploy time only): it sets the S3 event notification
 * of scans/ → ingest-postal, and may do nothing else — PutBucketNotification on the mail bucket.
 */
export function isNotificationsHandlerGrant(statement: Statement): boolean {
  return actionsOf(statement).join() === 's3:PutBucketNotification';
}

/** Logical id of an L2 construct's CloudFormation resource (or of an L1 resource itself). */
export function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(element);
}

export const arnOf = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });
export const refOf = (construct: IConstruct) => ({ Ref: logicalId(construct) });

export interface Statement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

/** Every statement of every IAM policy attached to the role with this logical id. */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleLogicalId }]) },
  });
  return Object.values(policies).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
        .Statement,
  );
}

export const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

export const resourcesOf = (statement: Statement): unknown[] =>
  Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];

/** Statements allowing `action` exactly, or through a service or global wildcard. */
export function allowing(statements: readonly Statement[], action: string): Statement[] {
  const service = action.split(':')[0];
  return statements.filter(
    (statement) =>
      statement.Effect === 'Allow' &&
      actionsOf(statement).some(
        (granted) => granted === action || granted === '*' || granted === `${service}:*`,
      ),
  );
}

/**
 * The actions of `service` that `statements` allow, by resource (each resource as its JSON, e.g.
 * `{"Fn::GetAtt":["DataTicketsTable…","Arn"]}`), sorted. A statement naming several resources
 * counts for each of them, so merged statements are compared like separate ones.
 */
export function allowedActionsByResource(
  statements: readonly Statement[],
  service: string,
): Record<string, string[]> {
  const byResource: Record<string, Set<string>> = {};
  for (const statement of statements) {
    if (statement.Effect !== 'Allow') continue;
    const actions = actionsOf(statement).filter(
      (action) => action === '*' || action.startsWith(`${service}:`),
    );
    for (const resource of resourcesOf(statement)) {
      const key = JSON.stringify(resource);
      byResource[key] = new Set([...(byResource[key] ?? []), ...actions]);
    }
  }
  return Object.fromEntries(
    Object.entries(byResource)
      .filter(([, actions]) => actions.size > 0)
      .map(([resource, actions]) => [resource, [...actions].sort()]),
  );
}

/** One finding of a validation plugin, as CDK writes it to `validation-report.json`. */
export interface ReportedViolation {
  readonly ruleName: string;
  readonly severity: string;
  readonly violatingConstructs: readonly { readonly constructPath: string }[];
  readonly reason?: string;
  readonly acknowledgedAt?: string;
}

export interface PluginReport {
  readonly pluginName: string;
  readonly conclusion: string;
  readonly violations: readonly ReportedViolation[];
  readonly suppressedViolations?: readonly ReportedViolation[];
}

export interface SynthOutcome {
  /** What `app.synth()` threw: CDK throws when a plugin reports an unsuppressed error. */
  readonly error: unknown;
  readonly reports: readonly PluginReport[];
}

/**
 * Synthesizes `app` with its validation plugins and reads back the report CDK writes into the
 * cloud assembly. Under vitest (`NODE_ENV=test`) CDK throws on a failed validation instead of
 * setting the exit code, so the throw is caught and returned alongside the report.
 */
export function synthWithValidation(app: App): SynthOutcome {
  let error: unknown;
  try {
    app.synth();
  } catch (caught) {
    error = caught;
  }
  const reportFile = join(app.outdir, 'validation-report.json');
  let reports: PluginReport[];
  try {
    reports = (JSON.parse(readFileSync(reportFile, 'utf8')) as { pluginReports: PluginReport[] })
      .pluginReports;
  } catch {
    throw new Error(
      `No validation report at ${reportFile}; synthesis failed before validation: ${String(error)}`,
    );
  }
  return { error, reports };
}

/** `Rule at path` lines for readable assertion failures. */
export function describeViolations(violations: readonly ReportedViolation[]): string[] {
  return violations.flatMap((violation) =>
    violation.violatingConstructs.map(
      (construct) => `${violation.severity} ${violation.ruleName} at ${construct.constructPath}`,
    ),
  );
}
