/**
 * The shapes of the inventory's entries (tables, buckets, queues, functions, triggers, grants):
 * what `inventory.ts` lists, and what the CDK constructs and the sandbox read.
 */

export interface TableSpec {
  /** Logical id; also the table name in the sandbox. */
  readonly id: 'tickets' | 'audit' | 'knowledge' | 'figures';
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly globalIndexes: readonly {
    readonly name: IndexName;
    readonly partitionKey: string;
    readonly sortKey: string;
    /**
     * The attributes the index keeps besides the keys (DynamoDB's INCLUDE projection); absent: all
     * of them. Every write of an item is also a write of each index holding it, so an index read
     * only for summaries keeps only what a summary shows, not the body.
     */
    readonly include?: readonly string[];
  }[];
  /** Attribute holding an epoch-seconds expiry, if items expire. */
  readonly timeToLiveAttribute?: string;
  /** Environment variable through which functions receive the table name. */
  readonly envName: string;
  /**
   * A DynamoDB stream of the table's item changes, with the new and the old image of each (for the
   * `table-stream` triggers reading it). In the sandbox, DynamoDB Local's stream, followed by
   * `infra/local/stream-poller.ts`. Absent: none.
   */
  readonly stream?: 'new-and-old-images';
}

/**
 * Which of a stream's records reach a function: one of a record's keys (`Keys`, present in every
 * INSERT, MODIFY and REMOVE) equal to one of `anyOf`, or beginning with `prefix`. Lambda's filter
 * criteria in the cloud (a record matching any filter passes), the stream poller's in the sandbox.
 */
export type StreamKeyFilter =
  | { readonly key: string; readonly anyOf: readonly string[] }
  | { readonly key: string; readonly prefix: string };

/** The key prefixes of each bucket, each with its own grants. */
export interface BucketPrefixes {
  readonly mail: {
    readonly rawMail: string;
    readonly attachments: string;
    readonly replies: string;
    readonly quarantine: string;
    readonly scans: string;
    readonly letters: string;
    readonly exports: string;
  };
  readonly 'audit-digests': { readonly digests: string };
  /** The public help pages, one prefix per language, and the publisher's own state. */
  readonly help: { readonly latvianPages: string; readonly englishPages: string; readonly state: string };
}

export type BucketId = keyof BucketPrefixes;

/** One bucket of the inventory, with the prefixes of its kind. */
export interface BucketSpecOf<Id extends BucketId> {
  readonly id: Id;
  /** Environment variable through which functions receive the bucket name. */
  readonly envName: string;
  /** Key prefixes, each with its own grants. */
  readonly prefixes: BucketPrefixes[Id];
  /**
   * Cross-origin requests browsers may make with presigned URLs (S3 CORS rules in the cloud, the
   * sandbox's S3 front locally). Absent: none.
   */
  readonly cors?: readonly BucketCorsRule[];
  /**
   * `kms`: SSE-KMS with the storage construct's customer-managed key. `s3-managed`: SSE-S3, for
   * objects that must stay readable for their whole retention whatever happens to a key.
   */
  readonly encryption: 'kms' | 's3-managed';
  /**
   * Object Lock in compliance mode with the stack's default retention (context
   * `courtdesk:auditRetentionDays`): no stored version can be deleted or overwritten before it
   * ends, by anyone. The sandbox's S3 (fauxqs) has no Object Lock. Absent: none.
   */
  readonly objectLock?: 'compliance';
  /**
   * Prefixes whose objects are created only where none is (`If-None-Match: *`, required by the
   * bucket policy) and whose deleted objects are gone within a day: the bucket is versioned, so a
   * delete leaves the old version behind until a lifecycle rule expires it.
   */
  readonly createOnly?: readonly (keyof BucketPrefixes[Id])[];
  /**
   * Days an overwritten or deleted object's old version is kept (the bucket is versioned), for a
   * bucket of derived objects that are rewritten often (the help pages). Absent: kept.
   */
  readonly noncurrentVersionDays?: number;
  /**
   * Days after which objects under these prefixes expire (a delete marker in the versioned
   * bucket), their old versions a day later: a backstop for records whose retention is short
   * (data-subject exports). Absent: none expire.
   */
  readonly expireAfterDays?: { readonly [Prefix in keyof BucketPrefixes[Id]]?: number };
}

