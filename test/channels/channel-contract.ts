import { expect, test, vi } from 'vitest';
import type { AgentAction, AgentResult, QueueEvent } from '../../src/index.js';
import type { RunningApp } from '../../src/app/start-app.js';
import type { TestAdapter } from '../support/test-adapter.js';

/** Agents of the contract's configuration: they work on the second channel, `test`. */
export const CONTRACT_AGENTS = { tier2: 'test:U-ANNA', tier3: 'test:U-VERA' } as const;

/** Settings every driver starts its channel with (plus its own database and port). */
export const CONTRACT_ENV = {
  TIER2_AGENTS: CONTRACT_AGENTS.tier2,
  TIER3_AGENTS: CONTRACT_AGENTS.tier3,
  BUSINESS_HOURS: 'mon-sun 00:00-24:00',
  KB_WATCH: 'false',
  EMBEDDINGS: 'off',
} as const;

/**
 * One employee on the channel under test, seen as a person would: what the channel showed them,
 * the buttons on screen, and their actions. The agent works on a second channel of the same
 * process (`agent`), so every run also shows two channels sharing one queue.
 */
export interface ChannelDriver {
  /** The second channel, whose core the agent acts through and whose notifier records the queue. */
  readonly agent: TestAdapter;
  /** Types a message and waits until the channel showed the turn's replies. */
  say(text: string): Promise<void>;
  /** Presses the button on screen whose label matches, and waits for the replies. */
  press(label: RegExp): Promise<void>;
  /** Everything shown to the employee so far, as plain text. */
  seen(): string;
  /** Labels of the buttons on screen now. */
  buttons(): string[];
  /** Sends the last message again with the same message id, as a channel's retry does; undefined when the channel has no retries. */
  retryLast?: () => Promise<void>;
  close(): Promise<void>;
}

const WAIT = { timeout: 20_000, interval: 20 };

/** Waits until the employee was shown text matching `pattern`. */
export async function waitForSeen(driver: ChannelDriver, pattern: RegExp): Promise<void> {
  await vi.waitFor(() => expect(driver.seen()).toMatch(pattern), WAIT);
}

/** How many messages of `channel` the core refused as already processed (from `/metrics`' counter). */
async function duplicates(app: RunningApp, channel: string): Promise<number> {
  const metric = await app.metrics.registry.getSingleMetric('helpdesk_messages_total')?.get();
  return (
    metric?.values.find((v) => v.labels.channel === channel && v.labels.outcome === 'duplicate')?.value ?? 0
  );
}

/**
 * Runs `retry` (a channel's redelivery of a message) and waits until the core has seen it and
 * refused it as a duplicate, so that what the employee was shown is compared after the fact.
 */
export async function retried(app: RunningApp, channel: string, retry: () => Promise<void>): Promise<void> {
  const before = await duplicates(app, channel);
  await retry();
  await vi.waitFor(async () => expect(await duplicates(app, channel)).toBe(before + 1), WAIT);
  await app.core.idle();
}

function count(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))?.length ?? 0;
}

/**
 * The contract every channel adapter passes, run against the real core and the real adapter:
 * answer with buttons, clarify, No and the next try, handoff, claim, relay both ways, Tier 3,
 * resolve with rating, and (where the channel retries) a retried message answered once.
 */
export function channelContract(makeDriver: () => Promise<ChannelDriver>): void {
  test('the whole conversation: answer, No, clarify, handoff, claim, relay, Tier 3, resolve and rating', async () => {
    const d = await makeDriver();
    try {
      let messageId = 0;
      const act = (action: Record<string, unknown>): Promise<AgentResult> =>
        d.agent.core.handleAgentAction({
          channel: 'test',
          messageId: `contract-${(messageId += 1)}`,
          ...action,
        } as AgentAction);
      const queue = () => d.agent.notifier.of('queue').map((q) => q.event as QueueEvent);

      // An answer with its feedback buttons.
      await d.say('vpn wont connect');
      expect(d.seen()).toMatch(/Connect to the VPN/);
      expect(d.buttons()).toEqual(expect.arrayContaining(['Yes', 'No']));

      // No: the next try for the same problem, or a person.
      const before = d.seen().length;
      await d.press(/^No$/);
      expect(d.seen().slice(before)).toMatch(/\S/);
      expect(d.buttons().some((b) => /person|human|VPN|Connect/i.test(b))).toBe(true);

      // A vague message gets a choice of articles.
      await d.say('printer');
      expect(d.buttons()).toEqual(expect.arrayContaining([expect.stringMatching(/print/i)]));

      // Handoff: the ticket reaches the queue of the other channel.
      await d.say('I want to talk to a person');
      await waitForSeen(d, /request T-[0-9A-Z-]+/);
      await vi.waitFor(() => expect(queue().some((e) => e.type === 'ticket-created')).toBe(true), WAIT);
      const ticketId = queue().find((e) => e.type === 'ticket-created')?.ticket.id ?? '';

      // Claim, and relay both ways.
      await act({ kind: 'claim', agentId: CONTRACT_AGENTS.tier2, agentName: 'Anna', ticketId });
      await waitForSeen(d, /Anna from IT support is now handling your request/);
      await act({
        kind: 'reply',
        agentId: CONTRACT_AGENTS.tier2,
        agentName: 'Anna',
        ticketId,
        text: 'Which laptop do you have?',
      });
      await waitForSeen(d, /Which laptop do you have\?/);
      await d.say('It is a Dell <b>Latitude</b>');
      await vi.waitFor(
        () =>
          expect(d.agent.notifier.of('agent').map((a) => a.event)).toContainEqual(
            expect.objectContaining({ type: 'user-message', text: 'It is a Dell <b>Latitude</b>' }),
          ),
        WAIT,
      );

      // Tier 3 takes over and resolves; the employee rates.
      await act({
        kind: 'escalate',
        agentId: CONTRACT_AGENTS.tier2,
        agentName: 'Anna',
        ticketId,
        note: 'needs a specialist',
      });
      await waitForSeen(d, /specialist|Tier 3|специалист/i);
      await act({ kind: 'claim', agentId: CONTRACT_AGENTS.tier3, agentName: 'Vera', ticketId });
      await act({ kind: 'resolve', agentId: CONTRACT_AGENTS.tier3, agentName: 'Vera', ticketId });
      await waitForSeen(d, /rate/i);
      await vi.waitFor(() => expect(d.buttons()).toEqual(['1', '2', '3', '4', '5']), WAIT);
      await d.press(/^5$/);
      await waitForSeen(d, /Thank you for your rating/);
      expect(queue().map((e) => e.type)).toEqual(
        expect.arrayContaining(['ticket-created', 'ticket-claimed', 'ticket-escalated', 'ticket-resolved']),
      );
      // Each line was shown once, however the channel delivered it.
      expect(count(d.seen(), /Which laptop do you have\?/)).toBe(1);
      expect(count(d.seen(), /Thank you for your rating/)).toBe(1);
    } finally {
      await d.close();
    }
  });

  test('a retried message is answered once', async (context) => {
    const d = await makeDriver();
    try {
      if (!d.retryLast) {
        context.skip();
        return;
      }
      await d.say('vpn wont connect');
      const shown = count(d.seen(), /Connect to the VPN/);
      await d.retryLast();
      await d.retryLast();
      expect(count(d.seen(), /Connect to the VPN/)).toBe(shown);
    } finally {
      await d.close();
    }
  });
}
