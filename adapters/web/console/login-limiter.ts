/** Failed sign-ins one address may make per window, whatever logins it tries. */
export const LOGIN_ATTEMPTS_PER_WINDOW = 20;
export const LOGIN_WINDOW_MS = 5 * 60_000;
const MAX_TRACKED = 10_000;

/**
 * Per-address rate limit of console sign-in failures: with the per-account lockout of the core,
 * it stops both guessing one password and trying one password on many logins. Successful
 * sign-ins do not count, so an office behind one address is not locked out by its own agents.
 */
export class LoginLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit = LOGIN_ATTEMPTS_PER_WINDOW,
    private readonly windowMs = LOGIN_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** False when `key` has used up its failures for the window. */
  allowed(key: string): boolean {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length === 0) this.hits.delete(key);
    else this.hits.set(key, recent);
    return recent.length < this.limit;
  }

  /** Counts a failed attempt from `key`. */
  fail(key: string): void {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > MAX_TRACKED) {
      const oldest = this.hits.keys().next().value;
      if (oldest !== undefined) this.hits.delete(oldest);
    }
  }

  /** Seconds until `key` may try again. */
  retryAfter(key: string): number {
    const first = this.hits.get(key)?.[0];
    return first === undefined ? 0 : Math.max(1, Math.ceil((first + this.windowMs - this.now()) / 1000));
  }
}
