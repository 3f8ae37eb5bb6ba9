/**
 * The buckets (infra/constructs/storage.ts) in the stack: the mail bucket, its key and the object
 * grants on it, the access-log bucket, and the audit digests' Object Lock bucket.
 */
import { fileURLToPath } from 'node:url';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app-factory.ts';
import { type BucketId, bucketSpec, functions } from '../../infra/inventory.ts';
import {
  attachmentsPrefix,
  exportsPrefix,
  lettersPrefix,
  quarantinePrefix,
  rawMailPrefix,
  repliesPrefix,
  scansPrefix,
} from '../../shared/mail/keys.ts';
import {
  actionsOf,
  allowedActionsByResource,
  allowing,
  allStatements,
  arnOf,
  courtdesk,
  isNotificationsHandlerGrant,
  logicalId,
  refOf,
  resourcesOf,
  resourcesOfType,
  type Statement,
  skipBundling,
  statementsOf,
  testContext,
} from './support.ts';

const { stack, template, resources } = courtdesk();

/**
 * Object grants per function, by `<bucket>/<key pattern>`. Written out, like the DynamoDB actions
 * above, so that widening a bucket grant in the inventory fails this test until it is reviewed here.
 */
const expectedS3Actions: Record<string, Record<string, string[]>> = {
  'list-topics': {},
  // The tickets stream in, the figures table out: no object.
  'aggregate-figures': {},
  // The analytics bucket only, which is not the inventory's (analytics.test.ts).
  'export-analytics': {},
  // The published set is in the knowledge table: no object of any bucket.
  'assistant-api': {},
  // The survey's items are in the tickets table: no object.
  'survey-api': {},
  'ingest-web': {},
  'process-intake': {},
  // Reads the files staff attached to a reply, to send them; writes the letters it prints for
  // clients without an email address.
  'send-email': { 'mail/replies/*': ['s3:GetObject'], 'mail/letters/*': ['s3:PutObject'] },
  'deadline-sweeper': {},
  // Lists the versions under the retention prefix types and deletes each (infra/constructs/retention.ts);
  // a due ticket's erasure lists and deletes every version of its files (attachments, scans too).
  // Every delete names a VersionId (shared/adapters/s3/object-versions.ts): DeleteObjectVersion, never
  // a plain DeleteObject (which would only add a delete marker in the versioned bucket).
  'retention-sweeper': {
    mail: ['s3:ListBucketVersions'],
    'mail/raw-mail/*': ['s3:DeleteObjectVersion'],
    'mail/quarantine/*': ['s3:DeleteObjectVersion'],
    'mail/letters/*': ['s3:DeleteObjectVersion'],
    'mail/replies/*': ['s3:DeleteObjectVersion'],
    'mail/exports/*': ['s3:DeleteObjectVersion'],
    'mail/attachments/*': ['s3:DeleteObjectVersion'],
    'mail/scans/*': ['s3:DeleteObjectVersion'],
  },
  // Reads the raw message SES stored; writes the attachments taken out of it, and the copy of a held mail.
  'ingest-email': {
    'mail/raw-mail/*': ['s3:GetObject'],
    'mail/attachments/*': ['s3:PutObject'],
    'mail/quarantine/*': ['s3:PutObject'],
  },
  // Reads a letter's scan; deletes a refused one. Nothing else in the bucket.
  'ingest-postal': { 'mail/scans/*': ['s3:DeleteObject', 's3:GetObject'] },
  'mail-events': {},
  // Lists digests/ (the latest digest; whether a segment is sealed), reads a digest another run
  // stored first, writes new ones; nothing else in the bucket, nothing in the mail bucket.
  'audit-sealer': {
    'audit-digests/digests/*': ['s3:GetObject', 's3:PutObject'],
    'audit-digests': ['s3:ListBucket'],
  },
  'audit-watch': {},
  // Reads the generation it rendered last; writes the pages and the generation; deletes stale pages
  // (never its state); lists the pages and the state only (see the help bucket's tests).
  'publish-help': {
    'help/state/*': ['s3:GetObject', 's3:PutObject'],
    'help/palidziba/*': ['s3:DeleteObject', 's3:PutObject'],
    'help/en/help/*': ['s3:DeleteObject', 's3:PutObject'],
    help: ['s3:ListBucket'],
  },
  // Signs short-lived download links to a ticket's files and a quarantined raw mail; reads held mail
  // (its copy under quarantine/, never raw-mail/) for the preview and a release, which writes the
  // released mail's attachments.
  // Replies' files: signs the presigned PUT of an upload (PutObject), checks what arrived with
  // HeadObject (authorised as GetObject) and signs its download link.
  'staff-api': {
    // Erasure also deletes a released mail's quarantine copy and the exports holding the ticket.
    'mail/quarantine/*': ['s3:DeleteObjectVersion', 's3:GetObject'],
    'mail/attachments/*': ['s3:DeleteObjectVersion', 's3:GetObject', 's3:PutObject'],
    'mail/replies/*': ['s3:DeleteObjectVersion', 's3:GetObject', 's3:PutObject'],
    // Post: signs the mailroom's scan upload (PutObject) and download links to scans and to the
    // letters to print.
    'mail/scans/*': ['s3:DeleteObjectVersion', 's3:GetObject', 's3:PutObject'],
    'mail/letters/*': ['s3:DeleteObjectVersion', 's3:GetObject'],
    // The data protection officer's export: writes the ZIP and signs its download link.
    'mail/exports/*': ['s3:DeleteObjectVersion', 's3:GetObject', 's3:PutObject'],
    // Erasure (role dpo): every version of a data subject's files, listed by prefix.
    'mail/raw-mail/*': ['s3:DeleteObjectVersion'],
    mail: ['s3:ListBucketVersions'],
  },
};

