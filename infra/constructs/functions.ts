import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type BucketGrant, type BucketId, type FunctionSpec, tableAccessOf } from '../inventory.ts';
import { ById } from './by-id.ts';
import type { Data } from './data.ts';
import type { EmailSending } from './email-sending.ts';
import { CourtdeskFunction } from './lambda-function.ts';
import { acknowledgeNagFinding } from './nag.ts';
import { pascalCase } from './naming.ts';
import { failureQueue } from './on-failure-queue.ts';
import type { Queues } from './queues.ts';
import type { Storage } from './storage.ts';

/** Names of the environment variables that are not a table name or a queue URL. */
export interface FunctionEnvironmentNames {
  /** Receives the sender address, for functions that send e-mail. */
  readonly senderEnvName: string;
  /** Receives the public request body limit, for functions behind HTTP routes. */
  readonly bodyLimitEnvName: string;
  /** Receives the inbound mail domain, for functions with an `email` trigger. */
  readonly inboundDomainEnvName: string;
}

/** How the admin page signs staff in, passed to the functions behind `auth: 'staff'` routes. */
export interface StaffSignInSettings {
  /** Hosted sign-in base URL, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domainUrl: string;
  /** The admin page's app client. */
  readonly clientId: string;
  /** Minutes without activity after which the admin page signs out and the staff API refuses. */
  readonly idleTimeoutMinutes: number;
  /** Hours after the sign-in that its tokens are refreshed (the refresh token's validity). */
  readonly sessionHours: number;
}

/** Properties of {@link Functions}. */
export interface FunctionsProps {
  /** The functions to create, normally the inventory's `functions`. */
  readonly functions: readonly FunctionSpec[];
  /** Tables the functions read and write. */
  readonly data: Data;
  /** Queues the functions send to and are triggered by. */
  readonly queues: Queues;
  /** The SES identity and configuration set of functions with `sendsEmail`. */
  readonly email: EmailSending;
  /**
   * The buckets of functions with `buckets` grants.
   * @default - no function may have bucket grants
   */
  readonly storage?: Storage;
  /**
   * The domain inbound mail is received for; required when a function has an `email` trigger.
   * @default - no function may have an email trigger
   */
  readonly inboundMailDomain?: string;
  /** Environment variable names, normally the inventory's `commonEnvironment`. */
  readonly environmentNames: FunctionEnvironmentNames;
  /** Maximum accepted size of a public request body, in bytes. */
  readonly requestBodyLimitBytes: number;
  /** Folder holding `functions/` and `package-lock.json`. */
  readonly projectRoot: string;
  /**
   * Staff sign-in settings; required when a function has an `auth: 'staff'` trigger.
   * @default - no function may have staff routes
   */
  readonly staffSignIn?: StaffSignInSettings;
  /**
   * Encrypts every function's log group (`log-key.ts`).
   * @default - CloudWatch Logs' own encryption
   */
  readonly logKey?: IKey;
}

/** Name SES functions receive the configuration set in (read by `shared/config.ts`). */
export const configurationSetEnvName = 'SES_CONFIGURATION_SET';

/** Names the functions behind staff routes receive the sign-in settings in (for `GET /api/auth/config`). */
export const staffSignInEnvNames = {
  domain: 'STAFF_AUTH_DOMAIN',
  clientId: 'STAFF_AUTH_CLIENT_ID',
  idleTimeoutMinutes: 'STAFF_IDLE_TIMEOUT_MINUTES',
  sessionHours: 'STAFF_SESSION_HOURS',
} as const;

/** Whether any of the function's routes requires a staff token. */
export function servesStaff(spec: FunctionSpec): boolean {
  return spec.triggers.some((trigger) => trigger.kind === 'http' && trigger.auth === 'staff');
}

/**
 * Every function of the inventory, with exactly the grants, triggers and environment it lists:
 * the DynamoDB actions listed per table and index (with the table key's permissions they need),
 * sending to the queues in `sendsTo` only, SQS triggers with partial batch failures, one
 * EventBridge rule per schedule trigger, the configuration set's bounces and complaints for
 * `mail-events`-triggered functions only, SES sending for `sendsEmail` functions only, object reads
 * and writes under the listed bucket prefixes only, the inbound mail domain for `email`-triggered
 * functions only, and the staff sign-in settings for functions with `auth: 'staff'` routes only.
 * HTTP triggers are wired by the web intake construct, email triggers by the email intake one.
 */
