/**
 * The admin page's addresses: a search's words are kept in the history entry's state, never in the
 * address (the CDN's access logs keep addresses, and the words may be a client's name or email).
 */
import { describe, expect, it } from 'vitest';
import { addressOf, memoryOf, type Route, routeFromAddress } from '../../../web/src/admin/routes.ts';

const words = 'anna.berzina@example.lv';
const searchRoute: Route = { kind: 'search', query: words };

describe('the admin page’s search address', () => {
  it('names the view only: the words are in the state that goes with it', () => {
    // Act
    const address = addressOf(searchRoute, 'lv');
    // Assess
    expect(address).not.toContain('anna');
    expect(address).not.toContain(encodeURIComponent(words));
    expect(new URL(address, 'https://courtdesk.test').searchParams.get('view')).toBe('search');
    expect(memoryOf(searchRoute)).toEqual({ search: words });
    expect(memoryOf({ kind: 'worklist', view: 'queue' })).toBeNull();
  });

  it('comes back from the address and its state (back button, reload)', () => {
    const url = new URL(addressOf(searchRoute, 'en'), 'https://courtdesk.test');
    expect(routeFromAddress(url, memoryOf(searchRoute))).toEqual(searchRoute);
    expect(routeFromAddress(url, { search: `  ${words} ` })).toEqual(searchRoute);
  });

  it.each([
    ['no state (a new tab)', null],
    ['words too short', { search: 'a' }],
    ['not words', { search: 42 }],
  ])('gives the queue for a search address with %s', (_case, memory) => {
    const url = new URL(addressOf(searchRoute, 'lv'), 'https://courtdesk.test');
    expect(routeFromAddress(url, memory)).toEqual({ kind: 'worklist', view: 'queue' });
  });

  it('no longer reads words from the address (`?q=`)', () => {
    expect(routeFromAddress({ search: `?q=${encodeURIComponent(words)}` })).toEqual({
      kind: 'worklist',
      view: 'queue',
    });
  });
});
