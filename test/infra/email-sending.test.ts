import { fileURLToPath } from 'node:url';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app-factory.ts';
import { courtdesk, logicalId, refOf, skipBundling, testContext } from './support.ts';

const { stack, template } = courtdesk();

describe('e-mail', () => {
  it('verifies the sender domain with a configuration set that requires TLS', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: testContext['courtdesk:senderDomain'],
      ConfigurationSetAttributes: { ConfigurationSetName: refOf(stack.email.configurationSet) },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
  });

  it("sends with the custom MAIL FROM domain, falling back to SES's while its DNS records are missing", () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: testContext['courtdesk:senderDomain'],
      MailFromAttributes: {
        MailFromDomain: testContext['courtdesk:mailFromDomain'],
        BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
      },
    });
  });
});

describe('the acknowledgement budget context', () => {
  const budgetOf = (context: Record<string, unknown>) => {
    const { stack } = buildApp({
      context: { ...testContext, ...skipBundling, ...context },
      nag: false,
      webAssetsPath: fileURLToPath(new URL('./no-web-build', import.meta.url)),
    });
    const fn = stack.functions.get('send-email').function;
    const properties = Template.fromStack(stack).toJSON().Resources[logicalId(fn)].Properties;
    return (properties.Environment as { Variables: Record<string, string> }).Variables
      .ACKNOWLEDGEMENT_BUDGET_PER_HOUR;
  };

  it('gives send-email the hourly budget from context, 2000 by default, and refuses a malformed one', () => {
    expect(budgetOf({})).toBe('2000');
    expect(budgetOf({ 'courtdesk:acknowledgementBudgetPerHour': 300 })).toBe('300');
    expect(budgetOf({ 'courtdesk:acknowledgementBudgetPerHour': '450' })).toBe('450');
    for (const wrong of ['many', 0, -5, 1.5])
      expect(() => budgetOf({ 'courtdesk:acknowledgementBudgetPerHour': wrong })).toThrow(
        /acknowledgementBudgetPerHour must be a whole number from 1/,
      );
  });
});
