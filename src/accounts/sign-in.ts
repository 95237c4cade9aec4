import { roleOfTier } from '../handoff/agents.js';
import type { AuditLog } from '../handoff/ports.js';
import { verifyPassword } from './password.js';
import type { AgentAccount, AgentAccountStore } from './types.js';

/** Wrong passwords in a row that lock an account. */
export const MAX_FAILED_ATTEMPTS = 5;
/** How long a locked account refuses sign-in. */
export const LOCKOUT_MINUTES = 15;

/** The outcome of one sign-in attempt. */
export type SignInResult =
  | { ok: true; account: AgentAccount }
  | { ok: false; reason: 'bad-credentials' }
  | { ok: false; reason: 'locked'; until: string };

/**
 * Checks a login and password against the accounts, with lockout: after MAX_FAILED_ATTEMPTS
 * wrong passwords the account refuses every attempt (even the right password) for
 * LOCKOUT_MINUTES. An unknown login costs a hash check too, so timing tells nothing. Every
 * attempt is audited (`agent.sign-in`).
 */
export async function signIn(
  deps: { accounts: AgentAccountStore; audit: AuditLog; now: () => Date },
  login: string,
  password: string,
): Promise<SignInResult> {
  const account = deps.accounts.get(login);
  const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
  const now = deps.now();
  const record = (outcome: 'ok' | 'denied', reason?: string) =>
    deps.audit.record({
      at: now.toISOString(),
      actor: `web:${login}`,
      role: account ? roleOfTier(account.tier) : 'none',
      action: 'agent.sign-in',
      outcome,
      ...(reason ? { details: { reason } } : {}),
    });
  if (!account) {
    record('denied', 'unknown login');
    return { ok: false, reason: 'bad-credentials' };
  }
  // Re-read: another attempt may have counted a failure while the hash was computed.
  const fresh = deps.accounts.get(login) ?? account;
  if (fresh.lockedUntil && Date.parse(fresh.lockedUntil) > now.getTime()) {
    record('denied', 'locked');
    return { ok: false, reason: 'locked', until: fresh.lockedUntil };
  }
  if (!ok) {
    const failed = (fresh.lockedUntil ? 0 : fresh.failedAttempts) + 1;
    const locked = failed >= MAX_FAILED_ATTEMPTS;
    const until = locked ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : undefined;
    deps.accounts.setAttempts(login, locked ? 0 : failed, until);
    record('denied', locked ? 'wrong password; locked' : 'wrong password');
    return locked
      ? { ok: false, reason: 'locked', until: until as string }
      : { ok: false, reason: 'bad-credentials' };
  }
  deps.accounts.setAttempts(login, 0, undefined);
  record('ok');
  return { ok: true, account: { ...fresh, failedAttempts: 0, lockedUntil: undefined } };
}

// A valid hash of a random password: unknown logins take as long as known ones.
const DUMMY_HASH = 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
