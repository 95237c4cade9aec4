import { describe, expect, test } from 'vitest';
import { cleanName } from '../../../adapters/web/identity.js';
import {
  readCookie,
  SESSION_MAX_AGE_SECONDS,
  SessionCodec,
  sessionCookieHeader,
  sessionSecret,
} from '../../../adapters/web/session.js';
import type { ChannelState } from '../../../src/index.js';

const secret = Buffer.alloc(32, 3);

function memoryState(): ChannelState {
  const map = new Map<string, string>();
  return {
    get: (k) => map.get(k),
    set: (k, v) => void map.set(k, v),
    delete: (k) => void map.delete(k),
    list: () => [],
    getRef: () => undefined,
    setRef: () => {},
  };
}

describe('session cookies', () => {
  test('a signed cookie names its user; any change breaks it', () => {
    const codec = new SessionCodec(secret);
    const value = codec.sign({ id: 'abc', name: 'Анна' });
    expect(codec.verify(value)).toEqual({ id: 'abc', name: 'Анна' });
    const [payload, mac] = value.split('.') as [string, string];
    const swapped = Buffer.from(JSON.stringify({ u: 'evil', n: 'Анна', iat: Date.now() / 1000 })).toString(
      'base64url',
    );
    for (const bad of [
      `${swapped}.${mac}`,
      `${payload}x.${mac}`,
      `${payload}.${mac.slice(1)}`,
      `${payload}.${'A'.repeat(mac.length)}`,
      `.${mac}`,
      payload,
      'x'.repeat(5000),
    ]) {
      expect(codec.verify(bad), bad.slice(0, 40)).toBeUndefined();
    }
    expect(new SessionCodec(Buffer.alloc(32, 4)).verify(value)).toBeUndefined();
  });

  test('a signed payload of the wrong shape is refused too', () => {
    const codec = new SessionCodec(secret);
    const sign = (data: unknown) => {
      const payload = Buffer.from(JSON.stringify(data)).toString('base64url');
      const mac = codec.sign({ id: 'x', name: 'x' }); // not this payload's MAC
      return `${payload}.${mac.split('.')[1]}`;
    };
    expect(codec.verify(sign({ u: 1, n: 'x', iat: 1 }))).toBeUndefined();
  });

  test('cookies expire after 30 days', () => {
    let now = Date.UTC(2026, 0, 1);
    const codec = new SessionCodec(secret, () => now);
    const value = codec.sign({ id: 'abc', name: 'A' });
    now += (SESSION_MAX_AGE_SECONDS - 60) * 1000;
    expect(codec.verify(value)).toBeDefined();
    now += 120 * 1000;
    expect(codec.verify(value)).toBeUndefined();
  });

  test('the secret is made once and kept in the channel state', () => {
    const state = memoryState();
    const first = sessionSecret(undefined, state);
    expect(first).toHaveLength(32);
    expect(sessionSecret(undefined, state).equals(first)).toBe(true);
    expect(sessionSecret('s'.repeat(32), state).toString()).toBe('s'.repeat(32));
  });

  test('cookie header parsing and the Set-Cookie attributes', () => {
    expect(readCookie('a=1; hd_session=xyz.abc; b=2', 'hd_session')).toBe('xyz.abc');
    expect(readCookie('hd_sessionx=1', 'hd_session')).toBeUndefined();
    expect(readCookie(undefined, 'hd_session')).toBeUndefined();
    expect(sessionCookieHeader('v', false)).toBe(
      'hd_session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000',
    );
    expect(sessionCookieHeader('v', true)).toMatch(/; Secure$/);
  });

  test('typed names are cleaned and bounded', () => {
    expect(cleanName('  Иван \u200b  Петров\n')).toBe('Иван Петров');
    expect(cleanName('\u202eevil')).toBe('evil');
    for (const bad of ['', '   ', '\u0000', 'x'.repeat(81), 5, null, undefined, {}]) {
      expect(cleanName(bad)).toBeUndefined();
    }
    expect(cleanName('x'.repeat(80))).toHaveLength(80);
  });
});