export type BucketSpec = { readonly [Id in BucketId]: BucketSpecOf<Id> }[BucketId];

/** What a function may do in a bucket, by prefix. */
export interface BucketGrant<Id extends BucketId = BucketId> {
  /** GetObject (and HeadObject) under these prefixes. */
  readonly read?: readonly (keyof BucketPrefixes[Id])[];
  /** PutObject under these prefixes. */
  readonly write?: readonly (keyof BucketPrefixes[Id])[];
  /** ListBucket, for keys under these prefixes only (an `s3:prefix` condition). */
  readonly list?: readonly (keyof BucketPrefixes[Id])[];
  /** DeleteObject under these prefixes (never on a versioned, locked bucket's versions). */
  readonly delete?: readonly (keyof BucketPrefixes[Id])[];
  /**
   * Erasure: ListBucketVersions for keys under these prefixes, and DeleteObject and
   * DeleteObjectVersion on their objects — every version and delete marker of a data subject's file.
   */
  readonly eraseVersions?: readonly (keyof BucketPrefixes[Id])[];
}

/** One CORS rule of a bucket, as S3 takes it. */
export interface BucketCorsRule {
  readonly allowedMethods: readonly 'PUT'[];
  readonly allowedOrigins: readonly string[];
  /** Request headers (lower case) a preflight may ask for. */
  readonly allowedHeaders: readonly string[];
  readonly maxAgeSeconds: number;
}

export interface QueueSpec {
  readonly id: 'intake' | 'outbound' | 'survey-invitations';
  /** Queue name; FIFO queues end in `.fifo`. */
  readonly name: string;
  /**
   * `standard`: unordered, at least once, each message with its own delay (`DelaySeconds`, which
   * FIFO queues do not take per message). Absent: FIFO.
   */
  readonly type?: 'standard';
  readonly deadLetterName: string;
  /** Receives before SQS moves a message to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly visibilityTimeoutSeconds: number;
  /** Environment variable through which producers receive the queue URL. */
  readonly envName: string;
}

export type Trigger =
  | {
      readonly kind: 'http';
      readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
      readonly path: string;
      /**
       * `staff`: a staff token is required — the JWT authorizer (Cognito) in the cloud, the
       * gateway's verification of the local issuer's tokens in the sandbox. Absent: public.
       */
      readonly auth?: 'staff';
      /**
       * The route's own throttle, below the stage's (API Gateway's route settings; the sandbox
       * gateway answers 429 past it alike): a public route a page calls as the client types.
       */
      readonly throttle?: RouteThrottle;
    }
  | { readonly kind: 'queue'; readonly queue: QueueSpec['id']; readonly batchSize: number }
  /**
   * Inbound email: an SES receipt rule in the cloud (the raw message stored by an S3 action under
   * the bucket's `rawMail` prefix, then this function invoked with the SES event); in the sandbox
   * the SMTP listener (`infra/local/smtp-listener.ts`) does the same.
   */
  | { readonly kind: 'email'; readonly bucket: 'mail' }
  /**
   * An EventBridge schedule in the cloud (`cron(…)` or `rate(…)`, in UTC); in the sandbox a timer
   * (`infra/local/scheduler.ts`), which runs the function soon after start and then at an interval.
   */
  | {
      readonly kind: 'schedule';
      readonly expression: string;
      /** The sandbox timer's interval, when not the sandbox's default (seconds). */
      readonly localIntervalSeconds?: number;
    }
  /**
   * SES sending events of our mail (bounces, complaints): the configuration set publishes them to
   * EventBridge's default bus and a rule invokes the function with SES's event (`detail`); in the
   * sandbox, mail to the SES mailbox simulator's addresses produces the same events
   * (`infra/local/mail-events.ts`).
   */
  | { readonly kind: 'mail-events'; readonly events: readonly MailEventKind[] }
  /**
   * A new object under a prefix of a bucket: an S3 event notification (`s3:ObjectCreated:*`) in the
   * cloud, invoking the function asynchronously (retried twice, then its on-failure queue); in the
   * sandbox the S3 front (`infra/local/local-bucket.ts`) does the same after each PUT it passes on.
   */
  | { readonly kind: 'object-created'; readonly bucket: 'mail'; readonly prefix: 'scans' }
  /**
   * A table's DynamoDB stream (the table must have `stream`): Lambda's event source mapping in the
   * cloud — from the oldest record kept (TRIM_HORIZON), one batch per shard at a time (so a key's
   * records arrive in order), partial batch failures (`batchItemFailures` by SequenceNumber, retried
   * from the first one failed), a failing batch bisected, at most `retryAttempts` retries and
   * `maxRecordAgeSeconds`, then its position sent to an on-failure queue; in the sandbox the stream
   * poller (`infra/local/stream-poller.ts`) does the same over DynamoDB Local.
   */
  | {
      readonly kind: 'table-stream';
      readonly table: TableSpec['id'];
      readonly batchSize: number;
      /** Seconds Lambda gathers records before invoking with fewer than `batchSize`. */
      readonly maxBatchingWindowSeconds: number;
      readonly retryAttempts: number;
      readonly maxRecordAgeSeconds: number;
      /** Only records matching one of these reach the function. */
      readonly filters: readonly StreamKeyFilter[];
    };

