/**
 * SES's mailbox simulator, in the sandbox: mail sent to `bounce@simulator.amazonses.com` or
 * `complaint@simulator.amazonses.com` (also with a `+label`, as SES allows) produces a bounce or
 * complaint event of the configuration set, as SES does in the cloud. The simulator watches the SES
 * emulator's store and, shortly after such a mail lands there, invokes the `mail-events`-triggered
 * function with the event EventBridge would deliver (`aws.ses`, `Email Bounced` /
 * `Email Complaint Received`, SES's event as `detail`).
 *
 * The emulator keeps no message tags, so the `reference` tag send-email sets is rebuilt from the
 * stored mail's subject: every mail we send to a client carries its ticket reference
 * (`TA-YYYY-NNNNNN`) there. Mail without one produces an event without the tag, as a supervisors'
 * digest would in the cloud.
 */
import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import type { FunctionSpec, MailEventKind } from '../inventory.ts';
import { mailEventNames } from '../mail-events.ts';
import { localRegion } from './emulators.ts';
import { type LambdaHandler, lambdaContext } from './lambda-context.ts';

const localAccount = '000000000000';
/** The name the sandbox's events give the configuration set (the cloud's is CloudFormation's). */
export const localConfigurationSet = 'courtdesk-local';
const simulatorDomain = 'simulator.amazonses.com';

export interface MailEventFunction {
  readonly spec: FunctionSpec;
  /** The events its trigger lists; mail to the other simulator addresses produces nothing. */
  readonly events: readonly MailEventKind[];
  readonly handler: LambdaHandler<EventBridgeEvent<string, unknown>, unknown>;
}

export interface MailEventSimulatorOptions {
  /** The emulator's stored mail, oldest first (`aws-ses-v2-local/dist/store`). */
  readonly mailbox: () => readonly unknown[];
  readonly functions: readonly MailEventFunction[];
  /** How often the store is looked at; SES reports the simulator's events within seconds. */
  readonly intervalMs?: number;
  readonly onError?: (error: unknown) => void;
}

export interface MailEventSimulator {
  /** Looks at the store now and answers when the events of the mail found are handled. */
  flush(): Promise<void>;
  /** Invocations in flight. */
  inFlight(): number;
  /** Stops watching, handles mail that landed meanwhile, and waits for the invocations. */
  stop(): Promise<void>;
}

/** The fields of a stored mail the simulator reads. */
const storedEmailSchema = z.object({
  messageId: z.string(),
  from: z.optional(z.string()),
  destination: z.object({
    to: z.optional(z.array(z.string())),
    cc: z.optional(z.array(z.string())),
    bcc: z.optional(z.array(z.string())),
  }),
  subject: z.optional(z.string()),
  /** Seconds since the epoch. */
  at: z.optional(z.number()),
});
type StoredEmail = z.infer<typeof storedEmailSchema>;

const referenceInSubject = /\bTA-\d{4}-\d{6,}\b/;

/** Which event mail to `address` produces at the simulator, if any. */
export function simulatedEventOf(address: string): MailEventKind | undefined {
  const match = /^([a-z]+)(?:\+[^@]*)?@(.+)$/i.exec(address.trim());
  if (!match || match[2]?.toLowerCase() !== simulatorDomain) return undefined;
  const local = match[1]?.toLowerCase();
  return local === 'bounce' ? 'bounce' : local === 'complaint' ? 'complaint' : undefined;
}

