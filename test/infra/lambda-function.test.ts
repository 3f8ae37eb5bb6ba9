import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
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
