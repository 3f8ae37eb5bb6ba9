import { Duration, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { defaultAcknowledgementBudgetPerHour } from '../shared/domain/acknowledgement-limits.ts';
import { parseRetentionSchedule, type RetentionOverrides } from '../shared/domain/retention.ts';
import {
  cloudSurveyInvitations,
  type SurveyInvitationSettings,
  surveyInvitationSettingsJson,
} from '../shared/domain/survey-invitation-settings.ts';
import { defaultReservedConcurrency } from './concurrency.ts';
import { AccountTrail } from './constructs/account-trail.ts';
import { Analytics } from './constructs/analytics.ts';
import { AuditSealing } from './constructs/audit-sealing.ts';
import { backupSettingsFromContext, TableBackup } from './constructs/backup.ts';
import { Data } from './constructs/data.ts';
import { EmailIntake, emailTriggerOf } from './constructs/email-intake.ts';
import { EmailSending } from './constructs/email-sending.ts';
import { Functions } from './constructs/functions.ts';
import { logGroupKey } from './constructs/log-key.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { acknowledgeNagFinding } from './constructs/nag.ts';
import { OriginSecret } from './constructs/origin-secret.ts';
import { PhoneMenu, type PhoneMenuProps } from './constructs/phone-menu.ts';
import { objectTriggersOf, PostalIntake } from './constructs/postal-intake.ts';
import { PseudonymKey } from './constructs/pseudonym-key.ts';
import { Queues } from './constructs/queues.ts';
import { Retention, ttlWriterNames } from './constructs/retention.ts';
import { SecurityAlarms } from './constructs/security-alarms.ts';
import { StaffIdentity, type StaffSessionSettings, staffGroups } from './constructs/staff-identity.ts';
import { defaultObjectLockRetention, Storage } from './constructs/storage.ts';
import { SurveyTokenKey } from './constructs/survey-tokens.ts';
import { WebHosting } from './constructs/web-hosting.ts';
import { WebIntake } from './constructs/web-intake.ts';
import {
  buckets,
  commonEnvironment,
  defaultRequestBodyLimitBytes,
  functions,
  queues,
  tables,
} from './inventory.ts';
import { acknowledgeStackFindings } from './nag-acknowledgements.ts';

/** Properties of {@link CourtdeskStack}. */
export interface CourtdeskStackProps extends StackProps {
  /** The address clients receive mail from (context `courtdesk:senderAddress`). */
  readonly senderAddress: string;
  /** The SES domain identity (context `courtdesk:senderDomain`); omitted: the address is verified. */
  readonly senderDomain?: string;
  /**
   * Custom MAIL FROM domain of the sender domain (context `courtdesk:mailFromDomain`), a subdomain of
   * it that receives no mail, e.g. `bounce.courtdesk.example.lv`.
   * @default - SES's own MAIL FROM domain (amazonses.com)
   */
  readonly mailFromDomain?: string;
  /** The domain inbound mail is received for (context `courtdesk:inboundDomain`). */
  readonly inboundDomain: string;
  /**
   * Receive mail for these addresses of the inbound domain only (context `courtdesk:inboundAddresses`).
   * @default - every address of the inbound domain
   */
  readonly inboundAddresses?: readonly string[];
  /** Alarm notifications go here too (context `courtdesk:alarmEmail`); omitted: topic only. */
  readonly alarmEmail?: string;
  /**
   * Days after a ticket was answered or closed within which the client's follow-up mail reopens it
   * (context `courtdesk:reopenWindowDays`); later, the mail starts a new linked ticket.
   * @default 30
   */
  readonly reopenWindowDays?: number;
  /**
   * Days the sealed audit digests are kept under Object Lock, compliance mode (context
   * `courtdesk:auditRetentionDays`): no one can delete or overwrite them before.
   * @default 2557 (seven years)
   */
  readonly auditRetentionDays?: number;
  /**
   * The phone menu (§8) in an existing Amazon Connect instance (context `courtdesk:connect`).
   * @default - no phone menu
   */
  readonly phoneMenu?: PhoneMenuProps;
  /** Folder holding `functions/` and `package-lock.json`. */
  readonly projectRoot: string;
  /** Built web pages; deployed only if the folder exists. */
  readonly webAssetsPath: string;
  /**
   * Prefix of the staff sign-in domain (context `courtdesk:staffSignInDomainPrefix`).
   * @default - see {@link StaffIdentity}
   */
  readonly staffSignInDomainPrefix?: string;
  /** Staff token and session lifetimes (context `courtdesk:staffTokenMinutes`, …). @default 60 min, 8 h, 15 min idle */
  readonly staffSessions?: StaffSessionSettings;
  /**
   * How each unit invites its clients to the survey (context `courtdesk:surveyInvitations`).
   * @default - every unit: a separate message 900 s after the answer
   */
  readonly surveyInvitations?: SurveyInvitationSettings;
  /** The pseudonym secret's version (context `courtdesk:pseudonymKeyVersion`; docs/pseudonyms.md). @default 1 */
  readonly pseudonymKeyVersion?: number;
  /**
   * Overrides of the retention schedule (context `courtdesk:retention`, checked).
   * @default - the defaults of `shared/domain/retention.ts`, placeholders for the records schedule
   */
  readonly retentionOverrides?: RetentionOverrides;
  /**
   * Acknowledgements the court sends in an hour, across all addresses (context
   * `courtdesk:acknowledgementBudgetPerHour`); over it they are withheld and the ticket shows why.
   * @default 2000
   */
  readonly acknowledgementBudgetPerHour?: number;
  /**
   * The CloudFront web ACL's ARN (the edge stack's, in us-east-1: `infra/edge-waf-stack.ts`).
   * @default - no web ACL
   */
  readonly webAclArn?: string;
  /**
   * Reserved concurrency by function name (context `courtdesk:reservedConcurrency`, checked).
   * @default - {@link defaultReservedConcurrency}: the public functions'
   */
  readonly reservedConcurrency?: Readonly<Record<string, number>>;
}

/** courtdesk in one stack: the constructs of each concern, wired from the inventory. */
export class CourtdeskStack extends Stack {
  public readonly data: Data;
  public readonly storage: Storage;
  public readonly queues: Queues;
  public readonly email: EmailSending;
  public readonly staffIdentity: StaffIdentity;
  public readonly functions: Functions;
  public readonly emailIntake: EmailIntake;
  public readonly postalIntake: PostalIntake;
  public readonly phoneMenu?: PhoneMenu;
  public readonly webIntake: WebIntake;
  public readonly originSecret: OriginSecret;
  public readonly webHosting: WebHosting;
  public readonly monitoring: Monitoring;
  public readonly retention: Retention;
  public readonly auditSealing: AuditSealing;
  public readonly surveyTokens: SurveyTokenKey;
  public readonly pseudonymKey: PseudonymKey;
  public readonly accountTrail: AccountTrail;
  public readonly analytics: Analytics;
  public readonly backup: TableBackup;
  public readonly securityAlarms: SecurityAlarms;
  /** Encrypts the functions' log groups (`log-key.ts`). */
  public readonly logKey: Key;

  constructor(scope: Construct, id: string, props: CourtdeskStackProps) {
    super(scope, id, props);

    this.data = new Data(this, 'Data', { tables });
    this.storage = new Storage(this, 'Storage', {
      buckets,
      ...(props.auditRetentionDays !== undefined
        ? { objectLockRetention: Duration.days(props.auditRetentionDays) }
        : {}),
    });
    this.queues = new Queues(this, 'Queues', { queues });
    this.email = new EmailSending(this, 'EmailSending', {
      senderAddress: props.senderAddress,
      ...(props.senderDomain ? { senderDomain: props.senderDomain } : {}),
      ...(props.mailFromDomain ? { mailFromDomain: props.mailFromDomain } : {}),
    });
    // The app client's sign-in callback is the admin page on the distribution, which is built last:
    // it needs the API's host name, and the sign-in domain for its content security policy. So the
    // URL is produced at synthesis. In the template only the client refers to the distribution,
    // nothing refers back (the staff routes and authorizer are not part of the API's origin), so
    // there is no cycle; test/infra/stack.test.ts checks the template's dependency graph.
    this.staffIdentity = new StaffIdentity(this, 'StaffIdentity', {
      adminPageUrl: Lazy.string({ produce: () => this.webHosting.adminPageUrl }),
      groups: staffGroups(),
      ...(props.staffSignInDomainPrefix ? { domainPrefix: props.staffSignInDomainPrefix } : {}),
      ...(props.staffSessions?.tokenMinutes ? { tokenMinutes: props.staffSessions.tokenMinutes } : {}),
      ...(props.staffSessions?.sessionHours
        ? { sessionDuration: Duration.hours(props.staffSessions.sessionHours) }
        : {}),
      ...(props.staffSessions?.idleTimeoutMinutes
        ? { idleTimeoutMinutes: props.staffSessions.idleTimeoutMinutes }
        : {}),
    });
    this.logKey = logGroupKey(this, 'LogKey');
    this.functions = new Functions(this, 'Functions', {
      functions,
      logKey: this.logKey,
      data: this.data,
      queues: this.queues,
      email: this.email,
      storage: this.storage,
      inboundMailDomain: props.inboundDomain,
      environmentNames: commonEnvironment,
      requestBodyLimitBytes: defaultRequestBodyLimitBytes,
      projectRoot: props.projectRoot,
      staffSignIn: {
        domainUrl: this.staffIdentity.hostedDomainUrl,
        clientId: this.staffIdentity.client.userPoolClientId,
        idleTimeoutMinutes: this.staffIdentity.idleTimeoutMinutes,
        sessionHours: this.staffIdentity.sessionHours,
      },
    });
    this.functions
      .get('process-intake')
      .function.addEnvironment('REOPEN_WINDOW_DAYS', String(props.reopenWindowDays ?? 30));
    this.functions
      .get('send-email')
      .function.addEnvironment(
        'ACKNOWLEDGEMENT_BUDGET_PER_HOUR',
        String(props.acknowledgementBudgetPerHour ?? defaultAcknowledgementBudgetPerHour),
      );
    this.functions
      .get('staff-api')
      .function.addEnvironment(
        'SURVEY_INVITATIONS',
        surveyInvitationSettingsJson(props.surveyInvitations ?? cloudSurveyInvitations),
      );
    this.reserveConcurrency(props.reservedConcurrency ?? defaultReservedConcurrency);
    this.retention = new Retention(this, 'Retention', {
      sweeper: this.functions.get('retention-sweeper'),
      mailBucket: this.storage.bucket('mail').bucket,
      schedule: parseRetentionSchedule(props.retentionOverrides ?? {}),
      overrides: props.retentionOverrides ?? {},
      erasers: [this.functions.get('staff-api')],
      ttlWriters: ttlWriterNames.map((name) => this.functions.get(name)),
    });
    // For analysts (issue 17, item 6): the tickets without personal data, in Athena.
    this.analytics = new Analytics(this, 'Analytics', {
      tickets: this.data.table('tickets').table,
      exporter: this.functions.get('export-analytics'),
      accessLogBucket: this.storage.accessLogBucket,
    });
    this.auditSealing = new AuditSealing(this, 'AuditSealing', {
      sealer: this.functions.get('audit-sealer'),
    });
    // Survey links: send-email signs them with the invitations, survey-api checks them.
    this.surveyTokens = new SurveyTokenKey(this, 'SurveyTokens', {
      signers: [this.functions.get('send-email')],
      verifiers: [this.functions.get('survey-api')],
    });
    // Keyed pseudonyms: the functions that compute client or subject keys derive their secret.
    this.pseudonymKey = new PseudonymKey(this, 'PseudonymKey', {
      users: functions.filter((spec) => spec.pseudonyms).map((spec) => this.functions.get(spec.name)),
      ...(props.pseudonymKeyVersion ? { version: props.pseudonymKeyVersion } : {}),
    });
    const email = emailTriggerOf(functions);
    const mailBucket = this.storage.bucket(email.trigger.bucket);
    this.emailIntake = new EmailIntake(this, 'EmailIntake', {
      domain: props.inboundDomain,
      ...(props.inboundAddresses ? { addresses: props.inboundAddresses } : {}),
      // SES receives only for verified domains; the sender domain is verified already.
      verifyDomain: props.inboundDomain.toLowerCase() !== props.senderDomain?.toLowerCase(),
      bucket: mailBucket.bucket,
      key: this.storage.key,
      rawMailPrefix: mailBucket.spec.prefixes.rawMail,
      handler: this.functions.get(email.spec.name).function,
    });
    const [postal, ...otherObjectTriggers] = objectTriggersOf(functions);
    if (!postal || otherObjectTriggers.length > 0)
      throw new Error('CourtdeskStack: exactly one function must have an object-created trigger');
    this.postalIntake = new PostalIntake(this, 'PostalIntake', {
      bucket: this.storage.bucket(postal.trigger.bucket).bucket,
      prefix: this.storage.bucket(postal.trigger.bucket).spec.prefixes[postal.trigger.prefix],
      handler: this.functions.get(postal.spec.name).function,
    });
    if (props.phoneMenu) this.phoneMenu = new PhoneMenu(this, 'PhoneMenu', props.phoneMenu);
    this.webIntake = new WebIntake(this, 'WebIntake', {
      functions,
      handlerOf: (name) => this.functions.get(name).function,
      staffTokens: {
        issuerUrl: this.staffIdentity.issuerUrl,
        clientId: this.staffIdentity.client.userPoolClientId,
      },
    });
    // Only CloudFront reaches the API: it sends this secret, the functions behind /api/* check it.
    this.originSecret = new OriginSecret(this, 'OriginSecret', {
      users: functions
        .filter((spec) => spec.triggers.some((trigger) => trigger.kind === 'http'))
        .map((spec) => this.functions.get(spec.name)),
    });
    acknowledgeNagFinding(
      this.webIntake.accessLogs,
      'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
      "The HTTP API's access log holds no personal data: request id, time, the route's template (never its path values or query), status, sizes, latencies and API Gateway's own error text, no client address; CloudWatch Logs encrypts it at rest with its own key.",
    );
    this.webHosting = new WebHosting(this, 'WebHosting', {
      apiDomainName: this.webIntake.domainName,
      apiOriginHeaders: this.originSecret.originHeaders,
      apiOriginSecretGeneration: this.originSecret.generation,
      assetsPath: props.webAssetsPath,
      signInOrigin: this.staffIdentity.hostedDomainUrl,
      // The SDK presigns virtual-hosted, regional URLs: `<bucket>.s3.<region>.amazonaws.com`.
      uploadOrigin: `https://${mailBucket.bucket.bucketRegionalDomainName}`,
      helpBucket: this.storage.bucket('help').bucket,
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
    });
    // Absolute links in mail (the help pages an acknowledgement names, §10).
    for (const spec of functions.filter((entry) => entry.sendsEmail && entry.tables.knowledge))
      this.functions
        .get(spec.name)
        .function.addEnvironment(
          'PUBLIC_SITE_URL',
          `https://${this.webHosting.distribution.distributionDomainName}`,
        );
    this.monitoring = new Monitoring(this, 'Monitoring', {
      queues: this.queues.pairs,
      deadLetterQueues: [
        { name: 'ingest-email-failures', queue: this.emailIntake.failedInvocations },
        { name: 'ingest-postal-failures', queue: this.postalIntake.failedInvocations },
        ...this.email.failedEvents,
        ...this.functions.streamFailures,
        ...(this.functions.scheduleFailures
          ? [{ name: 'schedule-failures', queue: this.functions.scheduleFailures }]
          : []),
      ],
      functions: this.functions.all,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });
    // Reported at once: IAM, KMS key, bucket policy, staff group, trail and backup changes.
    this.securityAlarms = new SecurityAlarms(this, 'SecurityAlarms', { alarmTopic: this.monitoring.topic });
    // AWS CloudTrail beside courtdesk's own trail: every management event of the account, and who
    // read or wrote the tables' items and the buckets' objects, however they did it.
    const audit = this.data.table('audit').table;
    this.accountTrail = new AccountTrail(this, 'AccountTrail', {
      tables: [this.data.table('tickets').table, audit],
      buckets: this.storage.buckets.map((entry) => entry.bucket),
      accessLogBucket: this.storage.accessLogBucket,
      retention:
        props.auditRetentionDays !== undefined
          ? Duration.days(props.auditRetentionDays)
          : defaultObjectLockRetention,
      appendOnlyTables: [audit],
      alarmTopic: this.monitoring.topic,
      alarmDeadLetterQueue: this.securityAlarms.deadLetterQueue,
    });
    // AWS Backup of every table, daily and monthly, in a locked vault (context: backup.ts).
    this.backup = new TableBackup(this, 'Backup', {
      tables: this.data.tables.map((entry) => entry.table),
      ...backupSettingsFromContext(this),
    });
    acknowledgeStackFindings(this);
  }

  /**
   * Reserves `reserved[name]` concurrent instances for each named function (`infra/concurrency.ts`);
   * every other function draws from the account's unreserved rest, which those reservations cannot
   * take, and its cdk-nag finding says so.
   */
  private reserveConcurrency(reserved: Readonly<Record<string, number>>): void {
    for (const fn of this.functions.all) {
      const count = reserved[fn.spec.name];
      if (count) {
        (fn.function.node.defaultChild as CfnFunction).reservedConcurrentExecutions = count;
        continue;
      }
      const routes = fn.spec.triggers.flatMap((trigger) => (trigger.kind === 'http' ? [trigger] : []));
      const publicRoutes = routes.filter((route) => route.auth !== 'staff');
      const unreserved =
        "it draws from the account's unreserved concurrency, which the public functions' reservations (infra/concurrency.ts) cannot take and Lambda keeps at 100 at least";
      // A public function without a reservation stays reported: the flood it would let in is the point.
      if (publicRoutes.length > 0 && publicRoutes.length === routes.length) continue;
      // The reason below holds for the sign-in settings only: any other public route stays reported.
      if (publicRoutes.some((route) => route.path !== '/api/auth/config')) continue;
      acknowledgeNagFinding(
        fn.function,
        'NIST.800.53.R5-LambdaConcurrency',
        publicRoutes.length > 0
          ? `${fn.spec.name} serves the staff, whose work a reservation would cap; ${unreserved}. Its one public route, GET /api/auth/config, answers the sign-in settings, a constant, behind the stage throttle and the web ACL.`
          : `${fn.spec.name} is not public (staff routes, queues, streams, mail or schedules): ${unreserved}; a reservation would also cap it below a backlog's or the staff's need.`,
      );
    }
  }
}
