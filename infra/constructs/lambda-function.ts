import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { AssetHashType, DockerImage, Duration, type ILocalBundling, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as InvokeFunction } from 'aws-cdk-lib/aws-events-targets';
import { Grant, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Architecture,
  Code,
  EventSourceMapping,
  FilterCriteria,
  FilterRule,
  Function as LambdaFunction,
  Runtime,
  StartingPosition,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { lambdaHandler } from '../bundling/bundle-function.ts';
import {
  type BucketGrant,
  type BucketId,
  type BucketSpecOf,
  type FunctionSpec,
  type StreamKeyFilter,
  type TableAccess,
  type Trigger,
  writeActions,
} from '../inventory.ts';
import { acknowledgeNagFinding } from './nag.ts';
import { pascalCase } from './naming.ts';

/** The latest Node.js runtime aws-cdk-lib knows; cdk-nag's AwsSolutions-L1 asks for it. */
export const nodeRuntime = Runtime.NODEJS_24_X;

/**
 * `text` as an IAM description, which admits Latin-1 only: arrows become `->`, any other character
 * outside Latin-1 a `-` (CloudFormation would reject the role).
 */
export function iamDescription(text: string): string {
  return text.replace(/→/g, '->').replace(/[^\t\n\r\x20-\x7E\xA1-\xFF]/g, '-');
}

/**
 * Lambda's filter pattern for one of a trigger's key filters: on the record's `Keys`, which
 * INSERT, MODIFY and REMOVE records all carry (string keys: `{ S: … }`).
 */
export function streamFilterPattern(filter: StreamKeyFilter): Record<string, unknown> {
  const rule = 'prefix' in filter ? FilterRule.beginsWith(filter.prefix) : FilterRule.or(...filter.anyOf);
  return FilterCriteria.filter({ dynamodb: { Keys: { [filter.key]: { S: rule } } } });
}

/** What a function may do in one bucket: read (GetObject), write (PutObject), list, by prefix. */
export type BucketAccess = BucketGrant;

/**
 * Builds one function's bundle into CDK's output folder with `scripts/bundle.ts`, the bundler of
 * `npm run bundle`, so CDK deploys exactly what the budgets were checked on: handler.mjs with its
 * chunks. A child process, because CDK asks for the bundle synchronously and the bundler is async.
 * No Docker: it builds or throws. Skipped like any bundling when the stack is not bundled (the
 * `aws:cdk:bundling-stacks` context).
 */
class FunctionBundling implements ILocalBundling {
  readonly #projectRoot: string;

  /** `functionName` is enumerable: CDK tells assets apart by their bundling options' JSON. */
  constructor(
    public readonly functionName: string,
    projectRoot: string,
  ) {
    this.#projectRoot = projectRoot;
  }

  tryBundle(outputDir: string): boolean {
    const script = join(this.#projectRoot, 'scripts', 'bundle.ts');
    try {
      execFileSync(process.execPath, ['--import', 'tsx', script, '--outdir', outputDir, this.functionName], {
        cwd: this.#projectRoot,
        stdio: ['ignore', 'inherit', 'pipe'],
      });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
      throw new Error(`Bundling ${this.functionName} failed: ${stderr || String(error)}`);
    }
    return true;
  }
}

/** Properties of {@link CourtdeskFunction}. */
export interface CourtdeskFunctionProps {
  /** The function's inventory entry: name, description, memory and timeout. */
  readonly spec: FunctionSpec;
  /** Folder holding `functions/` and `scripts/bundle.ts`. */
  readonly projectRoot: string;
  /**
   * How long the function's logs are kept.
   * @default three months
   */
  readonly logRetention?: RetentionDays;
  /**
   * Encrypts the function's log group (`log-key.ts`): an error may quote personal data.
   * @default - CloudWatch Logs' own encryption (cdk-nag's NIST.800.53.R5-CloudWatchLogGroupEncrypted reports it)
   */
  readonly logKey?: IKey;
}

/**
 * One Lambda function from `functions/<name>/handler.ts` with courtdesk's defaults: latest Node.js
 * on arm64, bundled offline by `npm run bundle`'s esbuild build (minified ESM split into chunks,
 * with source maps, AWS SDK v3 left to the runtime), active tracing, and its own log group and role. The role starts with nothing but
 * writing to that log group; `bindTable`, `bindQueueProducer`, `addQueueTrigger` and
 * `addScheduleTrigger` (and the e-mail construct's grant) add exactly what the inventory lists.
 */
export class CourtdeskFunction extends Construct {
  public readonly function: LambdaFunction;
  public readonly role: Role;
  public readonly logGroup: LogGroup;
  public readonly spec: FunctionSpec;
  /** The EventBridge rules of the function's schedule triggers, in inventory order. */
  public readonly schedules: Rule[] = [];
  private readonly acknowledged = new Set<string>();

  constructor(scope: Construct, id: string, props: CourtdeskFunctionProps) {
    super(scope, id);
    const { spec } = props;
    this.spec = spec;

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
      ...(props.logKey ? { encryptionKey: props.logKey } : {}),
    });

    // An explicit role instead of the default one, which would carry the AWS managed
    // AWSLambdaBasicExecutionRole (logs on every log group of the account).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: iamDescription(`courtdesk ${spec.name}: ${spec.description}`),
    });
    this.logGroup.grantWrite(this.role);

    this.function = new LambdaFunction(this, 'Function', {
      // The asset is the bundle's folder; its hash is the output's, so an unchanged bundle is not
      // uploaded again.
      code: Code.fromAsset(props.projectRoot, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never pulled: the local bundling builds or throws.
          image: DockerImage.fromRegistry('dummy'),
          local: new FunctionBundling(spec.name, props.projectRoot),
        },
      }),
      handler: lambdaHandler,
      description: spec.description,
      runtime: nodeRuntime,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'courtdesk',
        NODE_OPTIONS: '--enable-source-maps',
      },
    });

    // X-Ray's PutTraceSegments and PutTelemetryRecords have no resource-level permissions.
    acknowledgeNagFinding(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support only Resource "*".',
    );
    acknowledgeNagFinding(
      this.function,
      'NIST.800.53.R5-LambdaInsideVPC',
      'No VPC resources to reach: every dependency (DynamoDB, S3, SQS, SES, KMS, Cognito) is a regional AWS endpoint reached over TLS and authorised by the function role; a VPC would add NAT or endpoints and no control.',
    );
    acknowledgeNagFinding(
      this.role,
      'NIST.800.53.R5-IAMNoInlinePolicy',
      "CDK's grants: the role's DefaultPolicy is an AWS::IAM::Policy attached to this one role, created and deleted with it, and each of its statements is listed in the infra tests (no reusable managed policy to audit apart).",
    );
    const reason = deadLetterReason(spec);
    acknowledgeNagFinding(this.function, 'NIST.800.53.R5-LambdaDLQ', reason);
    acknowledgeNagFinding(this.function, 'Serverless-LambdaDLQ', reason);
  }

  /**
   * Grants exactly the DynamoDB actions of `access` on `table` (and on the named indexes), with the
   * table key's permissions those actions need, and passes the table name in the table's `envName`.
   */
  public bindTable(table: Table, access: TableAccess): void {
    // Not `table.grant`: it adds `<table>/index/*` to every grant on a table with indexes, so a
    // function that only puts items could query every index.
    const grantOn = (resourceArn: string, actions: readonly string[]) => {
      if (actions.length === 0) return;
      Grant.addToPrincipal({
        grantee: this.role,
        actions: actions.map((action) => `dynamodb:${action}`),
        resourceArns: [resourceArn],
      });
    };
    grantOn(table.tableArn, access.actions);
    for (const index of access.indexes) grantOn(`${table.tableArn}/index/${index.name}`, index.actions);

    const key = table.encryptionKey;
    if (key && access.actions.some((action) => writeActions.has(action))) {
      key.grantEncryptDecrypt(this.role);
      this.acknowledgeKeyWildcards('DynamoDB writes with a customer-managed key');
    } else if (key && (access.actions.length > 0 || access.indexes.length > 0)) {
      key.grantDecrypt(this.role);
    }
    this.function.addEnvironment(access.table.envName, table.tableName);
  }

  /**
   * Grants `s3:GetObject` under each `read` prefix and `s3:PutObject` under each `write` prefix of
   * `bucket`, `s3:ListBucket` for keys under each `list` prefix only (an `s3:prefix` condition),
   * `s3:DeleteObject` under each `delete` prefix (a refused scan), and nothing else (no other
   * prefix, no object versions); with an SSE-KMS bucket's key, `kms:Decrypt`
   * for reading (SSE-KMS objects, and the raw mail SES encrypted with the same key before storing
   * it) and `kms:GenerateDataKey` for writing. Passes the bucket name in the spec's `envName`.
   */
  public bindBucket(
    bucket: IBucket,
    key: IKey | undefined,
    spec: BucketSpecOf<BucketId>,
    access: BucketAccess,
  ): void {
    const prefixOf = (name: string): string =>
      (spec.prefixes as Readonly<Record<string, string>>)[name] ?? '';
    const grantOn = (action: string, prefixes: readonly string[] | undefined) => {
      if (!prefixes || prefixes.length === 0) return;
      Grant.addToPrincipal({
        grantee: this.role,
        actions: [action],
        resourceArns: prefixes.map((prefix) => bucket.arnForObjects(`${prefixOf(prefix)}*`)),
      });
      const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnBucket);
      for (const prefix of prefixes) {
        this.acknowledgeOnce(
          `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefixOf(prefix)}*]`,
          `${action} on the objects under ${prefixOf(prefix)} only: object keys are per message, attachment or digest, so the grant names the prefix.`,
        );
      }
    };
    grantOn('s3:GetObject', access.read as readonly string[] | undefined);
    grantOn('s3:PutObject', access.write as readonly string[] | undefined);
    grantOn('s3:DeleteObject', access.delete as readonly string[] | undefined);
    const erased = (access.eraseVersions ?? []) as readonly string[];
    if (erased.length > 0) {
      // Every delete names a version (shared/adapters/s3/object-versions.ts): a plain DeleteObject
      // would only add a delete marker in the versioned bucket, and is not granted.
      grantOn('s3:DeleteObjectVersion', erased);
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['s3:ListBucketVersions'],
          resources: [bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': erased.map((prefix) => `${prefixOf(prefix)}*`) } },
        }),
      );
    }
    const listed = (access.list ?? []) as readonly string[];
    if (listed.length > 0) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': listed.map((prefix) => `${prefixOf(prefix)}*`) } },
        }),
      );
    }

    if (key && access.read && access.read.length > 0) key.grantDecrypt(this.role);
    if (key && access.write && access.write.length > 0) key.grant(this.role, 'kms:GenerateDataKey');
    this.function.addEnvironment(spec.envName, bucket.bucketName);
  }

  /** Lets the function send to `queue` (and nothing else on it) and passes its URL in `envName`. */
  public bindQueueProducer(queue: Queue, envName: string): void {
    queue.grantSendMessages(this.role);
    this.function.addEnvironment(envName, queue.queueUrl);
    this.acknowledgeKeyWildcards('sending to a queue encrypted with a customer-managed key');
  }

  /**
   * Runs the function on batches from `queue`, reporting partial batch failures; returns the event
   * source mapping's construct.
   */
  public addQueueTrigger(queue: Queue, batchSize: number): IConstruct {
    const before = new Set(this.function.node.children);
    this.function.addEventSource(new SqsEventSource(queue, { batchSize, reportBatchItemFailures: true }));
    const mapping = this.function.node.children.find((child) => !before.has(child));
    if (!mapping) throw new Error(`${this.spec.name}: the SQS event source added no mapping`);
    return mapping;
  }

  /**
   * Runs the function on the changes of `table` (which must have a stream), as the trigger says:
   * from the oldest record kept, one batch per shard at a time (parallelization 1: an item's
   * changes in order), partial batch failures, a failing batch bisected, bounded retries and
   * record age, then the batch's position in `onFailure`. Only records whose keys match one of
   * the trigger's filters invoke the function. Grants reading that table's stream only (and its
   * key's Decrypt), never the table's items.
   */
  public addTableStreamTrigger(
    table: Table,
    trigger: Extract<Trigger, { kind: 'table-stream' }>,
    onFailure: Queue,
  ): EventSourceMapping {
    const streamArn = table.tableStreamArn;
    if (!streamArn) throw new Error(`${this.spec.name}: table ${trigger.table} has no stream`);
    Grant.addToPrincipal({
      grantee: this.role,
      actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      resourceArns: [streamArn],
    });
    // Lambda lists streams too. ListStreams supports no resource-level permissions (the Service
    // Authorization Reference lists no resource type for it): IAM matches it on `*` only, so a
    // grant naming the table's streams would never apply. It reveals stream ARNs, not records.
    Grant.addToPrincipal({
      grantee: this.role,
      actions: ['dynamodb:ListStreams'],
      resourceArns: ['*'],
    });
    this.acknowledgeOnce(
      'AwsSolutions-IAM5[Resource::*]',
      `dynamodb:ListStreams has no resource-level permissions (IAM evaluates it on "*" only) and lists stream ARNs, no items; the ${trigger.table} stream's records are read (DescribeStream, GetRecords, GetShardIterator) from its one stream ARN.`,
    );
    table.encryptionKey?.grantDecrypt(this.role);
    return new EventSourceMapping(this, `${pascalCase(trigger.table)}Stream`, {
      target: this.function,
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: trigger.batchSize,
      maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds),
      parallelizationFactor: 1,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: trigger.retryAttempts,
      maxRecordAge: Duration.seconds(trigger.maxRecordAgeSeconds),
      onFailure: new SqsDlq(onFailure),
      filters: trigger.filters.map(streamFilterPattern),
    });
  }

  /**
   * Runs the function on an EventBridge schedule (`cron(…)` or `rate(…)`, UTC). The rule invokes
   * it asynchronously, so Lambda retries a failed run twice; the function may be invoked by this
   * rule only (the invoke permission names the rule's ARN). An invocation EventBridge cannot make
   * within a day goes to `deadLetterQueue`.
   */
  public addScheduleTrigger(expression: string, deadLetterQueue?: Queue): Rule {
    const rule = new Rule(this, `Schedule${this.schedules.length + 1}`, {
      description: `courtdesk ${this.spec.name}: ${expression}`,
      schedule: Schedule.expression(expression),
      // An invocation EventBridge could not make (Lambda refusing it) is kept, not lost unseen.
      targets: [
        new InvokeFunction(this.function, {
          ...(deadLetterQueue
            ? { deadLetterQueue, retryAttempts: 185, maxEventAge: Duration.hours(24) }
            : {}),
        }),
      ],
    });
    this.schedules.push(rule);
    return rule;
  }

  private acknowledgeKeyWildcards(why: string): void {
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      this.acknowledgeOnce(
        `AwsSolutions-IAM5[Action::${action}]`,
        `CDK's KMS grant for ${why}: ${action} covers the key's data-key and re-encrypt variants, on that one key only.`,
      );
    }
  }

  private acknowledgeOnce(id: string, reason: string): void {
    if (this.acknowledged.has(id)) return;
    this.acknowledged.add(id);
    acknowledgeNagFinding(this.role, id, reason);
  }
}

