/**
 * The phone menu (§8) as an Amazon Connect flow (Flow language, version 2019-10-30), generated
 * from the topic catalogue, so that the digits callers press and the digits staff log calls with
 * (`POST /api/staff/calls`) cannot drift apart. The caller hears the greeting (§19.2: the service
 * names itself) and the menu, presses a topic's digit; the contact carries the topic, its unit and
 * the digit as attributes (the agent sees them, and logs the call with that digit) and goes to the
 * queue. No key or an unknown one: the operator's topic (0, triage). Amazon Polly has no Latvian
 * voice, so the prompts are recorded audio, named by their ARNs.
 */
import { type PhoneDigit, type Topic, topics } from './topics.ts';

export interface PhoneMenuPrompts {
  /** "Tiesu administrācija, labdien! …" */
  readonly greeting: string;
  /** The menu: each topic with its digit, in the catalogue's words. */
  readonly menu: string;
}

export interface PhoneMenuOptions {
  /** The Amazon Connect queue callers are put in (its ARN). */
  readonly queueArn: string;
  readonly prompts: PhoneMenuPrompts;
  /** Seconds to wait for a key. @default 8 */
  readonly inputSeconds?: number;
}

interface Transitions {
  readonly NextAction?: string;
  readonly Conditions?: readonly {
    readonly NextAction: string;
    readonly Condition: { readonly Operator: 'Equals'; readonly Operands: readonly string[] };
  }[];
  readonly Errors?: readonly { readonly NextAction: string; readonly ErrorType: string }[];
}

export interface FlowAction {
  readonly Identifier: string;
  readonly Type: string;
  readonly Parameters: Readonly<Record<string, unknown>>;
  readonly Transitions: Transitions;
}

export interface ContactFlow {
  readonly Version: '2019-10-30';
  readonly StartAction: string;
  readonly Actions: readonly FlowAction[];
}

/** The contact attributes a menu choice sets. */
export const phoneMenuAttributes = {
  topic: 'courtdeskTopic',
  competence: 'courtdeskCompetence',
  digit: 'courtdeskDigit',
} as const;

const ids = {
  greeting: 'greeting',
  menu: 'menu',
  queue: 'set-queue',
  transfer: 'transfer-to-queue',
  disconnect: 'disconnect',
  choice: (digit: PhoneDigit) => `topic-${digit}`,
} as const;

/** The menu's flow for `catalogue` (the topic catalogue by default). */
export function phoneMenuFlow(options: PhoneMenuOptions, catalogue: readonly Topic[] = topics): ContactFlow {
  const operator = catalogue.find((topic) => topic.phoneDigit === 0);
  if (!operator) throw new Error('The phone menu needs an operator topic on digit 0');
  const byDigit = [...catalogue].sort((a, b) => a.phoneDigit - b.phoneDigit);
  const toQueue = { NextAction: ids.queue };
  const actions: FlowAction[] = [
    {
      Identifier: ids.greeting,
      Type: 'MessageParticipant',
      Parameters: { PromptId: options.prompts.greeting },
      Transitions: { NextAction: ids.menu, Errors: [{ NextAction: ids.menu, ErrorType: 'NoMatchingError' }] },
    },
    {
      Identifier: ids.menu,
      Type: 'GetParticipantInput',
      Parameters: {
        PromptId: options.prompts.menu,
        InputTimeLimitSeconds: String(options.inputSeconds ?? 8),
        StoreInput: 'False',
      },
      Transitions: {
        Conditions: byDigit.map((topic) => ({
          NextAction: ids.choice(topic.phoneDigit),
          Condition: { Operator: 'Equals', Operands: [String(topic.phoneDigit)] },
        })),
        // No key, or one without a topic: the operator (triage), never a dead end.
        Errors: ['InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError'].map((ErrorType) => ({
          NextAction: ids.choice(operator.phoneDigit),
          ErrorType,
        })),
      },
    },
    ...byDigit.map(
      (topic): FlowAction => ({
        Identifier: ids.choice(topic.phoneDigit),
        Type: 'UpdateContactAttributes',
        Parameters: {
          TargetContact: 'Current',
          Attributes: {
            [phoneMenuAttributes.topic]: topic.id,
            [phoneMenuAttributes.competence]: topic.competence,
            [phoneMenuAttributes.digit]: String(topic.phoneDigit),
          },
        },
        Transitions: { ...toQueue, Errors: [{ NextAction: ids.queue, ErrorType: 'NoMatchingError' }] },
      }),
    ),
    {
      Identifier: ids.queue,
      Type: 'UpdateContactTargetQueue',
      Parameters: { QueueId: options.queueArn },
      Transitions: {
        NextAction: ids.transfer,
        Errors: [{ NextAction: ids.disconnect, ErrorType: 'NoMatchingError' }],
      },
    },
    {
      Identifier: ids.transfer,
      Type: 'TransferContactToQueue',
      Parameters: {},
      Transitions: {
        Errors: [
          { NextAction: ids.disconnect, ErrorType: 'QueueAtCapacity' },
          { NextAction: ids.disconnect, ErrorType: 'NoMatchingError' },
        ],
      },
    },
    { Identifier: ids.disconnect, Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
  ];
  return { Version: '2019-10-30', StartAction: ids.greeting, Actions: actions };
}
