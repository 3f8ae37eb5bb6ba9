/**
 * The admin page names a client to the auditors' API by its key, computed in the browser with
 * WebCrypto, never by its address (query strings end up in CDN and API logs). The browser has no
 * pseudonym secret, so it computes the legacy (unkeyed) key, whatever the case and spaces typed;
 * the server maps it to the keyed key the tickets table uses (`clientGroupId` is keyed over it).
 */
import { describe, expect, it } from 'vitest';
import { clientKeyPattern } from '../../../shared/domain/audit-query.ts';
import { clientGroupId, keyedClientKey, legacyClientKey } from '../../../shared/domain/ids.ts';
import { clientKeyOf } from '../../../web/src/admin/api.ts';

describe('the client key the admin page computes', () => {
  it.each([
    'janis@example.lv',
    'Janis.Berzins@Example.LV',
    '  ANNA.K@EXAMPLE.LV  ',
    '\tilze+tiesa@example.lv\n',
    'bērziņš@piemērs.lv',
    'Ģirts.ĶĪPSALA@Example.lv',
  ])('is the legacy key of %j, which the server maps to clientGroupId', async (address) => {
    const key = await clientKeyOf(address);
    expect(key).toBe(legacyClientKey(address));
    expect(key).not.toBe(clientGroupId(address));
    expect(keyedClientKey(key)).toBe(clientGroupId(address));
    expect(key).toMatch(clientKeyPattern);
  });

  it('is the same for an address in any case and with spaces around it', async () => {
    const keys = await Promise.all(
      ['janis@example.lv', 'JANIS@EXAMPLE.LV', ' Janis@Example.lv '].map(clientKeyOf),
    );
    expect(new Set(keys).size).toBe(1);
  });

  it('passes a key on as it is (in lower case)', async () => {
    const key = clientGroupId('janis@example.lv');
    expect(await clientKeyOf(key)).toBe(key);
    expect(await clientKeyOf(` ${key.toUpperCase()} `)).toBe(key);
  });

  it.each(['janis', 'janis@', '@example.lv', 'jā nis@example.lv', 'a@b@c', `${'x'.repeat(250)}@b.lv`])(
    'sends a stand-in for %j, which is no address (the server refuses it; the text stays in the page)',
    async (typed) => {
      const sent = await clientKeyOf(typed);
      expect(sent).toBe('not-an-address');
    },
  );
});
