import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Mailbox, WEB_MIGRATIONS } from '../../../adapters/web/mailbox.js';
import { replyToEvent } from '../../../adapters/web/render.js';
import type { Reply } from '../../../src/index.js';
import { migrate, openDatabase, type Db } from '../../../src/storage/db.js';

const replies: Reply[] = [
  { type: 'text', text: 'Hello' },
  { type: 'choices', prompt: 'Did this solve it?', choices: [{ id: 'feedback:yes', label: 'Yes' }] },
];

let db: Db;
let mailbox: Mailbox;
beforeEach(() => {
  db = openDatabase(':memory:');
  migrate(db, WEB_MIGRATIONS);
  mailbox = new Mailbox(db);
});
afterEach(() => db.close());

describe('Mailbox', () => {
  test('an append under a used key returns the first events and adds nothing', () => {
    const first = mailbox.append('u1', 'turn:m1', replies.map(replyToEvent));
    expect(first.fresh).toBe(true);
    expect(first.events.map((e) => e.id)).toEqual([1, 2]);
    const again = mailbox.append('u1', 'turn:m1', [replyToEvent({ type: 'text', text: 'other' })]);
    expect(again).toEqual({ events: first.events, fresh: false });
    expect(mailbox.after('u1', 0)).toEqual(first.events);
  });

  test('reads are per user', () => {
    mailbox.append('u1', 'turn:m1', replies.map(replyToEvent));
    expect(mailbox.after('u2', 0)).toEqual([]);
    expect(mailbox.batch('u2', 'turn:m1')).toBeUndefined();
    expect(mailbox.choiceLabel('u2', 'feedback:yes')).toBeUndefined();
    expect(mailbox.choiceLabel('u1', 'feedback:yes')).toBe('Yes');
  });

  test('a delivery is stored once per delivery id', () => {
    const a = mailbox.deliver('u1', 'd-1', replies.map(replyToEvent));
    const b = mailbox.deliver('u1', 'd-1', replies.map(replyToEvent));
    expect(a.fresh).toBe(true);
    expect(b).toEqual({ events: a.events, fresh: false });
    expect(mailbox.after('u1', 0)).toHaveLength(2);
  });

  test("the outbox re-sending a turn's replies that are already there does not show them twice", () => {
    const turn = mailbox.append('u1', 'turn:m1', replies.map(replyToEvent));
    const resent = mailbox.deliver('u1', 'd-9', replies.map(replyToEvent), 'm1');
    expect(resent).toEqual({ events: turn.events, fresh: false });
    expect(mailbox.after('u1', 0)).toEqual(turn.events);
    // Identical replies to another message, or a proactive message, are new.
    expect(mailbox.deliver('u1', 'd-10', replies.map(replyToEvent), 'm2').fresh).toBe(true);
    expect(mailbox.deliver('u1', 'd-11', replies.map(replyToEvent)).fresh).toBe(true);
  });

  test('replies the process never stored are stored as the turn, so a retry of the message finds them', () => {
    const resent = mailbox.deliver('u1', 'd-1', replies.map(replyToEvent), 'm1');
    expect(resent.fresh).toBe(true);
    expect(mailbox.batch('u1', 'turn:m1')).toEqual(resent.events);
  });

  test('history pages stop at the page size', () => {
    for (let i = 0; i < 600; i += 1)
      mailbox.append('u1', `k${i}`, [replyToEvent({ type: 'text', text: `n${i}` })]);
    expect(mailbox.after('u1', 0)).toHaveLength(500);
    expect(mailbox.after('u1', 500)).toHaveLength(100);
  });
});
