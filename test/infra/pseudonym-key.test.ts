/**
 * The keyed pseudonyms' KMS key: an HMAC key kept with the stack; exactly the functions that compute
 * client or subject keys may make MACs with it (to derive their secret) and get its ARN and version.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app-factory.ts';
import {
  allowedActionsByResource,
  arnOf,
  courtdesk,
  logicalId,
  skipBundling,
  statementsOf,
  testContext,
} from './support.ts';

const { stack, template } = courtdesk();

/** The functions whose code computes client or subject keys (their bundles reach `keyedDigest`). */
const users = [
  'assistant-api',
  'ingest-email',
  'ingest-postal',
  'ingest-web',
  'process-intake',
  'retention-sweeper',
  'send-email',
  'staff-api',
];

type Resources = Record<string, { Properties?: Record<string, unknown> }>;
const variablesOf = (resources: Resources, name: string, of = stack) => {
  const fn = resources[logicalId(of.functions.get(name).function)];
  const environment = fn?.Properties?.Environment as { Variables: Record<string, unknown> } | undefined;
  return environment?.Variables ?? {};
};

describe('the pseudonym key', () => {
  const key = () => stack.pseudonymKey.key;

  it('is an HMAC_256 key for MACs only, kept with the stack', () => {
    const resource = template.toJSON().Resources[logicalId(key())];
    expect(resource).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(resource.Properties).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    expect(resource.Properties.EnableKeyRotation).toBeUndefined();
  });

  it('lets the functions that compute keys make MACs with it, nothing else, and no other function touch it', () => {
    expect(
      stack.functions.all
        .filter((fn) => fn.spec.pseudonyms)
        .map((fn) => fn.spec.name)
        .sort(),
    ).toEqual(users);
    const keyArn = JSON.stringify(arnOf(key()));
    for (const fn of stack.functions.all) {
      const kms = allowedActionsByResource(statementsOf(fn.spec.name), 'kms');
      expect(kms[keyArn], fn.spec.name).toEqual(
        users.includes(fn.spec.name) ? ['kms:GenerateMac'] : undefined,
      );
    }
  });

  it('gives them its ARN as PSEUDONYM_KEY and the version 1, others neither', () => {
    const resources = template.toJSON().Resources as Resources;
    for (const fn of stack.functions.all) {
      const variables = variablesOf(resources, fn.spec.name);
      if (users.includes(fn.spec.name)) {
        expect(variables.PSEUDONYM_KEY, fn.spec.name).toEqual(arnOf(key()));
        expect(variables.PSEUDONYM_KEY_VERSION, fn.spec.name).toBe('1');
      } else {
        expect(variables.PSEUDONYM_KEY, fn.spec.name).toBeUndefined();
      }
    }
  });

  it('takes a rotated version from the context, and refuses one that is no version', () => {
    const context = { ...contextOf(), 'courtdesk:pseudonymKeyVersion': '2' };
    const rotated = buildApp({ context, nag: false }).stack;
    const resources = Template.fromStack(rotated).toJSON().Resources as Resources;
    expect(variablesOf(resources, 'staff-api', rotated).PSEUDONYM_KEY_VERSION).toBe('2');
    expect(() =>
      buildApp({ context: { ...contextOf(), 'courtdesk:pseudonymKeyVersion': 'two' }, nag: false }),
    ).toThrow(/pseudonymKeyVersion/);
  });
});

function contextOf(): Record<string, unknown> {
  return { ...testContext, ...skipBundling };
}
