import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { accountDirectory } from '../../src/accounts/account-directory.js';
import { hashPassword, verifyPassword } from '../../src/accounts/password.js';
import { LOCKOUT_MINUTES, MAX_FAILED_ATTEMPTS, signIn } from '../../src/accounts/sign-in.js';
import { SqliteAgentAccounts } from '../../src/accounts/sqlite-agent-accounts.js';
import type { AgentAccount } from '../../src/accounts/types.js';
import { combineDirectories, configDirectory } from '../../src/handoff/agent-directory.js';
import { SqliteLearningStore } from '../../src/learning/sqlite-learning-store.js';
import { AGENTS, Harness } from '../support/helpdesk-harness.js';

const PW = 'correct horse battery';

function account(login: string, tier: 2 | 3, hash: string, slackId?: string): AgentAccount {
  return {
    login,
    name: login.toUpperCase(),
    tier,
    passwordHash: hash,
    slackId,
    teamsId: undefined,
    failedAttempts: 0,
    lockedUntil: undefined,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('passwords', () => {
  test('scrypt hashes are salted, check the right password only, and refuse malformed hashes', async () => {
    const a = await hashPassword(PW);
    const b = await hashPassword(PW);
    expect(a).not.toBe(b);
    expect(await verifyPassword(PW, a)).toBe(true);
    expect(await verifyPassword(`${PW}!`, a)).toBe(false);
    for (const bad of ['', 'scrypt$1$1$1$x$y', 'bcrypt$...', `${a}$extra`, a.replace('32768', '99999999')]) {
      expect(await verifyPassword(PW, bad)).toBe(false);
    }
  });
});

describe('accounts in the core', () => {
  let h: Harness;
  let accounts: SqliteAgentAccounts;
  beforeEach(async () => {
    h = await Harness.create();
    accounts = new SqliteAgentAccounts(h.db);
    const hash = await hashPassword(PW);
    accounts.save(account('alice', 2, hash, 'U0ALICE'));
    accounts.save(account('carol', 3, hash));
  });
  afterEach(() => h.close());

  test('sign-in locks an account after repeated wrong passwords, until the lock ends; all audited', async () => {
    const deps = { accounts, audit: h.stores.audit, now: () => h.clock.now() };
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i += 1) {
      expect(await signIn(deps, 'alice', 'nope')).toEqual({ ok: false, reason: 'bad-credentials' });
    }
    expect(await signIn(deps, 'alice', 'nope')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await signIn(deps, 'alice', PW)).toMatchObject({ ok: false, reason: 'locked' });
    h.clock.advance(LOCKOUT_MINUTES * 60_000 + 1);
    expect(await signIn(deps, 'alice', PW)).toMatchObject({ ok: true, account: { login: 'alice', tier: 2 } });
    expect(accounts.get('alice')).toMatchObject({ failedAttempts: 0, lockedUntil: undefined });
    expect(await signIn(deps, 'ghost', PW)).toEqual({ ok: false, reason: 'bad-credentials' });
    const log = h.stores.audit.list({ actor: 'web:alice' }).filter((e) => e.action === 'agent.sign-in');
    expect(log.map((e) => e.outcome)).toEqual([...Array(MAX_FAILED_ATTEMPTS + 1).fill('denied'), 'ok']);
  });

  test('roles come from configuration and accounts; a linked Slack id is the same person', () => {
    const dir = combineDirectories(configDirectory(h.config), accountDirectory(accounts));
    expect(dir.roleOf('web:alice')).toBe('tier2');
    expect(dir.roleOf('slack:U0ALICE')).toBe('tier2');
    expect(dir.roleOf('web:carol')).toBe('tier3');
    expect(dir.roleOf(AGENTS.anna)).toBe('tier2');
    expect(dir.roleOf('web:mallory')).toBeUndefined();
    expect(dir.idsOf('web:alice')).toEqual(['web:alice', 'slack:U0ALICE']);
    expect(dir.idsOf('slack:U0ALICE')).toEqual(['slack:U0ALICE', 'web:alice']);
    expect(dir.hasAny('tier3')).toBe(true);
    accounts.remove('carol');
    expect(dir.roleOf('web:carol')).toBeUndefined();
  });

  test("a ticket claimed in Slack is the same agent's in the console: listed as theirs, and they may act on it", async () => {
    const directory = combineDirectories(configDirectory(h.config), accountDirectory(accounts));
    const learning = new SqliteLearningStore(h.db);
    h.rebuild({ directory, learning });
    const u = h.user('U-1');
    await u.say('how to bake a cake');
    await u.press('handoff:request');
    const ticketId = u.conversation()?.ticketId ?? '';
    const base = { agentName: 'Alice', messageId: '' };
    await h.core.handleAgentAction({
      ...base,
      kind: 'claim',
      agentId: 'slack:U0ALICE',
      channel: 'slack',
      messageId: 'a1',
      ticketId,
    });
    const list = await h.core.handleAgentAction({
      ...base,
      kind: 'list',
      agentId: 'web:alice',
      channel: 'web',
      messageId: 'a2',
    });
    expect(list.kind === 'queue' && list.mine.map((t) => t.id)).toEqual([ticketId]);
    // A Slack id cannot act from the web channel, but the person's web id can.
    await expect(
      h.core.handleAgentAction({
        ...base,
        kind: 'note',
        agentId: 'slack:U0ALICE',
        channel: 'web',
        messageId: 'a3',
        ticketId,
        text: 'x',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const done = await h.core.handleAgentAction({
      ...base,
      kind: 'resolve',
      agentId: 'web:alice',
      channel: 'web',
      messageId: 'a4',
      ticketId,
      articleId: 'none',
    });
    expect(done).toMatchObject({ kind: 'done', ticket: { status: 'resolved' } });
    expect(learning.gaps()).toMatchObject([
      { ticketId, question: 'how to bake a cake', agentId: 'web:alice' },
    ]);
    // Another Tier 2 person may not.
    await expect(
      h.core.handleAgentAction({
        ...base,
        kind: 'claim',
        agentId: 'web:mallory',
        channel: 'web',
        messageId: 'a5',
        ticketId,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
