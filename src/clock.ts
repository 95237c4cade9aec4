import { randomBytes, randomUUID } from 'node:crypto';

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

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Ids people read aloud and type ("T-7KQ2M9XA4B"): 10 Crockford base-32 characters (50 random
 * bits, no I/L/O/U to misread): at a million ids the chance of any collision is 1 in 2,000, and
 * the stores' primary keys refuse one rather than mix two records up.
 */
export const shortIds: IdGenerator = {
  next: (prefix = '') => {
    const bytes = randomBytes(10);
    let out = '';
    for (const byte of bytes) out += CROCKFORD[byte % 32];
    return `${prefix}${out}`;
  },
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
