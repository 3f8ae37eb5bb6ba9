import { ArnFormat, Aws, CfnOutput, Fn, Stack } from 'aws-cdk-lib';
import { Grant, type IRole, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import {
  type CfnReceiptRule,
  EmailIdentity,
  Identity,
  type IReceiptRuleAction,
  type ReceiptRule,
  type ReceiptRuleActionConfig,
  ReceiptRuleSet,
  TlsPolicy,
} from 'aws-cdk-lib/aws-ses';
import { Lambda, LambdaInvocationType } from 'aws-cdk-lib/aws-ses-actions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import type { FunctionSpec, Trigger } from '../inventory.ts';
import { acknowledgeNagFinding } from './nag.ts';
import { onFailureQueue } from './on-failure-queue.ts';

/** Properties of {@link EmailIntake}. */
export interface EmailIntakeProps {
  /** The domain inbound mail is received for, e.g. `courtdesk.example.lv` (context `courtdesk:inboundDomain`). */
  readonly domain: string;
  /**
   * Receive mail for these addresses of `domain` only (context `courtdesk:inboundAddresses`); SES
   * rejects mail for any other address.
   * @default - every address of `domain`
   */
  readonly addresses?: readonly string[];
  /**
   * Verify `domain` as an SES identity (Easy DKIM): SES receives mail only for verified domains. Not
   * needed when it is the sender domain, which the e-mail sending construct verifies already.
   * @default false
   */
  readonly verifyDomain?: boolean;
  /** Where the receipt rule's S3 action stores the raw message. */
  readonly bucket: IBucket;
  /** The bucket's key (its default encryption); SES also encrypts each message with it before storing it. */
  readonly key: IKey;
  /** Key prefix of raw messages in `bucket`, e.g. `raw-mail/`; the object key is prefix + SES message id. */
  readonly rawMailPrefix: string;
  /** Invoked (asynchronously) with the SES event once the message is stored: ingest-email. */
  readonly handler: IFunction;
  /**
   * Name of the receipt rule set; unique in the account and region.
   * @default `<stack name>-inbound-mail`
   */
  readonly ruleSetName?: string;
}

/**
 * The one function of `functions` with an `email` trigger, and that trigger: an account and region
 * has one active rule set, whose rule hands each message to one function.
 */
export function emailTriggerOf(functions: readonly FunctionSpec[]): {
  readonly spec: FunctionSpec;
  readonly trigger: Extract<Trigger, { kind: 'email' }>;
} {
  const found = functions.flatMap((spec) =>
    spec.triggers.flatMap((trigger) => (trigger.kind === 'email' ? [{ spec, trigger }] : [])),
  );
  const [first] = found;
  if (!first || found.length > 1)
    throw new Error(`EmailIntake: exactly one function must have an email trigger, not ${found.length}`);
  return first;
}

/** Name of the one receipt rule of the set. */
export const intakeRuleName = 'intake';

/**
 * SES's "deliver to S3 bucket" action through an IAM role that SES assumes. aws-ses-actions' `S3`
 * instead grants SES's service principal a bucket policy statement without the `aws:SourceArn`
 * condition SES documents (aws/aws-cdk#29811), and a key policy statement for SES's own encryption
 * only, not for the bucket's default encryption with the same customer-managed key, so its writes
 * are refused. With a role, the role and only the role is used for the bucket and both encryptions
 * (SES API reference, `S3Action.IamRoleArn`), and the key policy stays the account's alone.
 */
class S3ActionWithRole implements IReceiptRuleAction {
  constructor(
    private readonly props: {
      readonly bucket: IBucket;
      readonly objectKeyPrefix: string;
      readonly role: IRole;
    },
  ) {}

  public bind(rule: IConstruct): ReceiptRuleActionConfig {
    // SES checks that it can write when the rule is created: the role's policy must exist by then.
    rule.node.addDependency(this.props.role);
    const s3Action: CfnReceiptRule.S3ActionProperty = {
      bucketName: this.props.bucket.bucketName,
      objectKeyPrefix: this.props.objectKeyPrefix,
      // No `kmsKeyArn`: SES's own client-side encryption would leave ciphertext that only the
      // (Java/Ruby) S3 encryption clients read. The bucket's default encryption (SSE-KMS with the
      // mail key) encrypts the raw mail at rest instead, and ingest-email reads it with GetObject.
      iamRoleArn: this.props.role.roleArn,
    };
    return { s3Action };
  }
}

/**
 * Inbound e-mail through SES: a receipt rule set with one rule for the inbound domain (or the listed
 * addresses of it) that requires TLS, scans for spam and viruses, stores the raw message in the mail
 * bucket under `rawMailPrefix` (encrypted at rest by S3 with the bucket's key), and then
 * invokes the handler asynchronously with the SES event, which carries the spam, virus, SPF, DKIM
 * and DMARC verdicts. SES may assume the S3 action's role, and invoke the handler, for this rule
 * only (`aws:SourceArn`). The rule set is not activated: an account and region has one active rule
 * set, and activating it is a deliberate step (see docs/deploy.md).
 */
export class EmailIntake extends Construct {
  public readonly ruleSet: ReceiptRuleSet;
  public readonly rule: ReceiptRule;
  /** The role SES assumes to store raw messages. */
  public readonly s3ActionRole: Role;
  /** The inbound domain's SES identity, when this construct verifies it. */
  public readonly identity: EmailIdentity | undefined;
  /** ARN of the receipt rule, the `aws:SourceArn` of SES's requests on its behalf. */
  public readonly ruleArn: string;
  /**
   * SES events whose ingest-email invocation failed three times (Lambda's asynchronous retries):
   * kept 14 days with the error, so that no mail waits unseen in the bucket. Watched by an alarm;
   * replay a message by invoking ingest-email with its event.
   */
  public readonly failedInvocations: Queue;

  constructor(scope: Construct, id: string, props: EmailIntakeProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const domain = props.domain.toLowerCase();
    const addresses = (props.addresses ?? []).map((address) => address.toLowerCase());
    for (const address of addresses) {
      if (!address.endsWith(`@${domain}`))
        throw new Error(`EmailIntake: ${address} is not an address of the inbound domain ${domain}`);
    }

    // Explicit names: the rule's ARN is needed in the conditions below, and the rule depends on the
    // role, so a name generated by CloudFormation would make a cycle.
    const ruleSetName = props.ruleSetName ?? `${stack.stackName}-inbound-mail`;
    this.ruleArn = stack.formatArn({
      service: 'ses',
      resource: 'receipt-rule-set',
      resourceName: `${ruleSetName}:receipt-rule/${intakeRuleName}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const fromThisRule = {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, 'aws:SourceArn': this.ruleArn },
    };

    this.identity = props.verifyDomain
      ? new EmailIdentity(this, 'Identity', { identity: Identity.domain(domain) })
      : undefined;
    this.identity?.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        description: `DKIM CNAME ${index + 1} of 3 for the inbound domain ${domain}`,
        value: Fn.join(' CNAME ', [record.name, record.value]),
      });
    });

    this.s3ActionRole = new Role(this, 'S3ActionRole', {
      assumedBy: new ServicePrincipal('ses.amazonaws.com', { conditions: fromThisRule }),
      description: `courtdesk: SES receipt rule ${ruleSetName}/${intakeRuleName} stores raw mail under ${props.rawMailPrefix}`,
    });
    Grant.addToPrincipal({
      grantee: this.s3ActionRole,
      actions: ['s3:PutObject'],
      resourceArns: [props.bucket.arnForObjects(`${props.rawMailPrefix}*`)],
    });
    // kms:Encrypt and kms:GenerateDataKey for the bucket's default encryption (SSE-KMS) of the
    // object SES puts.
    props.key.grant(this.s3ActionRole, 'kms:Encrypt', 'kms:GenerateDataKey');
    const bucketId = stack.getLogicalId(props.bucket.node.defaultChild as CfnBucket);
    acknowledgeNagFinding(
      this.s3ActionRole,
      `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${props.rawMailPrefix}*]`,
      `SES puts each message at ${props.rawMailPrefix}<message id>; the grant is PutObject under that prefix only.`,
    );

    // The Lambda action below reuses a permission with this id instead of adding its own, which
    // would name the account but not the rule.
    props.handler.addPermission('AllowSes', {
      action: 'lambda:InvokeFunction',
      principal: new ServicePrincipal('ses.amazonaws.com'),
      sourceAccount: Aws.ACCOUNT_ID,
      sourceArn: this.ruleArn,
    });

    // Its own key: an SES event carries the mail's sender, recipients and subject.
    this.failedInvocations = onFailureQueue(this, 'FailedInvocations', {
      handler: props.handler,
      functionName: 'ingest-email',
      ownKey: true,
    });

    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: ruleSetName });
    this.rule = this.ruleSet.addRule('Rule', {
      receiptRuleName: intakeRuleName,
      recipients: addresses.length > 0 ? addresses : [domain],
      enabled: true,
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [
        new S3ActionWithRole({
          bucket: props.bucket,
          objectKeyPrefix: props.rawMailPrefix,
          role: this.s3ActionRole,
        }),
        new Lambda({ function: props.handler, invocationType: LambdaInvocationType.EVENT }),
      ],
    });

    new CfnOutput(this, 'RuleSetName', {
      description: 'SES receipt rule set for inbound mail; activate it once (see docs/deploy.md)',
      value: ruleSetName,
    });
    new CfnOutput(this, 'MxRecord', {
      description: `MX record of ${domain}: SES's inbound endpoint in this region`,
      value: Fn.join('', [`${domain} MX 10 inbound-smtp.`, Aws.REGION, '.amazonaws.com']),
    });
  }
}
