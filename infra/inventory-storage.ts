/**
 * The inventory's buckets and queues (re-exported by `inventory.ts`): the buckets' prefixes,
 * encryption, lifecycle and CORS, and the queues with their dead-letter queues.
 */
import { auditDigestPrefix } from '../shared/domain/audit-chain.ts';
import { uploadUrlSeconds } from '../shared/domain/reply-attachments.ts';
import { helpPageKeyPrefixes, helpStatePrefix } from '../shared/knowledge/pages/index.ts';
import {
  attachmentsPrefix,
  exportsPrefix,
  lettersPrefix,
  quarantinePrefix,
  rawMailPrefix,
  repliesPrefix,
  scansPrefix,
} from '../shared/mail/keys.ts';
import type { BucketSpec, QueueSpec } from './inventory-spec.ts';

export const buckets: readonly BucketSpec[] = [
  {
    // Raw inbound mail (as SES's S3 action stores it), the attachments taken out of it, and the
    // files staff attach to replies.
    id: 'mail',
    envName: 'MAIL_BUCKET',
    encryption: 'kms',
    prefixes: {
      rawMail: rawMailPrefix,
      attachments: attachmentsPrefix,
      replies: repliesPrefix,
      quarantine: quarantinePrefix,
      scans: scansPrefix,
      letters: lettersPrefix,
      exports: exportsPrefix,
    },
    // A scan is uploaded once and never replaced; a refused one is deleted for good (it may be a
    // program, or someone else's papers).
    createOnly: ['scans'],
    // A data-subject export is personal data in bulk: gone after 7 days with every version.
    expireAfterDays: { exports: 7 },
    cors: [
      {
        // The admin page PUTs a reply's file with a presigned URL (signed by staff-api, 5 minutes,
        // type, length and name signed). Any origin: the signature is what authorises the PUT — a
        // URL's holder could PUT without a browser — and the admin page's origin cannot be named
        // here without a cycle (its CSP names this bucket). Nothing is readable cross-origin.
        allowedMethods: ['PUT'],
        allowedOrigins: ['*'],
        // `if-none-match`: a scan's and a reply file's uploads are signed with `If-None-Match: *`, so
        // their URL cannot replace the file once it is there. `x-amz-checksum-sha256` (and its copy
        // in `x-amz-meta-sha256`): a reply file's upload is signed with its SHA-256, so S3 stores
        // only the bytes announced, and the reply checks the object still has them.
        allowedHeaders: [
          'content-type',
          'if-none-match',
          'x-amz-checksum-sha256',
          'x-amz-meta-filename',
          'x-amz-meta-sha256',
          'x-amz-meta-size',
        ],
        maxAgeSeconds: uploadUrlSeconds,
      },
    ],
  },
  {
    // The audit trail's signed digests, one per sealed segment: only the sealer
    // writes them, never over an existing one, and Object Lock keeps every version for the
    // retention. SSE-S3: they hold hashes and event ids only, and must stay readable for years
    // whatever becomes of a KMS key.
    id: 'audit-digests',
    envName: 'AUDIT_DIGEST_BUCKET',
    encryption: 's3-managed',
    objectLock: 'compliance',
    prefixes: { digests: auditDigestPrefix },
  },
  {
    // The public help pages (§15, §20.2), rendered by publish-help from the published knowledge
    // base and served by CloudFront (OAC) under /palidziba/ and /en/help/. SSE-S3: public pages, no
    // personal data, and CloudFront reads them without a key policy. Derived, rebuilt at will, so
    // old versions of rewritten pages go after a week.
    id: 'help',
    envName: 'HELP_BUCKET',
    encryption: 's3-managed',
    prefixes: {
      latvianPages: helpPageKeyPrefixes.lv,
      englishPages: helpPageKeyPrefixes.en,
      state: helpStatePrefix,
    },
    noncurrentVersionDays: 7,
  },
];

export const queues: readonly QueueSpec[] = [
  {
    id: 'intake',
    name: 'intake.fifo',
    deadLetterName: 'intake-dlq.fifo',
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
    envName: 'INTAKE_QUEUE_URL',
  },
  {
    id: 'outbound',
    name: 'outbound.fifo',
    deadLetterName: 'outbound-dlq.fifo',
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
    envName: 'OUTBOUND_QUEUE_URL',
  },
  // Survey invitations sent a while after the answer (the unit's delay, ≤ 900 s per message): a
  // standard queue, as FIFO queues delay only whole queues. send-email moves each on to
  // outbound.fifo when its delay ends (group: the ticket, deduplication: the outbound id).
  {
    id: 'survey-invitations',
    name: 'survey-invitations',
    deadLetterName: 'survey-invitations-dlq',
    type: 'standard',
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
    envName: 'SURVEY_INVITATIONS_QUEUE_URL',
  },
];
