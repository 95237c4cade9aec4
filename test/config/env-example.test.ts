import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CONFIG_KEYS, loadConfig } from '../../src/config.js';

const file = path.resolve(import.meta.dirname, '../../.env.example');
const text = readFileSync(file, 'utf8');

/** KEY=value lines of the example, comments and blank lines skipped, quotes removed as dotenv does. */
function entries(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out.set(m[1]!, m[2]!.replace(/^"(.*)"$/, '$1'));
  }
  return out;
}

describe('.env.example', () => {
  test('documents exactly the keys the configuration reads', () => {
    expect([...entries().keys()].sort()).toEqual([...CONFIG_KEYS].sort());
  });

  test('every key has a comment above it or in its section', () => {
    const lines = text.split('\n');
    for (const key of CONFIG_KEYS) {
      const index = lines.findIndex((l) => l.startsWith(`${key}=`));
      const before = lines.slice(Math.max(0, index - 8), index).join('\n');
      expect(before, key).toMatch(/#/);
    }
  });

  test('a value with a space is quoted, so that a shell can source the file too', () => {
    for (const line of text.split('\n')) {
      const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
      if (m && /\s/.test(m[2]!)) expect(m[2], m[1]).toMatch(/^".*"$/);
    }
  });

  test('its values are valid and equal to the defaults', () => {
    const env = Object.fromEntries(entries());
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });
});
