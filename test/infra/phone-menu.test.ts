/**
 * The phone menu (§8) in Amazon Connect: deployed only when the stack is told the instance
 * (context `courtdesk:connect`), as a contact flow generated from the topic catalogue.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app-factory.ts';
import { phoneMenuFlow } from '../../shared/domain/phone-menu.ts';
import { skipBundling, testContext } from './support.ts';

const arn = 'arn:aws:connect:eu-central-1:123456789012:instance/0a1b2c3d-4e5f';
const connect = {
  instanceArn: arn,
  queueArn: `${arn}/queue/q-client-service`,
  greetingPromptArn: `${arn}/prompt/p-greeting`,
  menuPromptArn: `${arn}/prompt/p-menu`,
};

const flows = (context: Record<string, unknown>) =>
  Template.fromStack(
    buildApp({ context: { ...context, ...skipBundling }, nag: false, webAssetsPath: '/nonexistent' }).stack,
  ).findResources('AWS::Connect::ContactFlow');

describe('phone menu', () => {
  it('is not deployed without an Amazon Connect instance', () => {
    expect(Object.keys(flows(testContext))).toEqual([]);
  });

  it('is the catalogue’s flow in the given instance, with the recorded prompts and the queue', () => {
    for (const context of [connect, JSON.stringify(connect)]) {
      const [flow, ...others] = Object.values(flows({ ...testContext, 'courtdesk:connect': context }));
      expect(others).toEqual([]);
      expect(flow?.Properties).toMatchObject({ InstanceArn: arn, Type: 'CONTACT_FLOW', State: 'ACTIVE' });
      expect(JSON.parse(String(flow?.Properties.Content))).toEqual(
        phoneMenuFlow({
          queueArn: connect.queueArn,
          prompts: { greeting: connect.greetingPromptArn, menu: connect.menuPromptArn },
        }),
      );
    }
  });

  it('refuses a context whose ARNs are not Amazon Connect ones, naming the field', () => {
    expect(() =>
      flows({
        ...testContext,
        'courtdesk:connect': { ...connect, queueArn: 'arn:aws:sqs:eu-central-1:123456789012:q' },
      }),
    ).toThrow(/courtdesk:connect\.queueArn/);
    expect(() =>
      flows({ ...testContext, 'courtdesk:connect': { ...connect, menuPromptArn: undefined } }),
    ).toThrow(/menuPromptArn/);
  });
});
