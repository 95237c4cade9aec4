import { describe, expect, test } from 'vitest';
import { ActionIds, parseAction } from '../../src/conversation/actions.js';

describe('action ids', () => {
  test('every id the bot offers parses back', () => {
    expect(parseAction(ActionIds.feedbackYes)).toEqual({ kind: 'feedback', solved: true });
    expect(parseAction(ActionIds.feedbackNo)).toEqual({ kind: 'feedback', solved: false });
    expect(parseAction(ActionIds.clarify('vpn-connect-en'))).toEqual({
      kind: 'clarify',
      articleId: 'vpn-connect-en',
    });
    expect(parseAction(ActionIds.clarifyNone)).toEqual({ kind: 'clarify', articleId: undefined });
    expect(parseAction(ActionIds.handoffRequest)).toEqual({ kind: 'handoff-request' });
    expect(parseAction(ActionIds.handoffCancel)).toEqual({ kind: 'handoff-cancel' });
    expect(parseAction(ActionIds.rating(4))).toEqual({ kind: 'rating', score: 4 });
  });

  test.each([
    '',
    'rating:9',
    'rating:',
    'clarify:../../etc',
    'clarify:' + 'a'.repeat(500),
    'feedback:maybe',
    '\u0000',
  ])('hostile id %j is unknown', (id) => {
    expect(parseAction(id)).toEqual({ kind: 'unknown' });
  });
});
