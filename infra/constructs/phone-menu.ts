import { CfnContactFlow } from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { type PhoneMenuPrompts, phoneMenuFlow } from '../../shared/domain/phone-menu.ts';

/** Properties of {@link PhoneMenu}: the Amazon Connect instance's parts it refers to, by ARN. */
export interface PhoneMenuProps {
  /** The Amazon Connect instance (context `courtdesk:connect.instanceArn`). */
  readonly instanceArn: string;
  /** The queue callers are put in once they chose. */
  readonly queueArn: string;
  /** The recorded prompts (Amazon Polly has no Latvian voice). */
  readonly prompts: PhoneMenuPrompts;
}

/**
 * The phone menu (§8) in an existing Amazon Connect instance: a contact flow generated from the
 * topic catalogue (`shared/domain/phone-menu.ts`), so the digits callers press are the ones staff
 * log calls with. Created only when the stack is given the instance (context `courtdesk:connect`);
 * the instance, its phone number and queues are the contact centre's, not this stack's.
 */
export class PhoneMenu extends Construct {
  public readonly flow: CfnContactFlow;

  constructor(scope: Construct, id: string, props: PhoneMenuProps) {
    super(scope, id);
    this.flow = new CfnContactFlow(this, 'TopicMenu', {
      instanceArn: props.instanceArn,
      name: 'courtdesk-topic-menu',
      description:
        "courtdesk: the phone menu (§8), generated from the topic catalogue; sets the caller's topic",
      type: 'CONTACT_FLOW',
      state: 'ACTIVE',
      content: JSON.stringify(phoneMenuFlow({ queueArn: props.queueArn, prompts: props.prompts })),
    });
  }
}
