/**
 * The CloudFront distribution's web ACL, in a small stack of its own: a web ACL for CloudFront must
 * be created in us-east-1, and courtdesk's data stays in its EU region. The main stack reads the
 * ACL's ARN from this stack's output (`Fn::GetStackOutput`, across regions) and deploys after it,
 * in the same `cdk deploy`.
 *
 * Rules, in order: AWS's managed groups (IP reputation, common, known bad inputs); per client
 * address, a rate-based rule per group of the edge limits (`edge-limits.ts`) that labels an address
 * past its limit, which the next rules answer 429 with `Retry-After` and the message in the
 * client's language, chosen as the functions choose it (the body's `language`, else
 * Accept-Language, else Latvian); and a challenge for addresses past the lower threshold.
 */
import { CfnOutput, Stack, type StackProps, Token } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { Language } from '../shared/domain/language.ts';
import { GlobalEventForwarding } from './constructs/global-event-forwarding.ts';
import { acknowledgeNagFinding } from './constructs/nag.ts';
import { securityEvents } from './constructs/security-alarms.ts';
import {
  type EdgeLimitGroup,
  type EdgeLimits,
  edgeLimitAnswer,
  edgeLimitedRoutes,
  edgeLimitGroups,
} from './edge-limits.ts';

type Statement = CfnWebACL.StatementProperty;

/** The output holding the web ACL's ARN, read by the main stack. */
export const webAclArnOutput = 'WebAclArn';

/** A CloudFront web ACL lives in us-east-1 whatever region the rest of the app is in. */
export const edgeRegion = 'us-east-1';

export interface EdgeWafStackProps extends StackProps {
  /** The per-address limits (context `courtdesk:edgeLimits`, parsed). */
  readonly limits: EdgeLimits;
  /**
   * The main stack's region, other than us-east-1: IAM's security events, which CloudTrail
   * delivers to EventBridge here only, are forwarded to its default bus (`global-event-forwarding.ts`).
   * @default - none forwarded (the main stack is in us-east-1, or its region is not known at synthesis)
   */
  readonly forwardSecurityEventsTo?: string;
  /** Undeliverable forwards are reported to this address too (context `courtdesk:alarmEmail`). */
  readonly alarmEmail?: string;
}

const noTransformation = [{ priority: 0, type: 'NONE' }];

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const exactly = (fieldToMatch: CfnWebACL.FieldToMatchProperty, searchString: string): Statement => ({
  byteMatchStatement: {
    fieldToMatch,
    positionalConstraint: 'EXACTLY',
    searchString,
    textTransformations: noTransformation,
  },
});

const anyOf = (statements: Statement[]): Statement =>
  statements.length === 1 ? (statements[0] as Statement) : { orStatement: { statements } };

/** The group's routes: method and path exactly, as API Gateway routes them. */
function routesOf(group: EdgeLimitGroup): Statement {
  return anyOf(
    edgeLimitedRoutes(group).map((route) => ({
      andStatement: {
        statements: [exactly({ method: {} }, route.method), exactly({ uriPath: {} }, route.path)],
      },
    })),
  );
}

/** The JSON body names `language` (the first 16 KB CloudFront lets WAF read are enough). */
const bodyLanguage = (language: Language): Statement => ({
  regexMatchStatement: {
    fieldToMatch: { body: { oversizeHandling: 'CONTINUE' } },
    regexString: `"language"\\s*:\\s*"${language}"`,
    textTransformations: noTransformation,
  },
});

/** English as the functions' `languageOf` reads it: the body's language, else Accept-Language. */
const inEnglish: Statement = {
  orStatement: {
    statements: [
      bodyLanguage('en'),
      {
        andStatement: {
          statements: [
            {
              regexMatchStatement: {
                fieldToMatch: { singleHeader: { Name: 'accept-language' } },
                regexString: '^\\s*en\\b',
                textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
              },
            },
            { notStatement: { statement: bodyLanguage('lv') } },
          ],
        },
      },
    ],
  },
};

const overLimitLabel = (group: EdgeLimitGroup) => `courtdesk:edge:over-limit:${group}`;
const answerBodyKey = (language: Language) => `too-many-requests-${language}`;

export class EdgeWafStack extends Stack {
  public readonly webAcl: CfnWebACL;
  /** IAM's security events forwarded to the main region, if it is another one. */
  public readonly securityEventForwarding?: GlobalEventForwarding;

