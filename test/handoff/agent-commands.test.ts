import { describe, expect, test } from 'vitest';
import { agentActionSchema } from '../../src/handoff/agent-action.js';
import { agentCommandHelp, parseAgentCommand } from '../../src/handoff/agent-commands.js';

const who = { agentId: 'terminal:anna', agentName: 'Anna', channel: 'terminal', messageId: 'm-1' };
const base = { ...who };

/** Parses a line and checks the action is one the core accepts as valid input. */
function parse(line: string) {
  const action = parseAgentCommand(line, who);
  if (action) expect(agentActionSchema.parse(action)).toEqual(action);
  return action;
}

describe('parseAgentCommand', () => {
  test.each([
    ['/queue', { kind: 'list' }],
    ['/show T-7KQ2M9XA4B', { kind: 'show', ticketId: 'T-7KQ2M9XA4B' }],
    ['/claim T-1', { kind: 'claim', ticketId: 'T-1' }],
    [
      '/reply T-1 Which laptop model do you have?',
      { kind: 'reply', ticketId: 'T-1', text: 'Which laptop model do you have?' },
    ],
    [
      '/note T-1 probably the display cable',
      { kind: 'note', ticketId: 'T-1', text: 'probably the display cable' },
    ],
    ['/tier3 T-1 needs a new screen', { kind: 'escalate', ticketId: 'T-1', note: 'needs a new screen' }],
    ['/tier3 T-1', { kind: 'escalate', ticketId: 'T-1', note: undefined }],
    ['/mine', { kind: 'list' }],
    ['claim T-1', { kind: 'claim', ticketId: 'T-1' }],
    ['/CLAIM T-1', { kind: 'claim', ticketId: 'T-1' }],
    ['/transfer T-1 U-BORIS', { kind: 'transfer', ticketId: 'T-1', toAgentId: 'U-BORIS', note: undefined }],
    [
      '/transfer T-1 U-BORIS knows this printer',
      { kind: 'transfer', ticketId: 'T-1', toAgentId: 'U-BORIS', note: 'knows this printer' },
    ],
    ['/resolve T-1', { kind: 'resolve', ticketId: 'T-1', note: undefined }],
    ['/resolve T-1 replaced the cable', { kind: 'resolve', ticketId: 'T-1', note: 'replaced the cable' }],
    ['/handback T-1', { kind: 'hand-back', ticketId: 'T-1', note: undefined }],
    [
      '/handback T-1 simple password question',
      { kind: 'hand-back', ticketId: 'T-1', note: 'simple password question' },
    ],
  ])('%s', (line, expected) => {
    expect(parse(line)).toEqual({ ...base, ...expected });
  });

  test('surrounding and repeated spaces do not end up in the ids or the text', () => {
    expect(parse('   /reply   T-1    hello   there  ')).toEqual({
      ...base,
      kind: 'reply',
      ticketId: 'T-1',
      text: 'hello   there',
    });
  });

  test('the identity, channel and message id are the caller’s', () => {
    const action = parse('/claim T-9');
    expect(action).toMatchObject({
      agentId: 'terminal:anna',
      agentName: 'Anna',
      messageId: 'm-1',
      channel: 'terminal',
    });
  });

  test.each(['/show', '/claim', '/reply', '/note', '/tier3', '/transfer', '/resolve', '/handback'])(
    '%s without a ticket is undefined',
    (line) => {
      expect(parse(line)).toBeUndefined();
      expect(parse(`${line}   `)).toBeUndefined();
    },
  );

  test.each(['/reply T-1', '/note T-1', '/transfer T-1', '/reply T-1    '])(
    '%s without its text is undefined',
    (line) => {
      expect(parse(line)).toBeUndefined();
    },
  );

  test.each(['/frobnicate T-1', '/list', '/escalate T-1 note', '/hand-back T-1', '/', '/ claim T-1'])(
    'unknown command %j is undefined',
    (line) => {
      expect(parse(line)).toBeUndefined();
    },
  );

  test.each(['hello', '', '   ', 'I want a human', '1', 'please /claim T-1'])(
    'a line that is not a command (%j) is undefined',
    (line) => {
      expect(parse(line)).toBeUndefined();
    },
  );

  test('every command in the help text parses when given its arguments', () => {
    const commands = agentCommandHelp()
      .split('\n')
      .map((row) => row.split(/\s+/)[0]);
    expect(commands).toEqual([
      '/queue',
      '/mine',
      '/show',
      '/claim',
      '/reply',
      '/note',
      '/tier3',
      '/transfer',
      '/resolve',
      '/handback',
    ]);
    for (const command of commands) expect(parse(`${command} T-1 U-BORIS some text`), command).toBeDefined();
  });
});
