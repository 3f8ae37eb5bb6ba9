/**
 * The admin page names a client to the auditors' API by its key, computed in the browser with
 * WebCrypto, never by its address (query strings end up in CDN and API logs): the key must be the
 * one the tickets table uses (`clientGroupId`), whatever the case and spaces typed.
 */
import { describe, expect, it } from 'vitest';
import { clientKeyPattern } from '../../../shared/domain/audit-query.ts';
import { clientGroupId } from '../../../shared/domain/ids.ts';
import { clientKeyOf } from '../../../web/src/admin/api.ts';

describe('the client key the admin page computes', () => {
  it.each([
    'janis@example.lv',
    'Janis.Berzins@Example.LV',
    '  ANNA.K@EXAMPLE.LV  ',
    '\tilze+tiesa@example.lv\n',
    'bērziņš@piemērs.lv',
    'Ģirts.ĶĪPSALA@Example.lv',
  ])('is clientGroupId for %j', async (address) => {
    const key = await clientKeyOf(address);
    expect(key).toBe(clientGroupId(address));
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