  constructor(scope: Construct, id: string, props: EdgeWafStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: edgeRegion } });
    const { limits } = props;

    /** An AWS managed rule group, its rules' own actions kept except those only counted. */
    const managed = (priority: number, name: string, countOnly: readonly string[] = []) => ({
      name: `aws-${name}`,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(countOnly.length
            ? { ruleActionOverrides: countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
            : {}),
        },
      },
      visibilityConfig: visibility(`aws-${name}`),
    });

    const rules: CfnWebACL.RuleProperty[] = [
      managed(0, 'AWSManagedRulesAmazonIpReputationList'),
      managed(1, 'AWSManagedRulesCommonRuleSet', [
        // The form takes a message of up to 20,000 characters and staff replies are longer: bodies
        // above 8 KB are the functions' to refuse, each at its own limit.
        'SizeRestrictions_BODY',
        // Clients write what they like and staff answer it: every text is shown literally, never
        // as markup (the admin page's tests check it), and a blocked form would lose the message.
        'CrossSiteScripting_BODY',
      ]),
      managed(2, 'AWSManagedRulesKnownBadInputsRuleSet'),
    ];

    edgeLimitGroups.forEach((group, index) => {
      const { limit, windowSeconds, challengeAt } = limits[group];
      // Counts the group's requests by address; past the limit, labels them for the 429 below.
      rules.push({
        name: `${group}-over-limit`,
        priority: 10 + index,
        action: { count: {} },
        ruleLabels: [{ name: overLimitLabel(group) }],
        statement: {
          rateBasedStatement: {
            aggregateKeyType: 'IP',
            limit,
            evaluationWindowSec: windowSeconds,
            scopeDownStatement: routesOf(group),
          },
        },
        visibilityConfig: visibility(`${group}-over-limit`),
      });
      const labelled: Statement = { labelMatchStatement: { scope: 'LABEL', key: overLimitLabel(group) } };
      const refuse = (language: Language): CfnWebACL.RuleActionProperty => ({
        block: {
          customResponse: {
            responseCode: 429,
            customResponseBodyKey: answerBodyKey(language),
            // WAF lets an address in again once its rate in the window is below the limit.
            responseHeaders: [{ name: 'retry-after', value: String(windowSeconds) }],
          },
        },
      });
      rules.push(
        {
          name: `${group}-too-many-en`,
          priority: 20 + 2 * index,
          action: refuse('en'),
          statement: { andStatement: { statements: [labelled, inEnglish] } },
          visibilityConfig: visibility(`${group}-too-many-en`),
        },
        {
          name: `${group}-too-many`,
          priority: 21 + 2 * index,
          action: refuse('lv'),
          statement: labelled,
          visibilityConfig: visibility(`${group}-too-many`),
        },
        {
          // Below the limit but busy: a client without a valid WAF token is challenged (202).
          name: `${group}-challenge`,
          priority: 30 + index,
          action: { challenge: {} },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: challengeAt,
              evaluationWindowSec: windowSeconds,
              scopeDownStatement: routesOf(group),
            },
          },
          visibilityConfig: visibility(`${group}-challenge`),
        },
      );
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: 'courtdesk-edge',
      description: 'courtdesk: managed rules and per-address limits on the public form, assistant and survey',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      rules,
      customResponseBodies: Object.fromEntries(
        (['lv', 'en'] as const).map((language) => [
          answerBodyKey(language),
          { contentType: 'APPLICATION_JSON', content: JSON.stringify(edgeLimitAnswer(language)) },
        ]),
      ),
      visibilityConfig: visibility('courtdesk-edge'),
    });

    acknowledgeNagFinding(
      this.webAcl,
      'NIST.800.53.R5-WAFv2LoggingEnabled',
      "WAF's logs would hold every client's address and request headers in us-east-1, outside the EU region the court's data stays in; what the web ACL blocks, challenges and counts is in its CloudWatch metrics per rule, with sampled requests kept three hours (sampledRequestsEnabled).",
    );

    const target = props.forwardSecurityEventsTo;
    if (target && target !== edgeRegion && !Token.isUnresolved(target))
      this.securityEventForwarding = new GlobalEventForwarding(this, 'SecurityEventForwarding', {
        targetRegion: target,
        events: securityEvents.filter((spec) => spec.source === 'aws.iam'),
        ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
      });

    new CfnOutput(this, webAclArnOutput, {
      description: "The web ACL's ARN, which the CloudFront distribution of the main stack names",
      value: this.webAcl.attrArn,
    }).overrideLogicalId(webAclArnOutput);
  }
}
