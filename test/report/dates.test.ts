import { describe, expect, test } from 'vitest';
import { parseDateArg } from '../../src/report/dates.js';

describe('parseDateArg', () => {
  test('a date is midnight in the company time zone', () => {
    expect(parseDateArg('since', '2026-01-31', 'Europe/Moscow').toISOString()).toBe(
      '2026-01-30T21:00:00.000Z',
    );
    expect(parseDateArg('since', '2026-01-31', 'UTC').toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });

  test('a time without an offset is company time, whatever the host time zone', () => {
    expect(parseDateArg('until', '2026-01-02T00:00', 'Europe/Moscow').toISOString()).toBe(
      '2026-01-01T21:00:00.000Z',
    );
    expect(parseDateArg('until', '2026-01-02T08:30:15', 'UTC').toISOString()).toBe(
      '2026-01-02T08:30:15.000Z',
    );
  });

  test('years before 1970 are refused, not read as 19xx', () => {
    for (const value of ['0001-01-01', '1969-12-31', '0001-01-01T00:00Z'])
      expect(() => parseDateArg('since', value, 'UTC')).toThrow(
        expect.objectContaining({ code: 'CLI_USAGE' }),
      );
  });

  test('a full ISO timestamp is taken as is', () => {
    expect(parseDateArg('since', '2026-01-31T12:00:00Z', 'UTC').toISOString()).toBe(
      '2026-01-31T12:00:00.000Z',
    );
  });

  test.each([
    'yesterday',
    '2026-02-30',
    '2026-02-29',
    '31.01.2026',
    '',
    '2026-1-5',
    '2026-01-01T25:00',
    '2025-02-29T00:00Z',
    '2026-04-31T00:00:00+03:00',
  ])('%j is a usage error', (value) => {
    expect(() => parseDateArg('since', value, 'UTC')).toThrow(expect.objectContaining({ code: 'CLI_USAGE' }));
  });
});