/**
 * Why the function needs no dead-letter queue of its own (Lambda's DeadLetterConfig, which cdk-nag
 * asks of every function), by how it is invoked: only an asynchronous invocation can lose an event.
 */
export function deadLetterReason(spec: FunctionSpec): string {
  const kinds = new Set(spec.triggers.map((trigger) => trigger.kind));
  const reasons: string[] = [];
  if (kinds.has('http'))
    reasons.push(
      'invoked synchronously by API Gateway: a failure is answered to the caller, no event is left to keep',
    );
  if (kinds.has('queue'))
    reasons.push(
      "invoked synchronously by its SQS event source mapping: a failed message stays in its queue and moves to that queue's dead-letter queue after its receive count (queues.ts)",
    );
  if (kinds.has('table-stream'))
    reasons.push(
      "invoked synchronously by its stream's event source mapping: a failed batch's position goes to its on-failure queue",
    );
  if (kinds.has('email') || kinds.has('object-created') || kinds.has('mail-events'))
    reasons.push(
      'invoked asynchronously with an on-failure destination (EventInvokeConfig, on-failure-queue.ts): a failed event is kept there with its error after two retries, which a DeadLetterConfig would keep without the error',
    );
  if (kinds.has('schedule'))
    reasons.push(
      "invoked asynchronously by its schedule with an event that carries only the time: each run works from the tables' state, so the next run redoes a failed one, and the function's Errors alarm reports it (monitoring.ts); an invocation EventBridge could not make goes to the schedules' dead-letter queue",
    );
  if (reasons.length === 0) throw new Error(`${spec.name}: no trigger to judge its dead-letter queue by`);
  return `No DeadLetterConfig needed: ${reasons.join('; ')}.`;
}
