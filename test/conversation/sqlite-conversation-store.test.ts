import { migrate } from '../../src/storage/db.js';
import { ALL_MIGRATIONS } from '../../src/storage/migrations.js';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Conversation, Question } from '../../src/conversation/types.js';
import { TempDb } from '../support/temp-db.js';

const conversation: Conversation = {
  id: 'C-1',
  channel: 'slack',
  externalId: 'D123',
  userId: 'U1',
  userName: 'Ivan',
  threadId: undefined,
  lang: 'ru',
  state: 'bot',
  context: {},
  ticketId: undefined,
  createdAt: '2026-01-05T10:00:00.000Z',
  updatedAt: '2026-01-05T10:00:00.000Z',
};

describe('SqliteConversationStore on a real file', () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = new TempDb();
  });
  afterEach(() => temp.close());

  test('the database is in WAL mode with every migration applied once', () => {
    expect(temp.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const ids = (
      temp.db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]
    ).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['conversations/001-init', 'handoff/001-init']));
    temp.reopen();
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: ids.length });
  });

  test('a database written by a newer version is refused, not read with the wrong schema', () => {
    temp.db
      .prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)')
      .run('handoff/999-future', new Date().toISOString());
    expect(() => migrate(temp.db, ALL_MIGRATIONS)).toThrow(
      /newer version of Helpdesk Bot.*handoff\/999-future/,
    );
    // Another owner's steps are not this list's business.
    expect(migrate(temp.db, [{ id: 'elsewhere/001-init', up: 'CREATE TABLE elsewhere (x)' }])).toEqual([
      'elsewhere/001-init',
    ]);
  });

  test('conversations are found by channel, conversation and user, and survive a reopen', () => {
    const { conversations } = temp.stores;
    conversations.insert(conversation);
    conversations.update({
      ...conversation,
      state: 'awaiting-feedback',
      context: { question: 'впн', tried: ['vpn-connect-ru'] },
      threadId: 'th-1',
      updatedAt: '2026-01-05T10:01:00.000Z',
    });
    const reopened = temp.reopen().conversations;
    const found = reopened.find('slack', 'D123', 'U1');
    expect(found).toMatchObject({ id: 'C-1', state: 'awaiting-feedback', threadId: 'th-1', lang: 'ru' });
    expect(found?.context).toEqual({ question: 'впн', tried: ['vpn-connect-ru'] });
    expect(reopened.find('slack', 'D123', 'U2')).toBeUndefined();
    expect(reopened.find('teams', 'D123', 'U1')).toBeUndefined();
  });

  test('a corrupted context column reads as empty instead of crashing', () => {
    temp.stores.conversations.insert(conversation);
    temp.db.prepare("UPDATE conversations SET context = '{not json' WHERE id = 'C-1'").run();
    expect(temp.stores.conversations.get('C-1')?.context).toEqual({});
  });

  test('transcript keeps order and supports ranges and limits', () => {
    const { conversations } = temp.stores;
    conversations.insert(conversation);
    const seqs = ['one', 'two', 'three', 'four'].map(
      (text, i) =>
        conversations.append({
          conversationId: 'C-1',
          at: `2026-01-05T10:0${i}:00.000Z`,
          author: i % 2 === 0 ? 'user' : 'bot',
          authorId: i % 2 === 0 ? 'U1' : undefined,
          authorName: undefined,
          text,
          ticketId: i > 1 ? 'T-1' : undefined,
        }).seq,
    );
    expect(conversations.transcript('C-1').map((e) => e.text)).toEqual(['one', 'two', 'three', 'four']);
    expect(conversations.transcript('C-1', { limit: 2 }).map((e) => e.text)).toEqual(['three', 'four']);
    expect(conversations.transcript('C-1', { from: seqs[1], to: seqs[2] }).map((e) => e.text)).toEqual([
      'two',
      'three',
    ]);
    expect(conversations.transcript('C-1')[2]).toMatchObject({
      author: 'user',
      authorId: 'U1',
      ticketId: 'T-1',
    });
  });

  test('processed message ids are remembered across a reopen and can be pruned', () => {
    const { conversations } = temp.stores;
    expect(conversations.markProcessed('msg:a', new Date('2026-01-01T00:00:00Z'))).toBe(true);
    expect(conversations.markProcessed('msg:a', new Date('2026-01-01T00:00:01Z'))).toBe(false);
    conversations.markProcessed('msg:b', new Date('2026-02-01T00:00:00Z'));
    const reopened = temp.reopen().conversations;
    expect(reopened.isProcessed('msg:a')).toBe(true);
    expect(reopened.pruneProcessed(new Date('2026-01-15T00:00:00Z'))).toBe(1);
    expect(reopened.isProcessed('msg:a')).toBe(false);
    expect(reopened.isProcessed('msg:b')).toBe(true);
  });

  test('questions keep their outcome and articles', () => {
    const { conversations } = temp.stores;
    conversations.insert(conversation);
    const q: Question = {
      id: 'Q-1',
      conversationId: 'C-1',
      askedAt: '2026-01-05T10:00:00.000Z',
      lang: 'ru',
      text: 'впн не работает',
      outcome: 'pending',
      articles: [],
      closedAt: undefined,
    };
    conversations.insertQuestion(q);
    conversations.updateQuestion({
      ...q,
      outcome: 'confirmed',
      articles: ['vpn-connect-ru'],
      closedAt: '2026-01-05T10:05:00.000Z',
    });
    expect(temp.reopen().conversations.getQuestion('Q-1')).toEqual({
      ...q,
      outcome: 'confirmed',
      articles: ['vpn-connect-ru'],
      closedAt: '2026-01-05T10:05:00.000Z',
    });
  });

  test('a transaction that throws leaves nothing behind', () => {
    const { conversations, transaction } = temp.stores;
    expect(() =>
      transaction(() => {
        conversations.insert(conversation);
        conversations.markProcessed('msg:x', new Date());
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(conversations.get('C-1')).toBeUndefined();
    expect(conversations.isProcessed('msg:x')).toBe(false);
  });
});
