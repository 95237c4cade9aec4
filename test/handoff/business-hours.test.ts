import { describe, expect, test } from 'vitest';
import {
  formatHours,
  formatMoment,
  isOpen,
  nextOpening,
  parseBusinessHours,
  zonedTime,
} from '../../src/handoff/business-hours.js';
import { isHelpdeskError } from '../../src/errors.js';

const moscow = parseBusinessHours('mon-fri 09:00-18:00', 'Europe/Moscow');

describe('business hours', () => {
  test('parses day ranges, including ranges that wrap past Sunday', () => {
    expect([...moscow.days]).toEqual([1, 2, 3, 4, 5]);
    expect([...parseBusinessHours('fri-mon 10:00-14:00', 'UTC').days]).toEqual([5, 6, 0, 1]);
    expect(parseBusinessHours('MON-SUN 00:00-24:00', 'UTC').endMinute).toBe(1440);
  });

  test('refuses a malformed spec with a config error', () => {
    try {
      parseBusinessHours('weekdays 9-6', 'UTC');
      expect.fail('should throw');
    } catch (error) {
      expect(isHelpdeskError(error, 'CONFIG_INVALID')).toBe(true);
    }
  });

  test('is open by the company clock, not UTC', () => {
    // Monday 2026-01-05: 09:00 Moscow is 06:00 UTC.
    expect(isOpen(moscow, new Date('2026-01-05T05:59:00Z'))).toBe(false);
    expect(isOpen(moscow, new Date('2026-01-05T06:00:00Z'))).toBe(true);
    expect(isOpen(moscow, new Date('2026-01-05T14:59:00Z'))).toBe(true);
    expect(isOpen(moscow, new Date('2026-01-05T15:00:00Z'))).toBe(false);
    expect(isOpen(moscow, new Date('2026-01-10T10:00:00Z'))).toBe(false); // Saturday
  });

  test('next opening: same morning, next day, and over the weekend', () => {
    expect(nextOpening(moscow, new Date('2026-01-05T03:00:00Z')).toISOString()).toBe(
      '2026-01-05T06:00:00.000Z',
    );
    expect(nextOpening(moscow, new Date('2026-01-06T16:00:00Z')).toISOString()).toBe(
      '2026-01-07T06:00:00.000Z',
    );
    expect(nextOpening(moscow, new Date('2026-01-09T15:30:00Z')).toISOString()).toBe(
      '2026-01-12T06:00:00.000Z',
    );
    const during = new Date('2026-01-05T10:00:00Z');
    expect(nextOpening(moscow, during)).toBe(during);
  });

  test('follows daylight saving time changes', () => {
    const berlin = parseBusinessHours('mon-fri 09:00-17:00', 'Europe/Berlin');
    // Winter: 09:00 CET = 08:00 UTC. Summer (after 2026-03-29): 09:00 CEST = 07:00 UTC.
    expect(nextOpening(berlin, new Date('2026-03-27T20:00:00Z')).toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
    expect(zonedTime(2026, 1, 15, 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-01-15T08:00:00.000Z');
  });

  test('an opening time the clocks skip (spring forward) opens when they jump past it', () => {
    const newYork = parseBusinessHours('mon-sun 02:30-18:00', 'America/New_York');
    // 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00 UTC); 02:30 never happens that night.
    const opening = nextOpening(newYork, new Date('2026-03-08T06:45:00Z'));
    expect(opening.toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(isOpen(newYork, opening)).toBe(true);
    const berlin = parseBusinessHours('mon-sun 02:30-18:00', 'Europe/Berlin');
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
    expect(nextOpening(berlin, new Date('2026-03-29T00:10:00Z')).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  test('an opening time the clocks repeat (fall back) opens at its first occurrence', () => {
    const berlin = parseBusinessHours('mon-sun 02:30-18:00', 'Europe/Berlin');
    // 2026-10-25: 03:00 CEST falls back to 02:00 CET (01:00 UTC); 02:30 happens at 00:30 and 01:30 UTC.
    expect(nextOpening(berlin, new Date('2026-10-24T22:49:00Z')).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    // A working time that lies wholly inside the skipped hour means no opening that day.
    const oneHour = parseBusinessHours('mon-sun 02:00-03:00', 'America/New_York');
    expect(nextOpening(oneHour, new Date('2026-03-08T04:32:00Z')).toISOString()).toBe(
      '2026-03-09T06:00:00.000Z',
    );
  });

  test('overnight shifts belong to the day they start', () => {
    const nights = parseBusinessHours('mon-fri 22:00-06:00', 'UTC');
    expect(isOpen(nights, new Date('2026-01-05T23:00:00Z'))).toBe(true); // Monday night
    expect(isOpen(nights, new Date('2026-01-06T05:00:00Z'))).toBe(true); // Tuesday early, Monday's shift
    expect(isOpen(nights, new Date('2026-01-05T05:00:00Z'))).toBe(false); // Monday early, Sunday had no shift
    expect(isOpen(nights, new Date('2026-01-06T12:00:00Z'))).toBe(false);
  });

  test('formats hours and moments in the user language', () => {
    expect(formatHours(moscow, 'en')).toBe('Mon–Fri 09:00–18:00 (Europe/Moscow time)');
    expect(formatHours(moscow, 'ru')).toBe('пн–пт 09:00–18:00 (время Europe/Moscow)');
    const monday = new Date('2026-01-12T06:00:00Z');
    expect(formatMoment(monday, 'Europe/Moscow', 'en')).toMatch(/Monday.*12 January.*09:00/);
    expect(formatMoment(monday, 'Europe/Moscow', 'ru')).toMatch(/понедельник.*12 января.*09:00/);
  });
});
