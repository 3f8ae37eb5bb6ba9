import { CfnOutput, Fn, Stack } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  MailFromBehaviorOnMxFailure,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

/** Properties of {@link EmailSending}. */
export interface EmailSendingProps {
  /** The address acknowledgements and replies are sent from, e.g. `noreply@courtdesk.example.lv`. */
  readonly senderAddress: string;
  /**
   * The domain to verify (DKIM) as the sending identity. When omitted, only `senderAddress` is
   * verified, which suits a trial account.
   * @default - the sender address is the identity
   */
  readonly senderDomain?: string;
  /**
   * Custom MAIL FROM domain: a subdomain of `senderDomain` that receives no mail, e.g.
   * `bounce.courtdesk.example.lv`, so that SPF aligns with the From domain for DMARC. Until its MX
   * and SPF records exist SES falls back to its own MAIL FROM domain rather than refusing to send.
   * @default - SES's MAIL FROM domain (a subdomain of amazonses.com)
   */
  readonly mailFromDomain?: string;
}

/**
 * Outbound e-mail through SES: the sending identity (a DKIM-verified domain, or a single address)
 * and a configuration set that requires TLS, records reputation metrics and honours the account's
 * suppression list, so bounces and complaints stop further mail to that address.
 */
export class EmailSending extends Construct {
  public readonly identity: EmailIdentity;
  public readonly configurationSet: ConfigurationSet;
  public readonly senderAddress: string;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    this.senderAddress = props.senderAddress;

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });

    if (
      props.mailFromDomain &&
      !(
        props.senderDomain &&
        props.mailFromDomain.toLowerCase().endsWith(`.${props.senderDomain.toLowerCase()}`)
      )
    ) {
      throw new Error(`EmailSending: the MAIL FROM domain must be a subdomain of the sender domain`);
    }

    this.identity = new EmailIdentity(this, 'Identity', {
      identity: props.senderDomain
        ? Identity.domain(props.senderDomain)
        : Identity.email(props.senderAddress),
      configurationSet: this.configurationSet,
      ...(props.mailFromDomain
        ? {
            mailFromDomain: props.mailFromDomain,
            mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
          }
        : {}),
    });

    // Easy DKIM: publish these CNAME records in the domain's DNS before SES will send.
    if (props.senderDomain) {
      this.identity.dkimRecords.forEach((record, index) => {
        new CfnOutput(this, `DkimRecord${index + 1}`, {
          description: `DKIM CNAME ${index + 1} of 3 for ${props.senderDomain}`,
          value: Fn.join(' CNAME ', [record.name, record.value]),
        });
      });
    }
  }

  /** ARN of the configuration set, which SES also authorises a send against. */
  public get configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /**
   * Lets `grantee` call `ses:SendEmail` (SESv2 SendEmail) through this identity and configuration
   * set only, and only with the sender address as `From`.
   */
  public grantSendEmail(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail'],
      resourceArns: [this.identity.emailIdentityArn, this.configurationSetArn],
      conditions: { StringEquals: { 'ses:FromAddress': this.senderAddress } },
    });
  }
}
