/**
 * `npm run audit:verify`'s command line: in the cloud only the signing key it is given counts —
 * `AUDIT_SIGNING_KEY_ID` or `--key-id`, the KMS key's ARN — and without one it stops with a usage
 * error rather than trusting whatever key a digest names. The sandbox trusts its local key only.
 */
import { describe, expect, it } from 'vitest';
import { cloudKeyIds, main, parseArguments, UsageError } from '../../../scripts/audit-verify.ts';

const keyArn = 'arn:aws:kms:eu-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const otherArn = 'arn:aws:kms:eu-west-1:444455556666:key/0000abcd-12ab-34cd-56ef-1234567890ab';
const cloud = { AUDIT_TABLE: 'courtdesk-audit', AUDIT_DIGEST_BUCKET: 'courtdesk-audit-digests' };

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    env,
    (line) => out.push(line),
    (line) => err.push(line),
  );
  return { code, out, err };
}

describe('audit:verify: the signing keys it trusts', () => {
  it('takes --key-id, as often as given', () => {
    expect(
      parseArguments([
        '--from',
        '2026-11-28T01',
        '--to',
        '2026-11-28T02',
        '--key-id',
        keyArn,
        '--key-id',
        otherArn,
      ]).keyIds,
    ).toEqual([keyArn, otherArn]);
    expect(parseArguments(['--from', '2026-11-28T01', '--to', '2026-11-28T02']).keyIds).toEqual([]);
  });

  it('in the cloud: --key-id, else AUDIT_SIGNING_KEY_ID (comma-separated), KMS key ARNs only', () => {
    expect(cloudKeyIds([], { AUDIT_SIGNING_KEY_ID: keyArn })).toEqual([keyArn]);
    expect(cloudKeyIds([], { AUDIT_SIGNING_KEY_ID: `${keyArn}, ${otherArn}` })).toEqual([keyArn, otherArn]);
    expect(cloudKeyIds([otherArn], { AUDIT_SIGNING_KEY_ID: keyArn })).toEqual([otherArn]);
    expect(() => cloudKeyIds([], {})).toThrow(UsageError);
    expect(() => cloudKeyIds([], { AUDIT_SIGNING_KEY_ID: 'alias/courtdesk-audit' })).toThrow(
      /not a KMS key ARN/,
    );
    expect(() => cloudKeyIds(['local:abc'], {})).toThrow(/not a KMS key ARN/);
  });

  it('stops with a usage error (exit 2) when the cloud is checked without the signing key', async () => {
    const { code, out, err } = await run(['--from', '2026-11-28T01', '--to', '2026-11-28T02'], cloud);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(/^audit:verify: AUDIT_SIGNING_KEY_ID is missing: set it \(or pass --key-id\)/);
    expect(err.join('\n')).toContain('Usage: npm run audit:verify');
  });

  it('refuses --key-id for the sandbox, which trusts its own key only', async () => {
    const { code, err } = await run(
      ['--from', '2026-11-28T01', '--to', '2026-11-28T02', '--key-id', keyArn],
      {},
    );
    expect(code).toBe(2);
    expect(err[0]).toBe('audit:verify: --key-id is for the cloud: the sandbox trusts its own local key');
  });
});
