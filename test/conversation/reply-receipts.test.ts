import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { IncomingMessage } from '../../src/conversation/types.js';
import { Harness, texts } from '../support/helpdesk-harness.js';

/** A message as a channel sends it, with the id a retry would reuse. */
function message(id: string, text: string): IncomingMessage {
  return { channel: 'test', userId: 'U-R', conversationId: 'dm-U-R', text, messageId: id };
}

describe("a turn's replies reach the employee once, whatever fails after the commit", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
  });
  afterEach(() => h.close());

  test('replies the channel could not show go out through the outbox; the retry answers nothing more', async () => {
    const first = await h.core.handleMessage(message('m-1', 'vpn wont connect'));
    expect(texts(first)).toEqual(['article:vpn-connect-en', 'choices:feedback:yes,feedback:no']);
    h.core.reportReplies(message('m-1', ''), false);
    await h.core.idle();
    expect(texts(h.channel.repliesTo('U-R'))).toEqual(texts(first));
    // The channel learns which message they answer, to recognise them if it showed them after all.
    expect(h.channel.of('user').map((d) => d.inReplyTo)).toEqual(['m-1']);
    // The channel retries the same message: processed once, shown once.
    expect(await h.settled(h.core.handleMessage(message('m-1', 'vpn wont connect')))).toEqual([]);
    expect(h.channel.repliesTo('U-R')).toHaveLength(first.length);
    // A second report of the same turn changes nothing.
    h.core.reportReplies(message('m-1', ''), false);
    await h.core.idle();
    expect(h.channel.repliesTo('U-R')).toHaveLength(first.length);
  });

  test('replies the channel showed are never sent again, not even after a crash', async () => {
    await h.core.handleMessage(message('m-1', 'vpn wont connect'));
    h.core.reportReplies(message('m-1', ''), true);
    expect(h.core.recover()).toBe(0);
    await h.core.idle();
    expect(h.channel.repliesTo('U-R')).toEqual([]);
  });

  test('after a crash between the commit and the channel, the next start sends the replies', async () => {
    const replies = await h.core.handleMessage(message('m-1', 'vpn wont connect'));
    // The process dies here: no report. A new process starts on the same database.
    await h.restart();
    expect(h.core.recover()).toBe(1);
    await h.core.idle();
    await h.core.flush();
    expect(texts(h.channel.repliesTo('U-R'))).toEqual(texts(replies));
    expect(await h.core.handleMessage(message('m-1', 'vpn wont connect'))).toEqual([]);
    expect(h.core.recover()).toBe(0);
  });

  test('an unknown message id in a report is ignored', () => {
    expect(() => h.core.reportReplies(message('never-sent', ''), false)).not.toThrow();
  });
});