export class Functions extends Construct {
  private readonly byName = new ById<string, CourtdeskFunction>('Functions', 'function');
  /**
   * The on-failure queues of the table-stream triggers, named `<function>-<table>-stream-failures`:
   * each keeps the position (shard, sequence numbers) of a batch given up on.
   */
  public readonly streamFailures: { readonly name: string; readonly queue: Queue }[] = [];
  /**
   * The dead-letter queue of every schedule rule's target (`schedule-failures`): an invocation
   * EventBridge could not make within a day (Lambda refusing it). Its events carry only the time
   * and the rule, so SQS-managed encryption is enough. Absent when no function has a schedule.
   */
  public readonly scheduleFailures?: Queue;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);

    if (props.functions.some((spec) => spec.triggers.some((trigger) => trigger.kind === 'schedule')))
      this.scheduleFailures = failureQueue(this, 'ScheduleFailures', {
        functionName: 'the scheduled functions (their EventBridge rules)',
        ownKey: false,
      });

    for (const spec of props.functions) {
      const fn = new CourtdeskFunction(this, pascalCase(spec.name), {
        spec,
        projectRoot: props.projectRoot,
        ...(props.logKey ? { logKey: props.logKey } : {}),
      });

      for (const access of tableAccessOf(spec)) fn.bindTable(props.data.table(access.table.id).table, access);

      for (const queueId of spec.sendsTo) {
        const { queue, spec: queueSpec } = props.queues.pair(queueId);
        fn.bindQueueProducer(queue, queueSpec.envName);
      }

      const bucketGrants = Object.entries(spec.buckets ?? {}) as [BucketId, BucketGrant | undefined][];
      for (const [bucketId, access] of bucketGrants) {
        if (!access) continue;
        if (!props.storage)
          throw new Error(`Functions: ${spec.name} has bucket grants but no storage was given`);
        const { bucket, key, spec: bucketSpec } = props.storage.bucket(bucketId);
        fn.bindBucket(bucket, key, bucketSpec, access);
      }

      if (spec.triggers.some((trigger) => trigger.kind === 'email')) {
        if (!props.inboundMailDomain)
          throw new Error(`Functions: ${spec.name} has an email trigger but no inboundMailDomain was given`);
        fn.function.addEnvironment(props.environmentNames.inboundDomainEnvName, props.inboundMailDomain);
      }

      for (const trigger of spec.triggers) {
        if (trigger.kind === 'queue') {
          const { queue, spec: queueSpec } = props.queues.pair(trigger.queue);
          acknowledgeNagFinding(
            fn.addQueueTrigger(queue, trigger.batchSize),
            'Serverless-LambdaEventSourceMappingDestination',
            `SQS event source mappings take no on-failure destination (Lambda supports one for streams and Kafka only): a message that keeps failing moves to the ${queueSpec.id} queue's own dead-letter queue after ${queueSpec.maxReceiveCount} receives (queues.ts), alarmed in monitoring.ts.`,
          );
        } else if (trigger.kind === 'schedule')
          fn.addScheduleTrigger(trigger.expression, this.scheduleFailures);
        else if (trigger.kind === 'mail-events')
          props.email.addEventHandler(spec.name, fn.function, trigger.events);
        else if (trigger.kind === 'table-stream') {
          const name = `${spec.name}-${trigger.table}-stream-failures`;
          // Positions only, no item: SQS-managed encryption is enough.
          const queue = failureQueue(fn, `${pascalCase(trigger.table)}StreamFailures`, {
            functionName: spec.name,
            ownKey: false,
          });
          fn.addTableStreamTrigger(props.data.table(trigger.table).table, trigger, queue);
          this.streamFailures.push({ name, queue });
        }
      }

      if (spec.triggers.some((trigger) => trigger.kind === 'http')) {
        fn.function.addEnvironment(
          props.environmentNames.bodyLimitEnvName,
          String(props.requestBodyLimitBytes),
        );
      }

      if (spec.sendsEmail) {
        props.email.grantSendEmail(fn.role);
        fn.function.addEnvironment(props.environmentNames.senderEnvName, props.email.senderAddress);
        fn.function.addEnvironment(
          configurationSetEnvName,
          props.email.configurationSet.configurationSetName,
        );
      }

      if (servesStaff(spec)) {
        const signIn = props.staffSignIn;
        if (!signIn)
          throw new Error(`Functions: ${spec.name} serves staff routes but no staffSignIn was given`);
        fn.function.addEnvironment(staffSignInEnvNames.domain, signIn.domainUrl);
        fn.function.addEnvironment(staffSignInEnvNames.clientId, signIn.clientId);
        fn.function.addEnvironment(staffSignInEnvNames.idleTimeoutMinutes, String(signIn.idleTimeoutMinutes));
        fn.function.addEnvironment(staffSignInEnvNames.sessionHours, String(signIn.sessionHours));
      }

      this.byName.set(spec.name, fn);
    }
  }

  /** The function named `name` in the inventory; throws if there is none. */
  public get(name: string): CourtdeskFunction {
    return this.byName.get(name);
  }

  /** Every function, in inventory order. */
  public get all(): readonly CourtdeskFunction[] {
    return this.byName.all;
  }
}
