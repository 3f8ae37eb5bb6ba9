/** The HTTP API (infra/constructs/web-intake.ts) in the stack: routes, the staff authorizer, the stage. */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { assistantThrottle, functions, surveyThrottle } from '../../infra/inventory.ts';
import { staffRoutes } from '../../shared/http/staff-contract.ts';
import { arnOf, courtdesk, logicalId, refOf, resolved, resourcesOfType } from './support.ts';

const { stack, template, resources } = courtdesk();

describe('web intake', () => {
  const routeKeys = (properties: Record<string, unknown>) =>
    Object.values(
      template.findResources('AWS::ApiGatewayV2::Route', { Properties: Match.objectLike(properties) }),
    )
      .map((route) => route.Properties.RouteKey as string)
      .sort();
  /** Written out: a route that becomes public must be added here on purpose. */
  const publicRoutes = [
    'GET /api/auth/config',
    'GET /api/survey',
    'GET /api/topics',
    'POST /api/assistant/answers',
    'POST /api/assistant/feedback',
    'POST /api/requests',
    'POST /api/survey',
    'POST /api/survey/view',
  ];
  const staffRouteKeys = staffRoutes.map((route) => `${route.method} ${route.path}`).sort();

  it('the public routes have no authorizer', () => {
    expect(routeKeys({ AuthorizationType: 'NONE' })).toEqual(publicRoutes);
    for (const routeKey of publicRoutes) {
      const [route] = Object.values(
        template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }),
      );
      expect(route?.Properties.AuthorizerId).toBeUndefined();
    }
  });

  it('every route of the staff contract, and no other, requires a staff JWT', () => {
    expect(staffRouteKeys.length).toBeGreaterThan(0);
    expect(staffRouteKeys.every((key) => key.split(' ')[1]!.startsWith('/api/staff/'))).toBe(true);
    expect(routeKeys({ AuthorizationType: 'JWT', AuthorizerId: refOf(staffAuthorizer()) })).toEqual(
      staffRouteKeys,
    );
    const allRoutes = routeKeys({});
    expect(allRoutes).toEqual([...publicRoutes, ...staffRouteKeys].sort());
  });

  it("the staff authorizer accepts only the user pool's tokens for the admin page's client", () => {
    const authorizers = resourcesOfType('AWS::ApiGatewayV2::Authorizer');
    expect(Object.keys(authorizers)).toEqual([logicalId(staffAuthorizer())]);
    const pool = refOf(stack.staffIdentity.userPool);
    expect(Object.values(authorizers)[0]?.Properties).toEqual({
      ApiId: refOf(stack.webIntake.api),
      AuthorizerType: 'JWT',
      Name: 'staff',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [refOf(stack.staffIdentity.client)],
        Issuer: {
          'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', pool]],
        },
      },
    });
    expect(resolved(stack.staffIdentity.issuerUrl)).toEqual(
      (Object.values(authorizers)[0]!.Properties.JwtConfiguration as { Issuer: unknown }).Issuer,
    );
  });

  it.each(
    functions.flatMap((spec) =>
      spec.triggers.flatMap((trigger) =>
        trigger.kind === 'http' ? [[`${trigger.method} ${trigger.path}`, spec.name] as const] : [],
      ),
    ),
  )('%s invokes %s', (routeKey, name) => {
    const routes = Object.values(
      template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }),
    );
    expect(routes).toHaveLength(1);
    const target = (routes[0]!.Properties.Target as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    const integrationId = (target[1] as { Ref: string }).Ref;
    const integration = resources[integrationId];
    expect(integration?.Properties).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: arnOf(stack.functions.get(name).function),
      PayloadFormatVersion: '2.0',
    });
  });

  it("the assistant's and the survey's routes have their own throttles, below the stage's", () => {
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    const settings = stage?.Properties.RouteSettings as Record<string, Record<string, number>>;
    const own = {
      ThrottlingRateLimit: assistantThrottle.rateLimit,
      ThrottlingBurstLimit: assistantThrottle.burstLimit,
    };
    const survey = {
      ThrottlingRateLimit: surveyThrottle.rateLimit,
      ThrottlingBurstLimit: surveyThrottle.burstLimit,
    };
    expect(settings).toEqual({
      'POST /api/assistant/answers': own,
      'POST /api/assistant/feedback': own,
      'GET /api/survey': survey,
      'POST /api/survey': survey,
      'POST /api/survey/view': survey,
    });
    const defaults = stage?.Properties.DefaultRouteSettings as Record<string, number>;
    for (const throttle of [assistantThrottle, surveyThrottle]) {
      expect(throttle.rateLimit).toBeLessThan(defaults.ThrottlingRateLimit ?? 0);
      expect(throttle.burstLimit).toBeLessThan(defaults.ThrottlingBurstLimit ?? 0);
    }
    // The stage names the routes: it is deployed after them.
    expect(stage?.DependsOn).toEqual(
      expect.arrayContaining([expect.stringMatching(/AssistantApi|answers/i)]),
    );
  });

  it('the default stage throttles and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: {
        DestinationArn: arnOf(stack.webIntake.accessLogs),
        Format: Match.stringLikeRegexp('requestId'),
      },
    });
  });
});

/** The staff authorizer's CloudFormation resource, found under the API. */
const staffAuthorizer = () => {
  const authorizer = stack.webIntake.api.node.tryFindChild('StaffAuthorizer');
  if (!authorizer) throw new Error('No StaffAuthorizer under the HTTP API');
  return authorizer;
};
