import { describe, expect, it } from 'vitest';
import { type ContactFlow, phoneMenuAttributes, phoneMenuFlow } from '../../../shared/domain/phone-menu.ts';
import { topics } from '../../../shared/domain/topics.ts';

const options = {
  queueArn: 'arn:aws:connect:eu-central-1:123456789012:instance/abc/queue/q1',
  prompts: {
    greeting: 'arn:aws:connect:eu-central-1:123456789012:instance/abc/prompt/greeting',
    menu: 'arn:aws:connect:eu-central-1:123456789012:instance/abc/prompt/menu',
  },
};

/** Where a caller who pressed `key` (or nothing: undefined) ends, following the flow's transitions. */
function walk(
  flow: ContactFlow,
  key: string | undefined,
): { attributes: Record<string, string>; path: string[] } {
  const byId = new Map(flow.Actions.map((action) => [action.Identifier, action]));
  let current = byId.get(flow.StartAction);
  const path: string[] = [];
  let attributes: Record<string, string> = {};
  while (current && path.length < 20) {
    path.push(current.Type);
    if (current.Type === 'UpdateContactAttributes')
      attributes = { ...attributes, ...(current.Parameters.Attributes as Record<string, string>) };
    const { Transitions: t } = current;
    const next =
      current.Type === 'GetParticipantInput'
        ? (t.Conditions?.find((condition) => condition.Condition.Operands.includes(key ?? ''))?.NextAction ??
          t.Errors?.find(
            (error) =>
              error.ErrorType === (key === undefined ? 'InputTimeLimitExceeded' : 'NoMatchingCondition'),
          )?.NextAction)
        : t.NextAction;
    current = next ? byId.get(next) : undefined;
  }
  return { attributes, path };
}

describe('the phone menu as an Amazon Connect flow', () => {
  const flow = phoneMenuFlow(options);

  it('is well formed: unique identifiers (≤ 50 characters), every transition to an existing action, all reachable', () => {
    const ids = flow.Actions.map((action) => action.Identifier);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(50);
    expect(ids).toContain(flow.StartAction);
    const targets = flow.Actions.flatMap((action) => [
      ...(action.Transitions.NextAction ? [action.Transitions.NextAction] : []),
      ...(action.Transitions.Conditions ?? []).map((condition) => condition.NextAction),
      ...(action.Transitions.Errors ?? []).map((error) => error.NextAction),
    ]);
    for (const target of targets) expect(ids).toContain(target);
    for (const id of ids) if (id !== flow.StartAction) expect(targets).toContain(id);
    expect(flow.Version).toBe('2019-10-30');
  });

  it.each(topics.map((topic) => [topic.phoneDigit, topic.id, topic.competence] as const))(
    'pressing %s sets topic %s, unit %s, and puts the caller in the queue',
    (digit, topic, competence) => {
      const { attributes, path } = walk(flow, String(digit));
      expect(attributes).toEqual({
        [phoneMenuAttributes.topic]: topic,
        [phoneMenuAttributes.competence]: competence,
        [phoneMenuAttributes.digit]: String(digit),
      });
      expect(path).toEqual([
        'MessageParticipant',
        'GetParticipantInput',
        'UpdateContactAttributes',
        'UpdateContactTargetQueue',
        'TransferContactToQueue',
      ]);
    },
  );

  it('sends a caller who presses nothing, or a key without a topic, to the operator (digit 0)', () => {
    const operator = topics.find((topic) => topic.phoneDigit === 0);
    expect(walk(flow, undefined).attributes[phoneMenuAttributes.topic]).toBe(operator?.id);
    expect(walk(flow, '9').attributes[phoneMenuAttributes.topic]).toBe(operator?.id);
  });

  it('plays the recorded prompts and queues in the given queue', () => {
    const types = Object.fromEntries(flow.Actions.map((action) => [action.Type, action.Parameters]));
    expect(types.MessageParticipant).toEqual({ PromptId: options.prompts.greeting });
    expect(types.GetParticipantInput).toMatchObject({ PromptId: options.prompts.menu, StoreInput: 'False' });
    expect(types.UpdateContactTargetQueue).toEqual({ QueueId: options.queueArn });
  });

  it('refuses a catalogue without an operator topic', () => {
    expect(() =>
      phoneMenuFlow(
        options,
        topics.filter((topic) => topic.phoneDigit !== 0),
      ),
    ).toThrow(/operator/);
  });
});
