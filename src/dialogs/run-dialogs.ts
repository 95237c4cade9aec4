import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock, SequentialIds } from '../clock.js';
import type { Config } from '../config.js';
import { createHelpdeskCore, type HelpdeskCore } from '../conversation/core.js';
import { createSqliteStores } from '../conversation/sqlite-stores.js';
import type { ConversationTarget, Reply } from '../conversation/types.js';
import { errorMessage } from '../errors.js';
import { agentResultText } from '../handoff/agent-result-text.js';
import { parseAgentCommand } from '../handoff/agent-commands.js';
import type { ChannelNotifier } from '../handoff/ports.js';
import type { Article } from '../kb/types.js';
import { SelfCalibrator } from '../retrieval/calibration/self-calibrator.js';
import { createRetriever, type KnowledgeRetriever } from '../retrieval/retriever.js';
import { openDatabase, type Db } from '../storage/db.js';
import type { Dialog } from './format.js';
import { checkTurn, emptyReport, type DialogReport } from './score.js';

/**
 * Runs whole conversations through the real conversation core (real retriever, real SQLite
 * store in a temporary folder, a fixed clock inside business hours), each dialog as a new
 * employee. Besides `say` and `press`, a `say` starting with "/" is an agent command as in the
 * terminal chat (`/claim`, `/resolve`, `/tier3`, ...; the dialog's ticket is filled in when the id
 * is left out), and `/restart` starts a new core on the same database two hours later.
 */

/** Monday 10:00 UTC: inside the business hours of the evaluation settings. */
const START = '2026-01-05T10:00:00Z';
const CHANNEL = 'eval';
const AGENT = `${CHANNEL}:agent`;

/** Records what reaches each employee outside their own turns (agent notices, rating prompts). */
class Inbox implements ChannelNotifier {
  readonly byUser = new Map<string, Reply[]>();
  async deliverToUser(target: ConversationTarget, replies: Reply[]): Promise<void> {
    this.byUser.set(target.userId, [...(this.byUser.get(target.userId) ?? []), ...replies]);
  }
  async deliverToAgent(): Promise<void> {}
  async postToQueue(): Promise<void> {}
  async pageOnCall(): Promise<void> {}
  take(userId: string): Reply[] {
    const got = this.byUser.get(userId) ?? [];
    this.byUser.delete(userId);
    return got;
  }
}

/** The evaluation's own settings: one Tier 2 agent, no Tier 3, weekday business hours in UTC. */
export function dialogConfig(base: Config, dbFile: string): Config {
  return {
    ...base,
    databasePath: dbFile,
    handoff: {
      ...base.handoff,
      tier2Agents: [AGENT],
      tier3Agents: [],
      businessHours: 'mon-fri 09:00-18:00',
      timeZone: 'UTC',
    },
  };
}

interface Runtime {
  db: Db;
  core: HelpdeskCore;
  clock: ManualClock;
  inbox: Inbox;
  ids: SequentialIds;
}

function build(config: Config, db: Db, retriever: KnowledgeRetriever, rt?: Runtime): Runtime {
  const clock = rt?.clock ?? new ManualClock(START);
  const inbox = rt?.inbox ?? new Inbox();
  const ids = rt?.ids ?? new SequentialIds();
  const stores = createSqliteStores(db);
  const core = createHelpdeskCore({
    config,
    stores,
    retriever,
    articles: retriever,
    notifier: inbox,
    clock,
    ids,
  });
  return { db, core, clock, inbox, ids };
}

