import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock, SequentialIds } from '../../src/clock.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { CoreDeps } from '../../src/conversation/context.js';
import { createHelpdeskCore, type HelpdeskCore } from '../../src/conversation/core.js';
import type { Stores } from '../../src/conversation/ports.js';
import { createSqliteStores } from '../../src/conversation/sqlite-stores.js';
import type { IncomingMessage, Reply } from '../../src/conversation/types.js';
import type { AgentAction, AgentResult } from '../../src/handoff/agent-action.js';
import { loadKnowledgeBase } from '../../src/kb/load-kb.js';
import type { Article } from '../../src/kb/types.js';
import { createRetriever, type KnowledgeRetriever } from '../../src/retrieval/retriever.js';
import { openDatabase, type Db } from '../../src/storage/db.js';
import { TestChannel } from './test-channel.js';

export const KB_SMALL = path.resolve(import.meta.dirname, '../fixtures/kb-small');

/** Agents of the test configuration. */
export const AGENTS = { anna: 'test:U-ANNA', boris: 'test:U-BORIS', vera: 'test:U-VERA' } as const;

/** Test settings: Moscow business hours, two Tier 2 agents, one Tier 3, an on-call target. */
export function testConfig(dbFile: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_PATH: dbFile,
    // A calibration landing mid-test would change decline/clarify between two messages; it
    // has tests of its own.
    SELF_CALIBRATION: 'false',
    TIER2_AGENTS: `${AGENTS.anna},${AGENTS.boris}`,
    TIER3_AGENTS: AGENTS.vera,
    BUSINESS_HOURS: 'mon-fri 09:00-18:00',
    TIMEZONE: 'Europe/Moscow',
    ONCALL_TARGET: 'test:oncall-it',
    SLA_HIGH_MINUTES: '30',
    SLA_NORMAL_MINUTES: '240',
    ...overrides,
  });
}

let articlesCache: Article[] | undefined;

/** The small real KB, loaded once per test file. */
export async function smallKb(): Promise<Article[]> {
  if (!articlesCache) {
    const { articles, problems } = await loadKnowledgeBase(KB_SMALL);
    if (problems.length > 0) throw new Error(`kb-small has problems: ${JSON.stringify(problems)}`);
    articlesCache = articles;
  }
  return articlesCache;
}

/**
 * The whole core over a real SQLite file in a temp dir, the real retriever over kb-small, a
 * ManualClock (Monday 2026-01-05 13:00 Moscow, inside business hours) and a recording channel.
 * `restart()` closes the database and builds a fresh core on the same file, like a new process.
 */
export class Harness {
  readonly dir: string;
  readonly dbFile: string;
  readonly clock = new ManualClock('2026-01-05T10:00:00Z');
  readonly ids = new SequentialIds();
  readonly channel = new TestChannel();
  readonly config: Config;
  db!: Db;
  stores!: Stores;
  core!: HelpdeskCore;
  retriever!: KnowledgeRetriever;
  private counter = 0;

  private constructor(overrides: Record<string, string>) {
    this.dir = mkdtempSync(path.join(tmpdir(), 'helpdesk-test-'));
    this.dbFile = path.join(this.dir, 'helpdesk.db');
    this.config = testConfig(this.dbFile, overrides);
  }

  static async create(overrides: Record<string, string> = {}): Promise<Harness> {
    const h = new Harness(overrides);
    await h.open();
    return h;
  }

  private async open(): Promise<void> {
    this.db = openDatabase(this.dbFile);
    this.stores = createSqliteStores(this.db);
    this.retriever = await createRetriever(await smallKb(), {
      thresholds: this.config.retrieval,
      defaultLang: this.config.kb.defaultLang,
    });
    this.rebuild();
  }

  /** A new core on the same stores, optionally with some dependencies swapped. */
  rebuild(overrides: Partial<CoreDeps> = {}): void {
    this.core = createHelpdeskCore({
      config: this.config,
      stores: this.stores,
      retriever: this.retriever,
      articles: this.retriever,
      notifier: this.channel,
      clock: this.clock,
      ids: this.ids,
      ...overrides,
    });
  }

  /** Closes the database and opens everything again from the file. */
  async restart(): Promise<void> {
    this.db.close();
    await this.open();
  }

  close(): void {
    if (this.db.open) this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  nextMessageId(): string {
    this.counter += 1;
    return `m-${this.counter}`;
  }

  /** A user in one channel conversation. */
  user(
    userId: string,
    options: { channel?: string; conversationId?: string; locale?: string; name?: string } = {},
  ) {
    const base = {
      channel: options.channel ?? 'test',
      userId,
      userName: options.name ?? userId,
      conversationId: options.conversationId ?? `dm-${userId}`,
      ...(options.locale ? { locale: options.locale } : {}),
    };
    return {
      say: (text: string, extra: Partial<IncomingMessage> = {}): Promise<Reply[]> =>
        this.settled(this.core.handleMessage({ ...base, text, messageId: this.nextMessageId(), ...extra })),
      press: (action: string, extra: Partial<IncomingMessage> = {}): Promise<Reply[]> =>
        this.settled(this.core.handleMessage({ ...base, action, messageId: this.nextMessageId(), ...extra })),
      conversation: () => this.stores.conversations.find(base.channel, base.conversationId, userId),
    };
  }

  /** An agent action with a fresh message id, from the agent's own channel. */
  agent(
    action: Record<string, unknown> & { kind: AgentAction['kind']; agentId: string },
  ): Promise<AgentResult> {
    return this.settled(
      this.core.handleAgentAction({
        channel: action.agentId.split(':')[0],
        messageId: this.nextMessageId(),
        ...action,
      } as AgentAction),
    );
  }

  /**
   * `work`, once the deliveries it caused have run: turns return before their proactive
   * deliveries, and tests read what the channel got. A failure is passed on after that too.
   */
  async settled<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } finally {
      await this.core.idle();
    }
  }
}

/** Texts of replies, for readable assertions. */
export function texts(replies: Reply[]): string[] {
  return replies.map((r) => {
    switch (r.type) {
      case 'article':
        return `article:${r.articleId}`;
      case 'choices':
        // The buttons to other sections and to the whole article are under every answer; tests
        // of them read `choiceIds`.
        return `choices:${r.choices
          .map((c) => c.id)
          .filter((id) => !/^(section|article):/.test(id))
          .join(',')}`;
      case 'notice':
        return `notice:${r.code}`;
      case 'agent-message':
        return `agent:${r.agentName}:${r.text}`;
      case 'text':
        return r.text;
    }
  });
}

/** Action ids offered by the replies' choices. */
export function choiceIds(replies: Reply[]): string[] {
  return replies.flatMap((r) => (r.type === 'choices' ? r.choices.map((c) => c.id) : []));
}
