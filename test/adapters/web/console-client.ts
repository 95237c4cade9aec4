import { hashPassword } from '../../../src/accounts/password.js';
import { SqliteAgentAccounts } from '../../../src/accounts/sqlite-agent-accounts.js';
import type { Tier } from '../../../src/handoff/types.js';
import { migrate, openDatabase } from '../../../src/storage/db.js';
import { ALL_MIGRATIONS } from '../../../src/storage/migrations.js';
import { SseReader } from './web-server.js';

/** An account to create before the server starts. */
export interface TestAccount {
  login: string;
  tier: Tier;
  password: string;
  name?: string;
  slackId?: string;
}

/** A `startWebServer` setup step that creates local agent accounts in the database. */
export function withAccounts(accounts: readonly TestAccount[]) {
  return async (databasePath: string) => {
    const db = openDatabase(databasePath);
    try {
      migrate(db, ALL_MIGRATIONS);
      const store = new SqliteAgentAccounts(db);
      for (const a of accounts) {
        store.save({
          login: a.login,
          name: a.name ?? a.login,
          tier: a.tier,
          passwordHash: await hashPassword(a.password),
          slackId: a.slackId,
          teamsId: undefined,
          failedAttempts: 0,
          lockedUntil: undefined,
          createdAt: new Date().toISOString(),
        });
      }
    } finally {
      db.close();
    }
  };
}

/** A console in a browser, as HTTP: cookie jar, CSRF token, same-origin JSON posts. */
export class AgentClient {
  cookie: string | undefined;
  csrf = '';
  private n = 0;

  constructor(readonly base: string) {}

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    if (this.cookie) headers.cookie = this.cookie;
    const res = await fetch(`${this.base}${pathname}`, { ...init, headers });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    return res;
  }

  /** A same-origin JSON POST with the CSRF token (or `headers` overriding it). */
  post(pathname: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(pathname, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: this.base,
        'x-csrf-token': this.csrf,
        ...headers,
      },
      body: JSON.stringify(body),
    });
  }

  async login(login: string, password: string): Promise<Response> {
    const res = await this.post('/agent/api/login', { login, password });
    if (res.status === 200) this.csrf = ((await res.clone().json()) as { csrf: string }).csrf;
    return res;
  }

  async json<T = Record<string, unknown>>(pathname: string): Promise<T> {
    const res = await this.request(pathname);
    if (res.status !== 200) throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Runs a ticket action; returns the response. */
  act(ticketId: string, kind: string, extra: Record<string, unknown> = {}): Promise<Response> {
    this.n += 1;
    return this.post(`/agent/api/tickets/${ticketId}/${kind}`, {
      messageId: `m${this.n}-${Date.now()}`,
      ...extra,
    });
  }

  /** Opens the console's live stream. */
  async stream(): Promise<SseReader> {
    const controller = new AbortController();
    const res = await this.request('/agent/api/events', { signal: controller.signal });
    return new SseReader(res, controller);
  }
}
