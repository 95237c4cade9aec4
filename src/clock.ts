import { randomUUID } from 'node:crypto';

/**
 * Time and identity are injected everywhere (SLAs, dedup windows, ticket ids) so that tests can
 * move time forward without sleeping and get predictable ids.
 */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  next(prefix?: string): string;
}

export const systemClock: Clock = { now: () => new Date() };

export const randomIds: IdGenerator = {
  next: (prefix = '') => `${prefix}${randomUUID()}`,
};

/** A clock that only moves when told to; for tests and replaying recorded conversations. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string | number = '2026-01-05T10:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(at: Date | string | number): void {
    this.current = new Date(at).getTime();
  }
}

/** Sequential ids (`T-1`, `T-2`, ...) for tests. */
export class SequentialIds implements IdGenerator {
  private counter = 0;

  next(prefix = ''): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }
}
