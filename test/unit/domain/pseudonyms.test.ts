/**
 * Keyed pseudonyms: HMAC-SHA-256 with the installed secret, so a dictionary of addresses hashed
 * with SHA-256 finds nothing; the same person gets the same key however the value is written; a
 * process without a key fails instead of falling back to an unkeyed hash.
 */

import { spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { clientGroupId, keyedClientKey, legacyClientKey } from '../../../shared/domain/ids.ts';
import {
  installedPseudonymKeyVersion,
  installPseudonymKey,
  pseudonymKeyLabel,
} from '../../../shared/domain/pseudonym-key.ts';
import { subjectKey, subjectKeyPattern, subjectKeysOf } from '../../../shared/domain/pseudonyms.ts';
import { testPseudonymSecret } from '../../support/pseudonym-test-key.ts';

const otherSecret = { version: 2, secret: Buffer.alloc(32, 7) };

afterEach(() => installPseudonymKey(testPseudonymSecret, 1));

describe('client keys', () => {
  it('are HMAC-SHA-256 of the legacy key with the installed secret, not the plain SHA-256', () => {
    const email = 'Janis.Berzins@Example.LV ';
    const plain = createHash('sha256').update('janis.berzins@example.lv').digest('hex');
    expect(legacyClientKey(email)).toBe(`client-${plain.slice(0, 40)}`);
    const keyed = createHmac('sha256', testPseudonymSecret)
      .update(`client\n${legacyClientKey(email)}`)
      .digest('hex');
    expect(clientGroupId(email)).toBe(`client-${keyed.slice(0, 40)}`);
    expect(clientGroupId(email)).not.toContain(plain.slice(0, 40));
    expect(clientGroupId(email)).toBe(clientGroupId('janis.berzins@example.lv'));
    expect(keyedClientKey(legacyClientKey(email))).toBe(clientGroupId(email));
  });

  it('change with the secret: another key version gives other keys', () => {
    const before = clientGroupId('anna@example.lv');
    expect(clientGroupId('anna@example.lv', otherSecret)).not.toBe(before);
    installPseudonymKey(otherSecret.secret, 2);
    expect(installedPseudonymKeyVersion()).toBe(2);
    expect(clientGroupId('anna@example.lv')).toBe(clientGroupId('anna@example.lv', otherSecret));
    expect(clientGroupId('anna@example.lv')).not.toBe(before);
  });

  it('refuses a secret of the wrong length', () => {
    expect(() => installPseudonymKey(Buffer.alloc(16), 1)).toThrow(/32 bytes/);
    expect(() => installPseudonymKey(Buffer.alloc(32), 0)).toThrow();
  });

  it('cannot be computed in a process that installed no key', () => {
    // A process of its own: this one has the test key from the setup file.
    const script = [
      "import { clientGroupId } from './shared/domain/ids.ts';",
      "import { subjectKey } from './shared/domain/pseudonyms.ts';",
      "for (const make of [() => clientGroupId('a@b.lv'), () => subjectKey('email', 'a@b.lv')]) {",
      "  try { make(); console.log('computed'); } catch (error) { console.log(error.name); }",
      '}',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      cwd: process.cwd(),
    });
    expect(run.stdout.trim().split('\n')).toEqual(['PseudonymKeyMissing', 'PseudonymKeyMissing']);
  });

  it('derive their secret from a label naming the key version', () => {
    expect(pseudonymKeyLabel(1)).toBe('courtdesk pseudonym key v1');
    expect(pseudonymKeyLabel(2)).not.toBe(pseudonymKeyLabel(1));
  });
});

describe('subject keys', () => {
  it('are keyed per kind, and the same for the same person written differently', () => {
    const a = subjectKeysOf({
      name: 'Jānis  Bērziņš',
      email: ' JANIS@example.lv',
      phone: '29 123 456',
      postalAddress: { addressLine: 'Brīvības iela 1', postalCode: 'LV-1010' },
    });
    const b = subjectKeysOf({
      name: 'jānis bērziņš',
      email: 'janis@example.lv',
      phone: '+371 29123456',
      postalAddress: { addressLine: 'brīvības  iela 1 ', postalCode: 'LV- 1010' },
    });
    expect(a).toEqual(b);
    expect(a).toHaveLength(3);
    for (const key of a) expect(key).toMatch(subjectKeyPattern);
    const plain = createHash('sha256').update('subject-email\njanis@example.lv').digest('hex');
    expect(a[0]).not.toContain(plain.slice(0, 40));
    expect(subjectKey('email', 'janis@example.lv', otherSecret)).not.toBe(a[0]);
  });

  it('leave out stand-in addresses of letters and calls', () => {
    expect(subjectKeysOf({ email: 'letter-abc@letter.invalid', name: 'X' })).toEqual([]);
  });
});
