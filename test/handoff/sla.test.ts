import { describe, expect, test } from 'vitest';
import { parseBusinessHours } from '../../src/handoff/business-hours.js';
import { slaDueAt } from '../../src/handoff/sla.js';

const hours = parseBusinessHours('mon-fri 09:00-18:00', 'Europe/Moscow');
const sla = { high: 30, normal: 240, low: 1440 };

describe('slaDueAt', () => {
  test('in hours, the clock starts now', () => {
    const at = new Date('2026-01-05T10:00:00Z');
    expect(slaDueAt('normal', at, hours, sla).toISOString()).toBe('2026-01-05T14:00:00.000Z');
    expect(slaDueAt('high', at, hours, sla).toISOString()).toBe('2026-01-05T10:30:00.000Z');
  });

  test('out of hours, normal and low wait for the opening; high runs around the clock', () => {
    const saturday = new Date('2026-01-10T10:00:00Z');
    expect(slaDueAt('normal', saturday, hours, sla).toISOString()).toBe('2026-01-12T10:00:00.000Z');
    expect(slaDueAt('low', saturday, hours, sla).toISOString()).toBe('2026-01-13T06:00:00.000Z');
    expect(slaDueAt('high', saturday, hours, sla).toISOString()).toBe('2026-01-10T10:30:00.000Z');
  });
});
