/**
 * Bounces and complaints of our mail in the stack: the configuration set publishes them to
 * EventBridge's default bus, one rule of this configuration set's events invokes mail-events, and
 * mail-events may do nothing but record them.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { EmailSending } from '../../infra/constructs/email-sending.ts';
import { functions } from '../../infra/inventory.ts';
import { mailEventNames } from '../../infra/mail-events.ts';
import { actionsOf, arnOf, courtdesk, logicalId, refOf, resourcesOf, statementsOfRole } from './support.ts';

// The whole app, as the other construct files read it (no nag, no web build).
const { stack, template, resources } = courtdesk();

const mailEventsFunction = () => stack.functions.get('mail-events');
const undeliveredQueue = () => {
  const entry = stack.email.failedEvents.find(({ name }) => name === 'mail-events-undelivered');
  if (!entry) throw new Error('mail-events has no undelivered-events queue');
  return entry.queue;
};

describe('the inventory', () => {
  it('has one mail-events function, for bounces and complaints', () => {
    const triggers = functions.flatMap((spec) =>
      spec.triggers.flatMap((trigger) =>
        trigger.kind === 'mail-events' ? [[spec.name, trigger.events] as const] : [],
      ),
    );
    expect(triggers).toEqual([['mail-events', ['bounce', 'complaint']]]);
  });
});

describe('SES event destination', () => {
  it('publishes bounces and complaints of the configuration set to the default event bus, only those', () => {
    const destinations = template.findResources('AWS::SES::ConfigurationSetEventDestination');
    expect(Object.values(destinations).map((destination) => destination.Properties)).toEqual([
      {
        ConfigurationSetName: refOf(stack.email.configurationSet),
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ['bounce', 'complaint'],
          EventBridgeDestination: {
            EventBusArn: {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':events:',
                  { Ref: 'AWS::Region' },
                  ':',
                  { Ref: 'AWS::AccountId' },
                  ':event-bus/default',
                ],
              ],
            },
          },
        },
      },
    ]);
  });
});

describe('the rule', () => {
  it("matches SES's bounce and complaint events of this configuration set and invokes mail-events only", () => {
    const [rule] = stack.email.eventRules;
    expect(stack.email.eventRules).toHaveLength(1);
    expect(resources[logicalId(rule!)]?.Properties).toEqual({
      Description: 'courtdesk mail-events: SES bounce, complaint events of the configuration set',
      EventPattern: {
        source: ['aws.ses'],
        'detail-type': ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [refOf(stack.email.configurationSet)] } } },
      },
      State: 'ENABLED',
      Targets: [
        {
          Arn: arnOf(mailEventsFunction().function),
          Id: 'Target0',
          // An event EventBridge cannot deliver is retried for a day, then kept, not dropped.
          DeadLetterConfig: { Arn: arnOf(undeliveredQueue()) },
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
        },
      ],
    });
  });

  it('names the events as the sandbox simulator does', () => {
    expect(Object.values(mailEventNames).map((names) => names.detailType)).toEqual([
      'Email Bounced',
      'Email Complaint Received',
    ]);
  });

  it('is the only thing that may invoke mail-events', () => {
    const fn = mailEventsFunction();
    const permissions = Object.values(
      template.findResources('AWS::Lambda::Permission', {
        Properties: { FunctionName: arnOf(fn.function) },
      }),
    ).map((permission) => permission.Properties);
    expect(permissions).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: arnOf(fn.function),
        Principal: 'events.amazonaws.com',
        SourceArn: arnOf(stack.email.eventRules[0]!),
      },
    ]);
    expect(fn.schedules).toEqual([]);
    template.resourcePropertiesCountIs(
      'AWS::Lambda::EventSourceMapping',
      { FunctionName: refOf(fn.function) },
      0,
    );
  });
});

describe('mail-events', () => {
  const statements = () => statementsOfRole(template, logicalId(mailEventsFunction().role));

  it('reads no ticket: it checks one exists and puts the bounce or complaint, and its audit record', () => {
    const dynamo = statements()
      .flatMap(actionsOf)
      .filter((action) => action.startsWith('dynamodb:'))
      .sort();
    expect([...new Set(dynamo)]).toEqual(['dynamodb:ConditionCheckItem', 'dynamodb:PutItem']);
  });

  it('cannot send e-mail, touch the mail bucket, or send to any queue but its on-failure queue', () => {
    const actions = statements().flatMap(actionsOf);
    expect(actions.filter((action) => /^(ses|s3|sns|events):/.test(action))).toEqual([]);
    // Its role writes to the on-failure queue; the undelivered-events queue is EventBridge's.
    const failures = stack.email.failedEvents
      .filter(({ name }) => name.endsWith('-failures'))
      .map(({ queue }) => arnOf(queue));
    const sqs = statements().filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('sqs:')),
    );
    expect(sqs.flatMap(resourcesOf)).toEqual(failures);
  });

  it('keeps events it failed on three times on its encrypted, alarmed on-failure queue', () => {
    const [failures] = stack.email.failedEvents;
    expect(failures?.name).toBe('mail-events-failures');
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(mailEventsFunction().function) },
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(failures!.queue), 'Arn'] } },
      },
    });
    expect(stack.monitoring.alarms.some((alarm) => alarm.node.id === 'MailEventsFailuresDeadLetters')).toBe(
      true,
    );
  });

  it('receives the table names only', () => {
    const variables = (
      resources[logicalId(mailEventsFunction().function)]!.Properties.Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;
    expect(Object.keys(variables).sort()).toEqual([
      'AUDIT_TABLE',
      'NODE_OPTIONS',
      'POWERTOOLS_SERVICE_NAME',
      'TICKETS_TABLE',
    ]);
  });
});

describe('EmailSending.addEventHandler', () => {
  it('refuses a handler of no events', () => {
    const scope = new Stack(new App(), 'Sending');
    const sending = new EmailSending(scope, 'EmailSending', { senderAddress: 'noreply@example.lv' });
    const handler = new LambdaFunction(scope, 'Handler', {
      runtime: Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = async () => {};'),
    });
    expect(() => sending.addEventHandler('nothing', handler, [])).toThrow(/handles no events/);
  });
});