/** Requests per second across all clients (a token bucket's rate) and the burst above it. */
export interface RouteThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** SES sending events a `mail-events` trigger receives. */
export type MailEventKind = 'bounce' | 'complaint';

/**
 * DynamoDB actions a function may be granted on a table's items, named as in IAM
 * (`dynamodb:<action>`). Transactions have no IAM action of their own: each `Put`, `Update` and
 * `ConditionCheck` in a TransactWriteItems is authorised as PutItem, UpdateItem and
 * ConditionCheckItem, each `Get` in a TransactGetItems as GetItem. Scan, DeleteItem and
 * BatchWriteItem are left out on purpose: worklists are queries, and records are never deleted.
 */
export type TableAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'ConditionCheckItem'
  | 'PutItem'
  | 'UpdateItem'
  // Erasure of a data subject's keys and texts (staff-api only).
  | 'DeleteItem';

/** Actions that change items; the others only read them. */
export const writeActions: ReadonlySet<TableAction> = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

/** Names of the global secondary indexes; unique across tables. */
export type IndexName =
  | 'worklist'
  | 'assigned'
  | 'deadlines'
  | 'client'
  | 'callbacks'
  | 'user'
  | 'byDay'
  | 'retention';

/** DynamoDB actions a function may be granted on an index. */
export type IndexAction = 'Query';

export interface FunctionSpec {
  /** Folder under `functions/`; `functions/<name>/handler.ts` exports `handler`. */
  readonly name: string;
  readonly description: string;
  readonly triggers: readonly Trigger[];
  /** DynamoDB actions the function is granted on each table's items: exactly what its code calls. */
  readonly tables: Readonly<Partial<Record<TableSpec['id'], readonly TableAction[]>>>;
  /** DynamoDB actions the function is granted on each index; it receives the index's table name too. */
  readonly indexes: Readonly<Partial<Record<IndexName, readonly IndexAction[]>>>;
  /** Object grants per bucket: read (GetObject), write (PutObject) and list under the given prefixes. */
  readonly buckets?: { readonly [Id in BucketId]?: BucketGrant<Id> };
  /** Queues the function sends to. */
  readonly sendsTo: readonly QueueSpec['id'][];
  readonly sendsEmail: boolean;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /**
   * Files (paths from the project root) the code reads beside its bundle in Lambda, copied next to
   * it when bundling; locally they are read where they are.
   */
  readonly bundledFiles?: readonly string[];
  /**
   * Most code, in kB (1024 bytes) of minified JavaScript, the function may load at cold start: its
   * entry chunk and every chunk that imports statically (a library reached only by a dynamic
   * `import()` is loaded when its path runs, and does not count). `npm run bundle` fails past it.
   * @default {@link defaultColdStartBudgetKb}
   */
  readonly coldStartBudgetKb?: number;
  /**
   * The function exists in the cloud only: the sandbox does not load it (what it calls has no
   * emulator, e.g. DynamoDB's exports to S3).
   */
  readonly cloudOnly?: true;
  /**
   * The function computes client or subject keys (`clientGroupId`, `subjectKeysOf`): it is given
   * the pseudonym key's ARN (`PSEUDONYM_KEY`) and `kms:GenerateMac` on that key alone, and loads
   * the secret once per cold start (`functions/pseudonym-key.ts`). docs/pseudonyms.md.
   */
  readonly pseudonyms?: true;
}

/** The cold-start budget of a function whose spec names none. */
export const defaultColdStartBudgetKb = 300;
