import { describe, expect, test } from 'vitest';
import { cleanUserText } from '../../src/conversation/sanitize.js';

describe('cleanUserText', () => {
  test('non-strings and empty text become empty', () => {
    expect(cleanUserText(undefined, 100)).toEqual({ text: '', truncated: false, secrets: [] });
    expect(cleanUserText(42, 100).text).toBe('');
    expect(cleanUserText({ text: 'x' }, 100).text).toBe('');
    expect(cleanUserText('   \n\t  ', 100).text).toBe('');
  });

  test('removes control, zero-width and bidi characters and normalizes whitespace', () => {
    const raw = 'vpn\u0000 \u0007broken\u200b\u202e again\r\n\r\n\r\n\r\nplease\tnow';
    expect(cleanUserText(raw, 100).text).toBe('vpn broken again\n\nplease now');
  });

  test('reads vertical tabs, form feeds, next-line and separator characters as breaks, not as nothing', () => {
    expect(cleanUserText('vpn\u0085not\u000bconnecting\u000cagain', 100).text).toBe(
      'vpn\nnot\nconnecting\nagain',
    );
    expect(cleanUserText('vpn\u2028not\u2029ok', 100).text).toBe('vpn\nnot\nok');
    expect(cleanUserText('vpn\u001fnot\u001cconnecting', 100).text).toBe('vpn not connecting');
    expect(cleanUserText('не работает\u200bвпн', 100).text).toBe('не работает впн');
  });

  test('truncates to the limit without splitting a surrogate pair', () => {
    const clean = cleanUserText('😀'.repeat(50), 10);
    expect(clean.truncated).toBe(true);
    expect(Array.from(clean.text)).toHaveLength(10);
    expect(clean.text).toBe('😀'.repeat(10));
  });

  test('a megabyte of log is cut to the limit quickly', () => {
    const started = Date.now();
    const clean = cleanUserText('ERROR line of log 123\n'.repeat(50_000), 4000);
    expect(clean.truncated).toBe(true);
    expect(clean.text.length).toBeLessThanOrEqual(4000);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('redacts before truncating, so a secret at the cut is still caught', () => {
    const raw = `${'a '.repeat(1995)}password: Sup3rSecret!`;
    const clean = cleanUserText(raw, 4000);
    expect(clean.secrets).toContain('password');
    expect(clean.text).not.toContain('Sup3r');
  });
});
