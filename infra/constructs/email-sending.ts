import { CfnOutput, Fn, Stack } from 'aws-cdk-lib';
import { EventBus, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  ConfigurationSet,
  type ConfigurationSetEventDestination,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  MailFromBehaviorOnMxFailure,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { MailEventKind } from '../inventory.ts';
import { mailEventNames } from '../mail-events.ts';
import { eventDeadLetterQueue, eventRetryPolicy } from './event-dead-letter-queue.ts';
import { pascalCase } from './naming.ts';
import { onFailureQueue } from './on-failure-queue.ts';

/** The configuration set's event type of each kind of event a `mail-events` trigger receives. */
const sesEvents: Readonly<Record<MailEventKind, EmailSendingEvent>> = {
  bounce: EmailSendingEvent.BOUNCE,
  complaint: EmailSendingEvent.COMPLAINT,
};

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
  /** The configuration set's event destinations (EventBridge's default bus), one per handler. */
  public readonly eventDestinations: ConfigurationSetEventDestination[] = [];
  /** The EventBridge rules that invoke the handlers of the configuration set's events. */
  public readonly eventRules: Rule[] = [];

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
   * Publishes the configuration set's `events` (bounces, complaints) to EventBridge's default bus,
   * the only bus SES publishes to, and invokes `handler` with them through a rule that matches
   * this configuration set's events only (SES tags every event with `ses:configuration-set`). The
   * rule invokes the function asynchronously, so Lambda retries a failed event twice; only this
   * rule may invoke it (the permission names the rule's ARN).
   */
  public addEventHandler(name: string, handler: IFunction, events: readonly MailEventKind[]): Rule {
    if (events.length === 0) throw new Error(`EmailSending: ${name} handles no events`);
    const id = pascalCase(name);
    const defaultBus =
      (this.node.tryFindChild('DefaultBus') as IEventBus | undefined) ??
      EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.eventDestinations.push(
      this.configurationSet.addEventDestination(`${id}Events`, {
        destination: EventDestination.eventBus(defaultBus),
        events: events.map((event) => sesEvents[event]),
      }),
    );
    const rule = new Rule(this, `${id}Rule`, {
      description: `courtdesk ${name}: SES ${events.join(', ')} events of the configuration set`,
      eventPattern: {
        source: ['aws.ses'],
        detailType: events.map((event) => mailEventNames[event].detailType),
        detail: {
          mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } },
        },
      },
    });
    this.eventRules.push(rule);
    // An event the function failed on three times (Lambda's asynchronous retries) is kept, alarmed,
    // rather than dropped: a bounce nobody recorded would leave staff writing to a dead address.
    const failures = onFailureQueue(this, `${id}Failures`, { handler, functionName: name, ownKey: true });
    this.failedEvents.push({ name: `${name}-failures`, queue: failures });
    // So is one EventBridge could not hand to the function at all (throttled, a broken permission),
    // under the same key: the same events.
    const undelivered = eventDeadLetterQueue(this, `${id}Undelivered`, {
      purpose: `${name}'s SES events`,
      key: failures.encryptionMasterKey as IKey,
    });
    rule.addTarget(new LambdaFunction(handler, { deadLetterQueue: undelivered, ...eventRetryPolicy }));
    this.failedEvents.push({ name: `${name}-undelivered`, queue: undelivered });
    return rule;
  }

  /** Each event handler's on-failure queue, by name, for the dead-letter alarms. */
  public readonly failedEvents: { readonly name: string; readonly queue: Queue }[] = [];

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
