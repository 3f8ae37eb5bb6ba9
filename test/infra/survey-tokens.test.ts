import { describe, expect, it } from 'vitest';
import { allowedActionsByResource, arnOf, courtdesk, logicalId, statementsOf } from './support.ts';

const { stack, template } = courtdesk();

describe('the survey links’ HMAC key', () => {
  const macKey = () => stack.surveyTokens.key;

  it('is an HMAC_256 key for MACs only, kept with the stack', () => {
    const key = template.toJSON().Resources[logicalId(macKey())];
    expect(key).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(key.Properties).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    // HMAC keys cannot rotate automatically; nothing pretends they do.
    expect(key.Properties.EnableKeyRotation).toBeUndefined();
  });

  it('send-email may only make MACs, survey-api only check them, and no other function touches the key', () => {
    const keyArn = JSON.stringify(arnOf(macKey()));
    for (const fn of stack.functions.all) {
      const kms = allowedActionsByResource(statementsOf(fn.spec.name), 'kms');
      const expected =
        fn.spec.name === 'send-email'
          ? ['kms:GenerateMac']
          : fn.spec.name === 'survey-api'
            ? ['kms:VerifyMac']
            : undefined;
      expect(kms[keyArn], fn.spec.name).toEqual(expected);
    }
  });

  it('gives both functions the key’s ARN as SURVEY_MAC_KEY', () => {
    const resources = template.toJSON().Resources as Record<string, { Properties?: Record<string, unknown> }>;
    for (const name of ['send-email', 'survey-api']) {
      const fn = resources[logicalId(stack.functions.get(name).function)];
      const environment = fn?.Properties?.Environment as { Variables: Record<string, unknown> } | undefined;
      const variables = environment?.Variables ?? {};
      expect(variables.SURVEY_MAC_KEY, name).toEqual(arnOf(macKey()));
    }
  });
});

describe('survey-api', () => {
  it('reads the ticket and its response and writes the response with its audit record, nothing more', () => {
    const dynamodb = allowedActionsByResource(statementsOf('survey-api'), 'dynamodb');
    const tickets = JSON.stringify(arnOf(stack.data.table('tickets').table));
    const audit = JSON.stringify(arnOf(stack.data.table('audit').table));
    expect(dynamodb[tickets]).toEqual([
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
    ]);
    expect(dynamodb[audit]).toEqual(['dynamodb:PutItem']);
  });

  it('has its own route throttle on GET and POST /api/survey and POST /api/survey/view', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0] as {
      Properties: { RouteSettings: Record<string, unknown> };
    };
    expect(stage.Properties.RouteSettings['GET /api/survey']).toEqual({
      ThrottlingRateLimit: 10,
      ThrottlingBurstLimit: 20,
    });
    expect(stage.Properties.RouteSettings['POST /api/survey']).toBeDefined();
    expect(stage.Properties.RouteSettings['POST /api/survey/view']).toEqual(
      stage.Properties.RouteSettings['GET /api/survey'],
    );
  });
});
