import { describe, expect, test } from 'vitest';
import { sqliteChannelState } from '../../src/channels/sqlite-channel-state.js';
import { TempDb } from '../support/temp-db.js';

describe('a channel’s own durable state', () => {
  test('keys and references are kept per channel and survive a reopen', () => {
    const temp = new TempDb();
    try {
      const slack = sqliteChannelState(temp.db, 'slack');
      const teams = sqliteChannelState(temp.db, 'teams');
      slack.set('queue:tier2', 'C01');
      slack.set('queue:tier3', 'C03');
      slack.set('user:U1', 'Anna');
      teams.set('queue:tier2', '19:abc@thread');
      slack.setRef('ticket', 'T-1', '{"ts":"1.2"}');
      slack.setRef('ticket', 'T-1', '{"ts":"1.3"}');
      expect(slack.get('queue:tier2')).toBe('C01');
      expect(teams.get('queue:tier2')).toBe('19:abc@thread');
      expect(slack.list('queue:')).toEqual([
        { key: 'queue:tier2', value: 'C01' },
        { key: 'queue:tier3', value: 'C03' },
      ]);
      expect(slack.getRef('ticket', 'T-1')).toBe('{"ts":"1.3"}');
      expect(teams.getRef('ticket', 'T-1')).toBeUndefined();
      slack.delete('user:U1');
      expect(slack.get('user:U1')).toBeUndefined();
      temp.reopen();
      expect(sqliteChannelState(temp.db, 'slack').getRef('ticket', 'T-1')).toBe('{"ts":"1.3"}');
      expect(sqliteChannelState(temp.db, 'slack').list('q')).toHaveLength(2);
    } finally {
      temp.close();
    }
  });

  test('a prefix with LIKE wildcards is taken literally', () => {
    const temp = new TempDb();
    try {
      const state = sqliteChannelState(temp.db, 'web');
      state.set('a%b', '1');
      state.set('axb', '2');
      expect(state.list('a%').map((e) => e.key)).toEqual(['a%b']);
    } finally {
      temp.close();
    }
  });
});
