import { Fn, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec, Trigger } from '../inventory.ts';
import { acknowledgeNagFinding } from './nag.ts';
import { pascalCase } from './naming.ts';

/**
 * Who issues staff tokens. Routes with `auth: 'staff'` accept only a JWT from this issuer for this
 * app client: API Gateway compares an access token's `client_id` (an ID token's `aud`) with it.
 */
export interface StaffTokenIssuer {
  /** The tokens' `iss`, e.g. `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
  readonly issuerUrl: string;
  /** The app client the tokens must have been issued to. */
  readonly clientId: string;
}

/** Properties of {@link WebIntake}. */
export interface WebIntakeProps {
  /** The functions whose `http` triggers become routes, normally the inventory's `functions`. */
  readonly functions: readonly FunctionSpec[];
  /** The Lambda function behind the inventory function named `name`. */
  readonly handlerOf: (name: string) => IFunction;
  /**
   * The issuer of staff tokens; required when a trigger has `auth: 'staff'`.
   * @default - no staff routes allowed
   */
  readonly staffTokens?: StaffTokenIssuer;
  /**
   * Steady-state requests per second across the API's routes.
   * @default 50
   */
  readonly rateLimit?: number;
  /**
   * Requests the API absorbs in a burst above the steady rate.
   * @default 100
   */
  readonly burstLimit?: number;
  /**
   * How long API access logs are kept.
   * @default three months
   */
  readonly accessLogRetention?: RetentionDays;
}

/**
 * Paths under this prefix are staff endpoints: a trigger there without `auth: 'staff'` is refused
 * at synthesis, so a staff route can never be published without the authorizer.
 */
const staffPathPrefix = '/api/staff/';

/** The header the admin page sends its access token in (`Authorization: Bearer <token>`). */
const staffTokenSource = '$request.header.Authorization';

/**
 * The HTTP API: one route per `http` trigger of the inventory, each a Lambda proxy integration
 * (payload 2.0). Public routes have no authorizer (their cdk-nag finding is acknowledged with the
 * reason); `auth: 'staff'` routes share one JWT authorizer for the staff token issuer. The
 * `$default` stage deploys automatically, throttles, and writes access logs in JSON without client
 * IP or user agent (the audit trail keeps those where needed).
 */
export class WebIntake extends Construct {
  public readonly api = new HttpApi(this, 'Api', {
    description:
      'courtdesk HTTP API: public intake and the staff API (served under /api/* through CloudFront)',
    createDefaultStage: false,
  });
  public readonly stage: HttpStage;
  public readonly accessLogs: LogGroup;
  /** The JWT authorizer of the staff routes, if the functions have any. */
  public readonly staffAuthorizer: HttpJwtAuthorizer | undefined;

  constructor(scope: Construct, id: string, props: WebIntakeProps) {
    super(scope, id);

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 50, burstLimit: props.burstLimit ?? 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            errorMessage: '$context.error.message',
          }),
        ),
      },
    });

    const httpTriggers = props.functions.flatMap((spec) =>
      spec.triggers.flatMap((trigger) => (trigger.kind === 'http' ? [{ spec, trigger }] : [])),
    );
    for (const { trigger } of httpTriggers) {
      if (trigger.path.startsWith(staffPathPrefix) && trigger.auth !== 'staff')
        throw new Error(`WebIntake: ${trigger.method} ${trigger.path} is a staff path without auth: 'staff'`);
    }
    this.staffAuthorizer = httpTriggers.some(({ trigger }) => trigger.auth === 'staff')
      ? staffAuthorizerFor(props.staffTokens)
      : undefined;

    // CloudFormation's RouteSettings is a JSON map: its values are written as the template has them.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const { spec, trigger } of httpTriggers) {
      const routes = this.api.addRoutes({
        path: trigger.path,
        methods: [HttpMethod[trigger.method]],
        integration: new HttpLambdaIntegration(
          `${pascalCase(spec.name)}${pascalCase(trigger.method)}Integration`,
          props.handlerOf(spec.name),
        ),
        ...(trigger.auth === 'staff' ? { authorizer: this.staffAuthorizer } : {}),
      });
      if (trigger.throttle) {
        routeSettings[`${trigger.method} ${trigger.path}`] = {
          ThrottlingRateLimit: trigger.throttle.rateLimit,
          ThrottlingBurstLimit: trigger.throttle.burstLimit,
        };
        // A stage's route settings name routes that must exist first.
        for (const route of routes) this.stage.node.addDependency(route);
      }
      // Staff routes are not acknowledged: AwsSolutions-APIG4 is satisfied by the authorizer.
      if (trigger.auth === 'staff') continue;
      for (const route of routes) {
        acknowledgeNagFinding(route, 'AwsSolutions-APIG4', publicRouteReason(spec, trigger));
      }
    }
    if (Object.keys(routeSettings).length > 0)
      (this.stage.node.defaultChild as CfnStage).routeSettings = routeSettings;
  }

  /** Host name of the API's default endpoint, for use as a CloudFront origin. */
  public get domainName(): string {
    return Fn.select(2, Fn.split('/', this.api.apiEndpoint));
  }
}

function staffAuthorizerFor(issuer: StaffTokenIssuer | undefined): HttpJwtAuthorizer {
  if (!issuer) throw new Error("WebIntake: a trigger has auth: 'staff' but no staffTokens issuer was given");
  return new HttpJwtAuthorizer('StaffAuthorizer', issuer.issuerUrl, {
    authorizerName: 'staff',
    identitySource: [staffTokenSource],
    jwtAudience: [issuer.clientId],
  });
}

/** Why a route without authorization is acceptable, for the cdk-nag acknowledgement. */
function publicRouteReason(spec: FunctionSpec, trigger: Extract<Trigger, { kind: 'http' }>): string {
  const route = `${trigger.method} ${trigger.path}`;
  if (trigger.method === 'GET' && trigger.path === '/api/auth/config')
    return `${route} is public by design: it tells the admin page where to sign in (hosted sign-in domain, client id) and returns no data; stage throttling limits it.`;
  if (trigger.throttle)
    return `${route} is public by design (${spec.description}); abuse is limited by its own route throttle (${trigger.throttle.rateLimit}/s, burst ${trigger.throttle.burstLimit}) under the stage's, and body limits. That throttle is shared by all clients, so one client can use it up: per-client (per-IP) limits come with the WAF (issue 19).`;
  return `${route} is public by design (${spec.description}); abuse is limited by stage throttling, body limits and the form's honeypot.`;
}
