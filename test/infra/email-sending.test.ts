import { describe, it } from 'vitest';
import { courtdesk, refOf, testContext } from './support.ts';

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
