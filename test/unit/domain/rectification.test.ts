import { describe, expect, it } from 'vitest';
import { clientGroupId } from '../../../shared/domain/ids.ts';
import { subjectKeysOf } from '../../../shared/domain/pseudonyms.ts';
import {
  clientMessageIdKeys,
  correctedCallback,
  looksLikeEmail,
  rectify,
} from '../../../shared/domain/rectification.ts';
import { messageIdKey } from '../../../shared/domain/threading.ts';
import type { Client } from '../../../shared/domain/ticket.ts';

const address = { addressLine: 'Brīvības iela 12-3', place: 'Rīga', postalCode: 'LV-1050' };
const anna: Client = {
  name: 'Anna Kalniņa',
  email: 'anna@example.lv',
  phone: '+37120000001',
  postalAddress: address,
};

describe('rectify', () => {
  it('changes only the fields that differ once normalised, and keeps the rest', () => {
    // Prepare: the same email in other case, the same phone written with spaces, the same address folded.
    const correction = {
      email: ' Anna@Example.LV ',
      phone: '2000 0001',
      postalAddress: { ...address, addressLine: 'brīvības  iela 12-3' },
      name: 'Anna Ozola',
    };

    // Act
    const change = rectify(anna, correction);

    // Assess
    expect(change.changed).toEqual(['name']);
    expect(change.client).toEqual({ ...anna, name: 'Anna Ozola' });
    expect(change.clientKey.from).toBe(change.clientKey.to);
  });

  it('moves the client key and the email subject key with an email change', () => {
    const change = rectify(anna, { email: 'anna.ozola@example.lv' });

    expect(change.changed).toEqual(['email']);
    expect(change.clientKey).toEqual({
      from: clientGroupId('anna@example.lv'),
      to: clientGroupId('anna.ozola@example.lv'),
    });
    const before = subjectKeysOf(anna);
    const after = subjectKeysOf(change.client);
    expect(change.subjectKeys.remove).toEqual(before.filter((key) => !after.includes(key)));
    expect(change.subjectKeys.add).toEqual(after.filter((key) => !before.includes(key)));
    expect(change.subjectKeys.remove).toHaveLength(1);
    expect(change.subjectKeys.add).toHaveLength(1);
  });

  it('moves the name-and-address key with a new postal address, and adds a phone the client had not', () => {
    const { phone: _phone, ...withoutPhone } = anna;
    const change = rectify(withoutPhone, {
      postalAddress: { ...address, addressLine: 'Elizabetes iela 1' },
      phone: '+371 2999 9999',
    });

    expect(change.changed).toEqual(['phone', 'postalAddress']);
    expect(change.subjectKeys.remove).toHaveLength(1);
    expect(change.subjectKeys.add).toHaveLength(2);
    expect(change.client.phone).toBe('+371 2999 9999');
  });

  it('gives a client without an email (a placeholder) its first subject key for the email', () => {
    const change = rectify({ ...anna, email: 'post-123@client.invalid' }, { email: 'anna@example.lv' });

    expect(change.subjectKeys.remove).toEqual([]);
    expect(change.subjectKeys.add).toHaveLength(1);
  });
});

describe('clientMessageIdKeys', () => {
  it('moves the keys of the client’s own ids, never those of our own (SES) mail', () => {
    const keys = { from: clientGroupId('anna@example.lv'), to: clientGroupId('new@example.lv') };
    const moved = clientMessageIdKeys(
      {
        email: {
          messageId: 'anna-2@example.lv',
          references: ['anna-1@example.lv', 'abc@eu-north-1.amazonses.com'],
        },
      },
      keys,
    );

    expect(moved).toEqual([
      { from: messageIdKey('anna-2@example.lv', keys.from), to: messageIdKey('anna-2@example.lv', keys.to) },
      { from: messageIdKey('anna-1@example.lv', keys.from), to: messageIdKey('anna-1@example.lv', keys.to) },
    ]);
    expect(
      clientMessageIdKeys({ email: { messageId: 'x@y.lv', references: [] } }, { from: 'a', to: 'a' }),
    ).toEqual([]);
  });
});

describe('correctedCallback', () => {
  it('moves a pending callback to the corrected phone, but not one already made', () => {
    const pending = { phone: '+37120000001' };
    const ticket = { client: anna, callback: pending };

    expect(correctedCallback(ticket, { ...anna, phone: '29999999' })).toEqual({ phone: '+37129999999' });
    const done = { ...pending, done: { by: 'a', at: '2026-01-01T00:00:00Z', outcome: 'reached' as const } };
    expect(correctedCallback({ client: anna, callback: done }, { ...anna, phone: '29999999' })).toBe(done);
  });
});

describe('looksLikeEmail', () => {
  it('takes an address and refuses what cannot be one', () => {
    expect(looksLikeEmail('anna@example.lv')).toBe(true);
    expect(looksLikeEmail('anna@example')).toBe(false);
    expect(looksLikeEmail('anna example@x.lv')).toBe(false);
  });
});
