import { describe, expect, it } from 'vitest';
import { parseCliArgs, parseWholeNumber } from '../../src/cli/args.js';
import { HelpdeskError } from '../../src/errors.js';

const OPTIONS = {
  kb: { type: 'string' },
  lang: { type: 'string' },
  json: { type: 'boolean' },
  tag: { type: 'string', multiple: true },
} as const;

function usageError(argv: string[]): string {
  try {
    parseCliArgs(argv, OPTIONS, true);
  } catch (error) {
    expect(error).toBeInstanceOf(HelpdeskError);
    expect((error as HelpdeskError).code).toBe('CLI_USAGE');
    return (error as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

describe('parseCliArgs', () => {
  it('returns the values and positionals of a valid command line', () => {
    const { values, positionals } = parseCliArgs(
      ['--kb', 'dir', '--json', '--tag', 'a', '--tag', 'b', 'text'],
      OPTIONS,
      true,
    );
    expect(values).toEqual({ kb: 'dir', json: true, tag: ['a', 'b'] });
    expect(positionals).toEqual(['text']);
  });

  it('refuses a flag given twice instead of silently keeping the last one', () => {
    expect(usageError(['--lang', 'ru', '--lang', 'en'])).toBe('--lang is given more than once');
    expect(usageError(['--json', '--json'])).toBe('--json is given more than once');
  });

  it('refuses an empty value', () => {
    expect(usageError(['--kb', ''])).toBe('--kb needs a value');
    expect(usageError(['--kb=  '])).toBe('--kb needs a value');
  });

  it('refuses unknown flags and positionals where none are allowed', () => {
    expect(usageError(['--verbose'])).toMatch(/Unknown option '--verbose'/);
    expect(() => parseCliArgs(['stray'], OPTIONS)).toThrow(/Unexpected argument 'stray'/);
  });
});

describe('parseWholeNumber', () => {
  it('takes plain decimal whole numbers within the bounds only', () => {
    expect(parseWholeNumber('42', 1, 100)).toBe(42);
    expect(parseWholeNumber(' 7 ', 1, 100)).toBe(7);
    for (const text of ['0', '101', '1e1', '0x10', '-3', '2.5', '', 'ten'])
      expect(parseWholeNumber(text, 1, 100), text).toBeUndefined();
  });
});
