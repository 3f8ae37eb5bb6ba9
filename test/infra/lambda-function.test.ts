import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../infra/app-factory.ts';
import { Data } from '../../infra/constructs/data.ts';
import { CourtdeskFunction } from '../../infra/constructs/lambda-function.ts';
import { type FunctionSpec, functions, tableAccessOf, tables } from '../../infra/inventory.ts';
import {
  allowedActionsByResource,
  arnOf,
  describeViolations,
  logicalId,
  refOf,
  type SynthOutcome,
  skipBundling,
  statementsOfRole,
  synthWithValidation,
} from './support.ts';

// An index grant alone, from one inventory line, `indexes: { worklist: ['Query'] }` (the deadline
// sweeper's index grant comes with table grants; data.test.ts checks it).
describe('CourtdeskFunction.bindTable with an index', () => {
  /** A function that only queries the worklist index (list-topics' handler stands in). */
  const build = (app: App) => {
    const stack = new Stack(app, 'IndexGrant');
    const data = new Data(stack, 'Data', { tables });
    const listTopics = functions.find((spec) => spec.name === 'list-topics');
    if (!listTopics) throw new Error('list-topics is not in the inventory');
    const spec: FunctionSpec = { ...listTopics, tables: {}, indexes: { worklist: ['Query'] } };
    const fn = new CourtdeskFunction(stack, 'Worklist', { spec, projectRoot });
    for (const access of tableAccessOf(spec)) fn.bindTable(data.table(access.table.id).table, access);
    return { stack, data, fn };
  };
  let built: ReturnType<typeof build>;
  let template: Template;
  let outcome: SynthOutcome;

  beforeAll(() => {
    // Prepare and act: one app for the template, another with cdk-nag (a failed check throws).
    built = build(new App());
    template = Template.fromStack(built.stack);
    const nagApp = new App();
    build(nagApp);
    Validations.of(nagApp).addPlugins(new AwsSolutionsChecks(nagApp));
    outcome = synthWithValidation(nagApp);
  });

  const statements = () => statementsOfRole(template, logicalId(built.fn.role));

  it('grants Query on that one index, nothing on the table or on other indexes', () => {
    const tickets = built.data.table('tickets').table;
    expect(allowedActionsByResource(statements(), 'dynamodb')).toEqual({
      [JSON.stringify({ 'Fn::Join': ['', [arnOf(tickets), '/index/worklist']] })]: ['dynamodb:Query'],
    });
  });

  it('lets the table key decrypt only', () => {
    expect(allowedActionsByResource(statements(), 'kms')).toEqual({
      [JSON.stringify(arnOf(built.data.key))]: ['kms:Decrypt'],
    });
  });

  it("passes the index's table name", () => {
    const properties = template.toJSON().Resources[logicalId(built.fn.function)].Properties;
    expect(properties.Environment.Variables.TICKETS_TABLE).toEqual(refOf(built.data.table('tickets').table));
    expect(properties.Environment.Variables.AUDIT_TABLE).toBeUndefined();
  });

  it('needs no cdk-nag acknowledgement: the index ARN has no wildcard', () => {
    const report = outcome.reports.find((candidate) => candidate.pluginName === 'AwsSolutions');
    expect(report, 'the AwsSolutions plugin did not run').toBeDefined();
    expect(describeViolations(report?.violations ?? [])).toEqual([]);
  });
});

describe('tableAccessOf', () => {
  it('joins table and index access on the same table into one entry, in inventory order', () => {
    const spec: FunctionSpec = {
      ...(functions[0] as FunctionSpec),
      tables: { audit: ['PutItem'], tickets: ['GetItem'] },
      indexes: { worklist: ['Query'] },
    };
    expect(
      tableAccessOf(spec).map((access) => ({
        id: access.table.id,
        actions: access.actions,
        indexes: access.indexes,
      })),
    ).toEqual([
      { id: 'tickets', actions: ['GetItem'], indexes: [{ name: 'worklist', actions: ['Query'] }] },
      { id: 'audit', actions: ['PutItem'], indexes: [] },
    ]);
  });

  it('names a function whose index no table has', () => {
    const spec = {
      ...(functions[0] as FunctionSpec),
      indexes: { byAssignee: ['Query'] },
    } as unknown as FunctionSpec;
    expect(() => tableAccessOf(spec)).toThrow(`Function ${spec.name}: no table has the index byAssignee`);
  });
});

// The code asset: the folder `npm run bundle` writes for the function, built by CDK's local bundling.
describe('CourtdeskFunction code', () => {
  const sendEmail = functions.find((spec) => spec.name === 'send-email') as FunctionSpec;
  const build = (app: App, spec: FunctionSpec) => {
    const stack = new Stack(app, 'Code');
    return { stack, fn: new CourtdeskFunction(stack, 'Fn', { spec, projectRoot }) };
  };
  /** The folder of the function's code asset, as staged in the cloud assembly. */
  const assetPathOf = (app: App, built: ReturnType<typeof build>) =>
    resolve(app.outdir, (built.fn.function.node.findChild('Code') as Asset).assetPath);

  it('deploys the bundle folder: handler.mjs, its chunks and the bundled files, with handler.handler', () => {
    // Prepare and act
    const app = new App();
    const built = build(app, sendEmail);
    // Assess
    const files = readdirSync(assetPathOf(app, built));
    expect(files).toContain('handler.mjs');
    expect(files.filter((file) => /^chunk-.+\.mjs$/.test(file)).length).toBeGreaterThan(0);
    expect(files).toContain('DejaVuSans.ttf');
    expect(files).toContain('DejaVuSans-Bold.ttf');
    const properties = Template.fromStack(built.stack).toJSON().Resources[logicalId(built.fn.function)]
      .Properties;
    expect(properties.Handler).toBe('handler.handler');
  });

  it('bundles nothing when the stack is not bundled (aws:cdk:bundling-stacks), keeping the handler', () => {
    const app = new App({ context: skipBundling });
    const built = build(app, sendEmail);
    // A skipped bundling leaves the asset at its source folder: nothing was built.
    expect(assetPathOf(app, built)).toBe(resolve(projectRoot));
    const properties = Template.fromStack(built.stack).toJSON().Resources[logicalId(built.fn.function)]
      .Properties;
    expect(properties.Handler).toBe('handler.handler');
  });

  it("fails synthesis with the bundler's message when a function cannot be bundled", () => {
    const missing: FunctionSpec = { ...sendEmail, name: 'no-such-function' };
    expect(() => build(new App(), missing)).toThrow(
      /Bundling no-such-function failed: [\s\S]*No function no-such-function in the inventory/,
    );
  });
});
