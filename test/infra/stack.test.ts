/**
 * The courtdesk stack as a whole: its template's dependency graph, and what holds for every key
 * whichever construct made it.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { courtdesk } from './support.ts';

const { template } = courtdesk();

describe('the template', () => {
  it('has no dependency cycle (client → distribution → API; staff routes → authorizer → client)', () => {
    // Template.fromJSON, like fromStack above, follows Ref, Fn::GetAtt, Fn::Sub and DependsOn and
    // throws on a cycle; CDK's synthesis reports only cycles between stacks.
    expect(() => Template.fromJSON(template.toJSON())).not.toThrow();
  });

  it('the cycle check itself rejects a cycle', () => {
    const cyclic = {
      Resources: {
        A: { Type: 'AWS::SQS::Queue', DependsOn: ['B'] },
        B: { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { deadLetterTargetArn: { Ref: 'A' } } } },
      },
    };
    expect(() => Template.fromJSON(cyclic)).toThrow(/dependency cycle/);
  });

  it('keys rotate (all symmetric ones: KMS cannot rotate the asymmetric audit signing key)', () => {
    const keys = Object.values(template.findResources('AWS::KMS::Key')).filter(
      (key) => (key.Properties.KeySpec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT',
    );
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.Properties.EnableKeyRotation).toBe(true);
  });
});