/** Runs the dialogs on the articles; the temporary database is removed afterwards. */
export async function runDialogs(
  articles: Article[],
  dialogs: Dialog[],
  base: Config,
): Promise<DialogReport> {
  const dir = mkdtempSync(path.join(tmpdir(), 'helpdesk-dialogs-'));
  const dbFile = path.join(dir, 'dialogs.db');
  const config = dialogConfig(base, dbFile);
  const retriever = createRetriever(articles, {
    thresholds: config.retrieval,
    defaultLang: config.kb.defaultLang,
  });
  // Conversations as the bot holds them: with the decision calibrated for these articles.
  if (config.selfCalibration) await new SelfCalibrator(retriever, config.retrieval).refresh();
  let rt = build(config, openDatabase(dbFile), retriever);
  const report = emptyReport();
  let counter = 0;
  try {
    for (const [n, dialog] of dialogs.entries()) {
      rt.clock.set(START);
      const userId = `${CHANNEL}:U-${n + 1}`;
      const conversationId = `dm-${n + 1}`;
      let lastReplies: Reply[] = [];
      let ok = true;
      for (const [t, turn] of dialog.turns.entries()) {
        rt.clock.advance(60_000);
        counter += 1;
        let replies: Reply[];
        let failure: string | undefined;
        const base = { channel: CHANNEL, userId, userName: `Employee ${n + 1}`, conversationId };
        const locale = dialog.lang ? { locale: dialog.lang } : {};
        if ('press' in turn) {
          const pattern = new RegExp(turn.press, 'iu');
          const choice = lastReplies
            .flatMap((r) => (r.type === 'choices' ? r.choices : []))
            .find((c) => pattern.test(c.label));
          if (!choice) {
            failure = `no button matches /${turn.press}/`;
            replies = [];
          } else {
            replies = await rt.core.handleMessage({
              ...base,
              ...locale,
              action: choice.id,
              messageId: `m${counter}`,
            });
          }
        } else if (turn.say.trim() === '/restart') {
          rt.db.close();
          rt.clock.advance(2 * 60 * 60 * 1000);
          rt = build(config, openDatabase(dbFile), retriever, rt);
          replies = [];
        } else if (turn.say.startsWith('/')) {
          replies = await agentTurn(rt, turn.say, rt.core, { userId, conversationId, counter });
        } else {
          replies = await rt.core.handleMessage({
            ...base,
            ...locale,
            text: turn.say,
            messageId: `m${counter}`,
          });
        }
        await rt.core.idle();
        replies = [...replies, ...rt.inbox.take(userId)];
        if (replies.some((r) => r.type === 'choices')) lastReplies = replies;
        ok = checkTurn(report, dialog, t, turn, replies, failure) && ok;
      }
      report.dialogs += 1;
      if (ok) report.passed += 1;
    }
  } finally {
    rt.db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return report;
}

/** An agent command of the dialog; the employee's open (or last) ticket when no id is given. */
async function agentTurn(
  rt: Runtime,
  line: string,
  core: HelpdeskCore,
  who: { userId: string; conversationId: string; counter: number },
): Promise<Reply[]> {
  const conv = createSqliteStores(rt.db).conversations.find(CHANNEL, who.conversationId, who.userId);
  const ticketId = conv?.ticketId ?? lastTicketOf(rt.db, conv?.id);
  const [command = '', maybeId = '', ...rest] = line.trim().split(/\s+/);
  const withId =
    /^T-/i.test(maybeId) || !ticketId ? line : [command, ticketId, maybeId, ...rest].join(' ').trim();
  const action = parseAgentCommand(withId, {
    agentId: AGENT,
    agentName: 'Alex',
    channel: CHANNEL,
    messageId: `a${who.counter}`,
  });
  if (!action) return [{ type: 'text', text: `agent: not a command: ${line}` }];
  try {
    return [{ type: 'text', text: `agent: ${agentResultText(await core.handleAgentAction(action))}` }];
  } catch (error) {
    return [{ type: 'text', text: `agent error: ${errorMessage(error)}` }];
  }
}

function lastTicketOf(db: Db, conversationId: string | undefined): string | undefined {
  if (!conversationId) return undefined;
  const row = db
    .prepare('SELECT id FROM tickets WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1')
    .get(conversationId) as { id: string } | undefined;
  return row?.id;
}