/** The event EventBridge delivers for `kind` on mail `email` to `recipient`, as SES publishes it. */
export function simulatedEvent(
  kind: MailEventKind,
  email: StoredEmail,
  recipient: string,
  now: Date = new Date(),
): EventBridgeEvent<string, unknown> {
  const sentAt = new Date(email.at ? email.at * 1000 : now.getTime()).toISOString();
  const reference = email.subject ? referenceInSubject.exec(email.subject)?.[0] : undefined;
  const fromDomain = email.from?.split('@').pop()?.replace(/>$/, '');
  const mail = {
    timestamp: sentAt,
    source: email.from ?? '',
    sourceArn: `arn:aws:ses:${localRegion}:${localAccount}:identity/${fromDomain ?? 'localhost'}`,
    sendingAccountId: localAccount,
    messageId: email.messageId,
    destination: [recipient],
    headersTruncated: false,
    tags: {
      'ses:configuration-set': [localConfigurationSet],
      ...(fromDomain ? { 'ses:from-domain': [fromDomain] } : {}),
      ...(reference ? { reference: [reference] } : {}),
    },
  };
  // The same event of the same mail gets the same feedback id: a second look at the store (a
  // restart) is a redelivery, which the function recognises.
  const feedbackId = `${email.messageId}-${kind}-simulator`;
  const timestamp = now.toISOString();
  const { detailType, eventType } = mailEventNames[kind];
  const detail =
    kind === 'bounce'
      ? {
          eventType,
          mail,
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: 'General',
            bouncedRecipients: [
              {
                emailAddress: recipient,
                action: 'failed',
                status: '5.1.1',
                diagnosticCode: 'smtp; 550 5.1.1 user unknown',
              },
            ],
            timestamp,
            feedbackId,
            reportingMTA: `dsn; ${simulatorDomain}`,
          },
        }
      : {
          eventType,
          mail,
          complaint: {
            complainedRecipients: [{ emailAddress: recipient }],
            timestamp,
            feedbackId,
            complaintSubType: null,
            userAgent: 'Amazon SES Mailbox Simulator',
            complaintFeedbackType: 'abuse',
            arrivalDate: sentAt,
          },
        };
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source: 'aws.ses',
    account: localAccount,
    // EventBridge writes the time without fractions of a second.
    time: timestamp.replace(/\.\d{3}Z$/, 'Z'),
    region: localRegion,
    resources: [],
    detail,
  };
}

export function startMailEventSimulator(options: MailEventSimulatorOptions): MailEventSimulator {
  // Mail stored before the start (a restored mailbox) was handled by an earlier run. Mail is known
  // by identity, not by position: the sandbox's retention prunes the oldest mail from the store.
  const seen = new WeakSet<object>();
  for (const stored of options.mailbox()) if (isObject(stored)) seen.add(stored);
  const isSeen = (stored: unknown) => isObject(stored) && seen.has(stored);
  const running = new Set<Promise<void>>();

  const invoke = (target: MailEventFunction, event: EventBridgeEvent<string, unknown>) => {
    const invocation = target
      .handler(event, lambdaContext(target.spec, event.id))
      .then(
        () => undefined,
        (error: unknown) => options.onError?.(error),
      )
      .finally(() => running.delete(invocation));
    running.add(invocation);
  };

  const look = () => {
    const emails = options.mailbox();
    // New mail is appended: it is what follows the newest mail already seen (all of it once cleared).
    let first = emails.length;
    while (first > 0 && !isSeen(emails[first - 1])) first -= 1;
    for (const stored of emails.slice(first)) {
      if (isObject(stored)) seen.add(stored);
      const parsed = storedEmailSchema.safeParse(stored);
      if (!parsed.success) continue;
      const { to = [], cc = [], bcc = [] } = parsed.data.destination;
      for (const recipient of [...to, ...cc, ...bcc]) {
        const kind = simulatedEventOf(recipient);
        if (!kind) continue;
        for (const target of options.functions) {
          if (target.events.includes(kind)) invoke(target, simulatedEvent(kind, parsed.data, recipient));
        }
      }
    }
  };

  const settle = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };

  const timer = setInterval(() => {
    try {
      look();
    } catch (error) {
      options.onError?.(error);
    }
  }, options.intervalMs ?? 250);
  timer.unref();

  return {
    async flush() {
      look();
      await settle();
    },
    inFlight: () => running.size,
    async stop() {
      clearInterval(timer);
      look();
      await settle();
    },
  };
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