/** What each function may do with the mail bucket's key: decrypt what it reads, make data keys for what it writes. */
const expectedMailKeyActions: Record<string, string[]> = {
  'send-email': ['kms:Decrypt', 'kms:GenerateDataKey'],
  'ingest-email': ['kms:Decrypt', 'kms:GenerateDataKey'],
  'ingest-postal': ['kms:Decrypt'],
  'staff-api': ['kms:Decrypt', 'kms:GenerateDataKey'],
};

describe('mail storage', () => {
  const mail = () => stack.storage.bucket('mail').bucket;
  const mailId = () => logicalId(mail());
  /** `<bucket ARN>/<pattern>` as the template has it. */
  const objectsArn = (pattern: string) => ({ 'Fn::Join': ['', [arnOf(mail()), `/${pattern}`]] });

  it('the inventory and the functions agree on the key prefixes', () => {
    expect(bucketSpec('mail').prefixes).toEqual({
      rawMail: rawMailPrefix,
      attachments: attachmentsPrefix,
      replies: repliesPrefix,
      quarantine: quarantinePrefix,
      scans: scansPrefix,
      letters: lettersPrefix,
      exports: exportsPrefix,
    });
  });

  it('the mail bucket is private, versioned, SSE-KMS with its own key, logged, and kept with the stack', () => {
    const bucket = template.toJSON().Resources[mailId()];
    expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: arnOf(stack.storage.key),
            },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: {
        DestinationBucketName: refOf(stack.storage.accessLogBucket),
        LogFilePrefix: 's3/mail/',
      },
    });
  });

  it('only data-subject exports expire (7 days) — no lifecycle rule on the retention prefix types, which cannot see legal holds; incomplete uploads are aborted after 7 days, deleted scans are gone the next day', () => {
    expect(resources[mailId()]?.Properties.LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: 'abort-incomplete-uploads',
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          Status: 'Enabled',
        },
        {
          // A refused scan's delete leaves its version behind in the versioned bucket.
          Id: 'purge-deleted-scans',
          Prefix: 'scans/',
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          ExpiredObjectDeleteMarker: true,
          Status: 'Enabled',
        },
        {
          // A data-subject export (personal data in bulk) is gone after 7 days, every version.
          Id: 'expire-exports',
          Prefix: 'exports/',
          ExpirationInDays: 7,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          Status: 'Enabled',
        },
        // No backstop on raw-mail/, quarantine/ or letters/: a lifecycle rule cannot see a legal
        // hold nor a quarantined mail awaiting a decision (infra/constructs/retention.ts).
      ],
    });
  });

  it("the bucket policy denies requests without TLS and scans not created where none is: SES writes through a role, not the bucket's policy", () => {
    const policies = Object.values(resourcesOfType('AWS::S3::BucketPolicy')).filter(
      (policy) => JSON.stringify(policy.Properties.Bucket) === JSON.stringify(refOf(mail())),
    );
    expect(policies).toHaveLength(1);
    expect(policies[0]!.Properties.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: 's3:*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          Resource: [arnOf(mail()), objectsArn('*')],
        },
        {
          // A scan is created once (If-None-Match: *), never replaced under its ticket.
          Sid: 'DenyOverwritesscans',
          Effect: 'Deny',
          Action: 's3:PutObject',
          Principal: { AWS: '*' },
          Condition: { Null: { 's3:if-none-match': 'true' } },
          Resource: objectsArn('scans/*'),
        },
      ],
    });
  });

  it('the mail key rotates and its own policy names no function and no service, only the account', () => {
    const key = resources[logicalId(stack.storage.key)]!.Properties;
    expect(key).toMatchObject({ EnableKeyRotation: true, RotationPeriodInDays: 365 });
    const statements = (key.KeyPolicy as { Statement: { Principal: unknown }[] }).Statement;
    expect(statements.map((statement) => JSON.stringify(statement.Principal))).toEqual([
      JSON.stringify({
        AWS: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']],
        },
      }),
    ]);
  });

  it('the access-log bucket is private and SSL-only', () => {
    expect(resources[logicalId(stack.storage.accessLogBucket)]?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: refOf(stack.storage.accessLogBucket),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('has an S3 expectation for every function of the inventory', () => {
    expect(Object.keys(expectedS3Actions).sort()).toEqual(functions.map((spec) => spec.name).sort());
  });

  it.each(functions.map((spec) => [spec.name] as const))(
    '%s may call exactly the S3 actions its code uses, under those prefixes only',
    (name) => {
      const expected = Object.fromEntries(
        Object.entries(expectedS3Actions[name] ?? {}).map(([target, actions]) => {
          // `<bucket id>/<key pattern>` for objects, `<bucket id>` for the bucket itself (listing).
          const [bucketId, ...pattern] = target.split('/');
          const bucket = arnOf(stack.storage.bucket(bucketId as BucketId).bucket);
          const arn = pattern.length ? { 'Fn::Join': ['', [bucket, `/${pattern.join('/')}`]] } : bucket;
          return [JSON.stringify(arn), actions];
        }),
      );
      const analyticsBucket = `"${logicalId(stack.analytics.bucket)}"`;
      const onInventoryBuckets = Object.fromEntries(
        Object.entries(allowedActionsByResource(statementsOf(name), 's3')).filter(
          ([resource]) => !resource.includes(analyticsBucket),
        ),
      );
      expect(onInventoryBuckets).toEqual(expected);
    },
  );

  it('only staff-api and retention-sweeper list object versions, each under its erased and retention prefixes only', () => {
    const listsVersions = (prefixes: string[]) => ({
      Effect: 'Allow',
      Action: 's3:ListBucketVersions',
      Resource: arnOf(mail()),
      Condition: { StringLike: { 's3:prefix': prefixes } },
    });
    // A data subject's files (erasure): the prefixes of the inventory's `eraseVersions`.
    const erased = ['raw-mail/*', 'attachments/*', 'replies/*', 'scans/*', 'letters/*'];
    expect(allowing(statementsOf('staff-api'), 's3:ListBucketVersions')).toEqual([
      listsVersions(erased),
      // What a ticket's erasure deletes beside its files (infra/constructs/retention.ts `erasers`).
      listsVersions(['quarantine/*', 'exports/*']),
    ]);
    expect(allowing(statementsOf('retention-sweeper'), 's3:ListBucketVersions')).toEqual([
      listsVersions(erased),
      // The retention prefix types (infra/constructs/retention.ts).
      listsVersions(['raw-mail/*', 'quarantine/*', 'letters/*', 'replies/*', 'exports/*']),
    ]);
    expect(
      functions
        .map((spec) => spec.name)
        .filter((name) => allowing(statementsOf(name), 's3:ListBucketVersions').length > 0)
        .sort(),
    ).toEqual(['retention-sweeper', 'staff-api']);
  });

  it.each(functions.map((spec) => [spec.name] as const))(
    '%s may use the mail key only as its bucket grants need',
    (name) => {
      const kms = allowedActionsByResource(statementsOf(name), 'kms');
      expect(kms[JSON.stringify(arnOf(stack.storage.key))]).toEqual(expectedMailKeyActions[name]);
    },
  );

  it("no policy in the stack grants anything bucket-wide on the mail bucket, or any S3 action but Get/PutObject (and DeleteObject of scans, and staff-api's erasure)", () => {
    // The data protection officer's erasure (staff-api alone, its exact grants above).
    const staffApi = new Set(statementsOf('staff-api').map((statement) => JSON.stringify(statement)));
    const erases = (statement: Statement) =>
      staffApi.has(JSON.stringify(statement)) &&
      actionsOf(statement).some((action) =>
        ['s3:DeleteObjectVersion', 's3:ListBucketVersions', 's3:DeleteObject'].includes(action),
      );
    const retentionGrants = statementsOf('retention-sweeper').map((statement) => JSON.stringify(statement));
    const onMail = allStatements().filter(
      (statement) =>
        statement.Effect === 'Allow' &&
        resourcesOf(statement).some((resource) => JSON.stringify(resource).includes(`"${mailId()}"`)) &&
        !isNotificationsHandlerGrant(statement) &&
        !erases(statement) &&
        // The retention sweeper's version grants are checked exactly above.
        !retentionGrants.includes(JSON.stringify(statement)),
    );
    expect(onMail.length).toBeGreaterThan(0);
    for (const statement of onMail) {
      const actions = actionsOf(statement);
      expect(
        actions.every((action) => ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'].includes(action)),
      ).toBe(true);
      for (const resource of resourcesOf(statement)) {
        expect([
          objectsArn('raw-mail/*'),
          objectsArn('attachments/*'),
          objectsArn('replies/*'),
          objectsArn('quarantine/*'),
          objectsArn('scans/*'),
          objectsArn('letters/*'),
          objectsArn('exports/*'),
        ]).toContainEqual(resource);
        // Only a refused scan is ever deleted.
        if (actions.includes('s3:DeleteObject')) expect(resource).toEqual(objectsArn('scans/*'));
      }
    }
  });

  it('the mail bucket takes cross-origin PUTs only (presigned uploads), with the signed headers, nothing readable', () => {
    const bucket = template.toJSON().Resources[logicalId(stack.storage.bucket('mail').bucket)];
    expect(bucket.Properties.CorsConfiguration).toEqual({
      CorsRules: [
        {
          AllowedMethods: ['PUT'],
          AllowedOrigins: ['*'],
          // The checksum headers: a reply file's upload is signed with its SHA-256.
          AllowedHeaders: [
            'content-type',
            'if-none-match',
            'x-amz-checksum-sha256',
            'x-amz-meta-filename',
            'x-amz-meta-sha256',
            'x-amz-meta-size',
          ],
          MaxAge: 300,
        },
      ],
    });
  });
});

describe('audit digests', () => {
  const digests = () => stack.storage.bucket('audit-digests').bucket;

  it('the digest bucket locks every version in compliance mode for seven years, versioned, SSE-S3, private, logged, kept', () => {
    const bucket = template.toJSON().Resources[logicalId(digests())];
    expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(bucket.Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2557 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: {
        DestinationBucketName: refOf(stack.storage.accessLogBucket),
        LogFilePrefix: 's3/audit-digests/',
      },
    });
  });

  it('takes the retention from the context courtdesk:auditRetentionDays, and refuses a malformed one', () => {
    const withContext = (days: string) =>
      buildApp({
        context: { ...testContext, ...skipBundling, 'courtdesk:auditRetentionDays': days },
        nag: false,
        webAssetsPath: fileURLToPath(new URL('./no-web-build', import.meta.url)),
      }).stack;
    const tenYears = withContext('3653');
    const bucket = tenYears.storage.bucket('audit-digests').bucket;
    expect(
      Template.fromStack(tenYears).toJSON().Resources[logicalId(bucket)].Properties.ObjectLockConfiguration,
    ).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3653 } },
    });
    expect(() => withContext('seven years')).toThrow(/courtdesk:auditRetentionDays/);
  });

  it('the bucket policy denies requests without TLS, any PUT that could replace a digest, and every object delete (no delete markers)', () => {
    const policies = Object.values(resourcesOfType('AWS::S3::BucketPolicy')).filter(
      (policy) => JSON.stringify(policy.Properties.Bucket) === JSON.stringify(refOf(digests())),
    );
    expect(policies).toHaveLength(1);
    const objects = { 'Fn::Join': ['', [arnOf(digests()), '/*']] };
    expect(policies[0]!.Properties.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: 's3:*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          Resource: [arnOf(digests()), objects],
        },
        {
          Sid: 'DenyOverwrites',
          Effect: 'Deny',
          Action: 's3:PutObject',
          Principal: { AWS: '*' },
          Condition: { Null: { 's3:if-none-match': 'true' } },
          Resource: objects,
        },
        {
          Sid: 'DenyDeletes',
          Effect: 'Deny',
          Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
          Principal: { AWS: '*' },
          Resource: objects,
        },
      ],
    });
  });

  it('only the sealer may use the bucket: list digests/ only, read and write under digests/ only', () => {
    const onDigests = allStatements().filter(
      (statement) =>
        statement.Effect === 'Allow' &&
        resourcesOf(statement).some((resource) =>
          JSON.stringify(resource).includes(`"${logicalId(digests())}"`),
        ),
    );
    expect(onDigests).toEqual(
      statementsOf('audit-sealer').filter((statement) => onDigests.includes(statement)),
    );
    expect(allowing(statementsOf('audit-sealer'), 's3:ListBucket')).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: arnOf(digests()),
        Condition: { StringLike: { 's3:prefix': ['digests/*'] } },
      },
    ]);
  });
});

describe('help pages', () => {
  const help = () => stack.storage.bucket('help').bucket;

  it('the help bucket is versioned, SSE-S3, private, logged; old versions of rewritten pages go after a week', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/help/' }),
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            NoncurrentVersionExpiration: { NoncurrentDays: 7 },
            ExpiredObjectDeleteMarker: true,
          }),
        ]),
      },
    });
  });

  it('only publish-help may write or list it, and lists the pages and its state only', () => {
    const writers = allStatements().filter(
      (statement) =>
        statement.Effect === 'Allow' &&
        actionsOf(statement).some((action) => /^s3:(Put|Delete|List)/.test(action)) &&
        resourcesOf(statement).some((resource) =>
          JSON.stringify(resource).includes(`"${logicalId(help())}"`),
        ),
    );
    expect(writers).toEqual(statementsOf('publish-help').filter((statement) => writers.includes(statement)));
    expect(allowing(statementsOf('publish-help'), 's3:ListBucket')).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: arnOf(help()),
        Condition: { StringLike: { 's3:prefix': ['palidziba/*', 'en/help/*', 'state/*'] } },
      },
    ]);
  });
});
