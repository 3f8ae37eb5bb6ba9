import { Fn, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../inventory.ts';
import { acknowledgeNagFinding } from './nag.ts';
import { pascalCase } from './naming.ts';

/** Properties of {@link WebIntake}. */
export interface WebIntakeProps {
  /** The functions whose `http` triggers become routes, normally the inventory's `functions`. */
  readonly functions: readonly FunctionSpec[];
  /** The Lambda function behind the inventory function named `name`. */
  readonly handlerOf: (name: string) => IFunction;
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
 * Paths under this prefix are staff endpoints: they must get a JWT authorizer, so their missing
 * authorization is never acknowledged and cdk-nag fails until one is attached.
 */
const staffPathPrefix = '/api/staff/';

/**
 * The public HTTP API: one route per `http` trigger of the inventory, each a Lambda proxy
 * integration (payload 2.0). The `$default` stage deploys automatically, throttles, and writes
 * access logs in JSON without client IP or user agent (the audit trail keeps those where needed).
 */
export class WebIntake extends Construct {
  public readonly api: HttpApi;
  public readonly stage: HttpStage;
  public readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: WebIntakeProps) {
    super(scope, id);

    this.api = new HttpApi(this, 'Api', {
      description: 'courtdesk public intake API (served under /api/* through CloudFront)',
      createDefaultStage: false,
    });

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

    for (const spec of props.functions) {
      for (const trigger of spec.triggers) {
        if (trigger.kind !== 'http') continue;
        const routes = this.api.addRoutes({
          path: trigger.path,
          methods: [HttpMethod[trigger.method]],
          integration: new HttpLambdaIntegration(
            `${pascalCase(spec.name)}${pascalCase(trigger.method)}Integration`,
            props.handlerOf(spec.name),
          ),
        });
        if (trigger.path.startsWith(staffPathPrefix)) continue;
        for (const route of routes) {
          acknowledgeNagFinding(
            route,
            'AwsSolutions-APIG4',
            `${trigger.method} ${trigger.path} is public by design (${spec.description}); abuse is limited by stage throttling, body limits and the form's honeypot.`,
          );
        }
      }
    }
  }

  /** Host name of the API's default endpoint, for use as a CloudFront origin. */
  public get domainName(): string {
    return Fn.select(2, Fn.split('/', this.api.apiEndpoint));
  }
}
