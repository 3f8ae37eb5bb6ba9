/**
 * The CloudFront web ACL (infra/edge-waf-stack.ts): in us-east-1, AWS's managed groups, per-address
 * limits from the context on the form, assistant and survey routes, a 429 in the client's language,
 * a challenge below the limit, and the distribution of the main stack naming it.
 */
import { fileURLToPath } from 'node:url';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app-factory.ts';
import { defaultEdgeLimits, edgeLimitAnswer } from '../../infra/edge-limits.ts';
import { courtdesk, skipBundling, testContext } from './support.ts';

// Prepare: the app with the form's limit raised in the context
const { edge, stack } = buildApp({
  context: {
    ...testContext,
    ...skipBundling,
    'courtdesk:edgeLimits': { form: { limit: 40, challengeAt: 25 } },
  },
  nag: false,
  webAssetsPath: fileURLToPath(new URL('./no-web-build', import.meta.url)),
});
const template = Template.fromStack(edge);
const webAcl = Object.values(template.findResources('AWS::WAFv2::WebACL'))[0] as {
  Properties: {
    Rules: { Name: string; Priority: number; Statement: Record<string, unknown>; Action?: unknown }[];
  };
};
const rule = (name: string) => {
  const found = webAcl.Properties.Rules.find((candidate) => candidate.Name === name);
  if (!found) throw new Error(`no rule ${name}`);
  return found;
};

describe('edge web ACL', () => {
  it('is a CloudFront web ACL in us-east-1 that allows by default', () => {
    expect(edge.region).toBe('us-east-1');
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
    });
  });

  it("runs AWS's IP reputation, common and known-bad-inputs groups first", () => {
    const managed = webAcl.Properties.Rules.filter(
      (candidate) => 'ManagedRuleGroupStatement' in candidate.Statement,
    );
    expect(managed.map((candidate) => [candidate.Priority, candidate.Name])).toEqual([
      [0, 'aws-AWSManagedRulesAmazonIpReputationList'],
      [1, 'aws-AWSManagedRulesCommonRuleSet'],
      [2, 'aws-AWSManagedRulesKnownBadInputsRuleSet'],
    ]);
    // The form's long messages and literal texts are counted, not blocked.
    expect(
      (
        rule('aws-AWSManagedRulesCommonRuleSet').Statement.ManagedRuleGroupStatement as {
          RuleActionOverrides: { Name: string; ActionToUse: unknown }[];
        }
      ).RuleActionOverrides,
    ).toEqual([
      { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
      { Name: 'CrossSiteScripting_BODY', ActionToUse: { Count: {} } },
    ]);
  });

  it('counts POST /api/requests by address at the limit from the context, and labels the address', () => {
    expect(rule('form-over-limit')).toEqual({
      Name: 'form-over-limit',
      Priority: 10,
      Action: { Count: {} },
      RuleLabels: [{ Name: 'courtdesk:edge:over-limit:form' }],
      Statement: {
        RateBasedStatement: {
          AggregateKeyType: 'IP',
          Limit: 40,
          EvaluationWindowSec: 300,
          ScopeDownStatement: {
            AndStatement: {
              Statements: [
                {
                  ByteMatchStatement: expect.objectContaining({
                    FieldToMatch: { Method: {} },
                    SearchString: 'POST',
                  }),
                },
                {
                  ByteMatchStatement: expect.objectContaining({
                    FieldToMatch: { UriPath: {} },
                    PositionalConstraint: 'EXACTLY',
                    SearchString: '/api/requests',
                  }),
                },
              ],
            },
          },
        },
      },
      VisibilityConfig: expect.anything(),
    });
  });

  it("scopes the assistant's and the survey's limits to their routes, at the defaults", () => {
    const paths = (name: string) =>
      JSON.stringify(rule(name).Statement)
        .match(/"SearchString":"\/api\/[^"]+"/g)
        ?.map((match) => match.slice(16, -1));
    expect(paths('assistant-over-limit')).toEqual(['/api/assistant/answers', '/api/assistant/feedback']);
    expect(paths('survey-over-limit')).toEqual(['/api/survey', '/api/survey', '/api/survey/view']);
    const limitOf = (name: string) =>
      (rule(name).Statement.RateBasedStatement as { Limit: number; EvaluationWindowSec: number }).Limit;
    expect(limitOf('assistant-over-limit')).toBe(defaultEdgeLimits.assistant.limit);
    expect(limitOf('survey-over-limit')).toBe(defaultEdgeLimits.survey.limit);
    expect(limitOf('survey-challenge')).toBe(defaultEdgeLimits.survey.challengeAt);
  });

  it('answers a labelled address 429 with Retry-After and the message in its language', () => {
    const refusal = (language: 'lv' | 'en') => ({
      Block: {
        CustomResponse: {
          ResponseCode: 429,
          CustomResponseBodyKey: `too-many-requests-${language}`,
          ResponseHeaders: [{ Name: 'retry-after', Value: '300' }],
        },
      },
    });
    expect(rule('form-too-many-en').Action).toEqual(refusal('en'));
    expect(rule('form-too-many').Action).toEqual(refusal('lv'));
    expect(rule('form-too-many').Statement).toEqual({
      LabelMatchStatement: { Scope: 'LABEL', Key: 'courtdesk:edge:over-limit:form' },
    });
    // English: the body's language, else Accept-Language unless the body says Latvian.
    expect(JSON.stringify(rule('form-too-many-en').Statement)).toContain('"RegexString":"^\\\\s*en\\\\b"');
    expect(rule('form-too-many-en').Priority).toBeLessThan(rule('form-too-many').Priority);
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      CustomResponseBodies: {
        'too-many-requests-lv': {
          ContentType: 'APPLICATION_JSON',
          Content: JSON.stringify(edgeLimitAnswer('lv')),
        },
        'too-many-requests-en': {
          ContentType: 'APPLICATION_JSON',
          Content: JSON.stringify(edgeLimitAnswer('en')),
        },
      },
    });
  });

  it('challenges a busy address below the limit, after the 429 rules', () => {
    expect(rule('form-challenge').Action).toEqual({ Challenge: {} });
    expect(rule('form-challenge').Statement).toEqual({
      RateBasedStatement: expect.objectContaining({ AggregateKeyType: 'IP', Limit: 25 }),
    });
    expect(rule('form-challenge').Priority).toBeGreaterThan(rule('form-too-many').Priority);
  });

  it("is the distribution's web ACL, read from the edge stack's output, which deploys first", () => {
    expect(stack.dependencies).toContain(edge);
    template.hasOutput('WebAclArn', { Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('WebAcl'), 'Arn'] } });
    courtdesk().template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: {
          'Fn::GetStackOutput': { StackName: 'CourtdeskEdge', OutputName: 'WebAclArn', Region: 'us-east-1' },
        },
      }),
    });
  });
});
