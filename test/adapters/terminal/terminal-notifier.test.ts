import { describe, expect, test } from 'vitest';
import { TerminalButtons } from '../../../adapters/terminal/buttons.js';
import { TerminalNotifier } from '../../../adapters/terminal/terminal-notifier.js';
import type { ConversationTarget } from '../../../src/conversation/types.js';
import type { ChannelNotifier } from '../../../src/handoff/ports.js';
import type { Ticket } from '../../../src/handoff/types.js';

const meta = { deliveryId: '1' };
const target: ConversationTarget = {
  channel: 'terminal',
  conversationId: 'terminal',
  threadId: undefined,
  userId: 'U-IVAN',
};
const ticket = {
  id: 'T-1',
  priority: 'high',
  tier: 2,
  subject: 'laptop stolen',
} as Ticket;

function notifier() {
  const printed: string[] = [];
  const buttons = new TerminalButtons();
  // Typed as the port, so the calls are the core's (with delivery meta).
  const port: ChannelNotifier = new TerminalNotifier((text) => printed.push(text), buttons);
  return { printed, buttons, notifier: port };
}

describe('TerminalNotifier', () => {
  test('prints what the core says on its own, one print per delivery', async () => {
    const { printed, notifier: n } = notifier();
    await n.deliverToUser(target, [{ type: 'agent-message', agentName: 'Anna', text: 'On my way' }], meta);
    await n.deliverToAgent('U-ANNA', { type: 'user-message', ticket, text: 'thanks', at: '' }, meta);
    await n.postToQueue({ type: 'ticket-created', ticket, transcript: [] }, meta);
    await n.pageOnCall('oncall-it', { reason: 'high-priority-out-of-hours', ticket }, meta);
    expect(printed).toEqual([
      'Anna> On my way',
      '[to U-ANNA] T-1 user: thanks',
      '[queue] T-1 (high, tier 2) new: laptop stolen',
      '[page oncall-it] T-1 (high): high-priority-out-of-hours',
    ]);
  });

  test('an empty batch for the user prints nothing', async () => {
    const { printed, notifier: n } = notifier();
    await n.deliverToUser(target, [], meta);
    expect(printed).toEqual([]);
  });

  test('buttons it prints can be pressed by number in the chat', async () => {
    const { buttons, notifier: n } = notifier();
    await n.deliverToUser(
      target,
      [
        { type: 'notice', code: 'ticket-resolved', level: 'info', text: 'Resolved.' },
        {
          type: 'choices',
          prompt: 'Rate',
          choices: [1, 2, 3, 4, 5].map((r) => ({ id: `rating:${r}`, label: String(r) })),
        },
      ],
      meta,
    );
    expect(buttons.pick('4')?.id).toBe('rating:4');
    // A later proactive message without buttons leaves them pressable.
    await n.deliverToUser(target, [{ type: 'text', text: 'one more thing' }], meta);
    expect(buttons.pick('4')?.id).toBe('rating:4');
  });

  test("a person's message clears earlier buttons: a number typed next answers them", async () => {
    const { buttons, notifier: n } = notifier();
    await n.deliverToUser(
      target,
      [{ type: 'choices', prompt: 'Solved?', choices: [{ id: 'feedback:yes', label: 'Yes' }] }],
      meta,
    );
    expect(buttons.pick('1')?.id).toBe('feedback:yes');
    await n.deliverToUser(target, [{ type: 'agent-message', agentName: 'Anna', text: '1 or 2?' }], meta);
    expect(buttons.pick('1')).toBeUndefined();
  });

  test('works without shared buttons', async () => {
    const printed: string[] = [];
    const n: ChannelNotifier = new TerminalNotifier((text) => printed.push(text));
    await n.deliverToUser(
      target,
      [{ type: 'choices', prompt: 'Pick', choices: [{ id: 'a', label: 'A' }] }],
      meta,
    );
    expect(printed).toEqual(['bot> Pick\n     [1] A']);
  });
});
