import { Duration } from 'aws-cdk-lib';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueSpec } from '../inventory.ts';
import { ById } from './by-id.ts';
import { acknowledgeNagFinding } from './nag.ts';
import { pascalCase } from './naming.ts';
import { rotatingKey } from './rotating-key.ts';

/** Properties of {@link Queues}. */
export interface QueuesProps {
  /** The queues to create, normally the inventory's `queues` (intake, outbound). */
  readonly queues: readonly QueueSpec[];
  /**
   * How long a dead-lettered message is kept for inspection and redrive.
   * @default 14 days (the SQS maximum)
   */
  readonly deadLetterRetention?: Duration;
}

/** A queue, its dead-letter queue and the inventory entry they were made from. */
export interface QueuePair {
  readonly spec: QueueSpec;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
}

/**
 * The queues of the inventory, each with a dead-letter queue of its type: FIFO, except a
 * `standard` queue (survey invitations, delayed per message). High-throughput FIFO
 * (deduplication and throughput per message group): groups are clients (intake) or tickets
 * (outbound), so order matters within a group only. Content-based deduplication is off because
 * producers set a stable `MessageDeduplicationId` (SES message id, idempotency key, object key).
 * Names are left to CloudFormation (ending in `.fifo`) so two stages can share an account.
 */
export class Queues extends Construct {
  /** Encrypts every queue and dead-letter queue; rotated yearly. */
  public readonly key = rotatingKey(
    this,
    'Key',
    'courtdesk: encrypts the SQS queues and their dead-letter queues',
  );
  private readonly pairsById = new ById<QueueSpec['id'], QueuePair>('Queues', 'queue');

  constructor(scope: Construct, id: string, props: QueuesProps) {
    super(scope, id);

    const encrypted = {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
    } as const;

    for (const spec of props.queues) {
      const name = pascalCase(spec.id);
      // A standard queue (per-message delays) and its dead-letter queue are standard too.
      const fifo = spec.type !== 'standard';
      const common = fifo ? { ...encrypted, fifo: true } : encrypted;
      const deadLetterQueue = new Queue(this, `${name}DeadLetterQueue`, {
        ...common,
        retentionPeriod: props.deadLetterRetention ?? Duration.days(14),
      });
      acknowledgeNagFinding(
        deadLetterQueue,
        'Serverless-SQSRedrivePolicy',
        `This is the dead-letter queue of the ${spec.id} queue itself; its messages are read and replayed by hand after its alarm (monitoring.ts), never consumed again automatically.`,
      );
      const queue = new Queue(this, `${name}Queue`, {
        ...common,
        ...(fifo
          ? {
              contentBasedDeduplication: false,
              deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
              fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
            }
          : {}),
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: spec.maxReceiveCount },
      });
      this.pairsById.set(spec.id, { spec, queue, deadLetterQueue });
    }
  }

  /** The queue pair with the inventory id `id`; throws if the inventory has no such queue. */
  public pair(id: QueueSpec['id']): QueuePair {
    return this.pairsById.get(id);
  }

  /** Every queue pair, in inventory order. */
  public get pairs(): readonly QueuePair[] {
    return this.pairsById.all;
  }
}
