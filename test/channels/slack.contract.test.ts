import { describe, expect, vi } from 'vitest';
import { FakeSlack } from '../adapters/slack/fake-slack.js';
import {
  blockAction,
  dm,
  eventEnvelope,
  postEvent,
  postInteraction,
  startSlackServer,
} from '../adapters/slack/slack-server.js';
import { CONTRACT_AGENTS, channelContract, retried, type ChannelDriver } from './channel-contract.js';

const EMPLOYEE = 'UIVAN';
const WAIT = { timeout: 20_000, interval: 20 };

/** What Slack sends for text a person typed: `&`, `<` and `>` escaped. */
function typed(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack's own escaping undone, as the Slack client shows text to a person. */
function shown(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * An employee in a Slack DM with the real Bolt app, against the fake Slack Web API: events and
 * button presses are signed and posted to `/slack/events`; what the bot posted in the DM is what
 * the employee sees. The contract's agents work on the test channel of the same server.
 */
async function slackDriver(): Promise<ChannelDriver> {
  const s = await startSlackServer({
    TIER2_AGENTS: CONTRACT_AGENTS.tier2,
    TIER3_AGENTS: CONTRACT_AGENTS.tier3,
    SLACK_TIER2_CHANNEL: '',
    SLACK_TIER3_CHANNEL: '',
  });
  const channel = `D${EMPLOYEE}`;
  const inDm = () => s.fake.postedIn(channel);
  let lastEnvelope: Record<string, unknown> | undefined;
  /** Waits until the bot posted in the DM, or relayed the text to the agent (then it says nothing). */
  const answered = async (before: number, text?: string) => {
    await vi.waitFor(() => {
      const relayed = s.agents.notifier
        .of('agent')
        .some((a) => text !== undefined && 'text' in a.event && a.event.text === text);
      expect(inDm().length > before || relayed).toBe(true);
    }, WAIT);
  };
  return {
    agent: s.agents,
    async say(text) {
      const before = inDm().length;
      lastEnvelope = eventEnvelope(dm(EMPLOYEE, typed(text)));
      expect((await postEvent(s, lastEnvelope)).status).toBe(200);
      await answered(before, text);
    },
    async press(label) {
      const withButton = [...inDm()]
        .reverse()
        .find((m) => FakeSlack.buttons(m).some((b) => label.test(b.label)));
      const button = withButton && FakeSlack.buttons(withButton).find((b) => label.test(b.label));
      if (!withButton || !button) throw new Error(`no button ${label} in the DM`);
      const before = inDm().length;
      const payload = blockAction(
        s,
        EMPLOYEE,
        { channel, ts: withButton.ts, threadTs: withButton.threadTs, blocks: withButton.blocks },
        button,
      );
      expect((await postInteraction(s, payload)).status).toBe(200);
      await answered(before);
    },
    // The Slack client shows a message's blocks; its `text` is only the notification fallback.
    seen: () =>
      inDm()
        .map((m) => shown(m.blocks.length > 0 ? FakeSlack.textOf({ text: '', blocks: m.blocks }) : m.text))
        .join('\n'),
    buttons: () => {
      const last = [...inDm()].reverse().find((m) => FakeSlack.buttons(m).length > 0);
      return last ? FakeSlack.buttons(last).map((b) => b.label) : [];
    },
    async retryLast() {
      const envelope = lastEnvelope;
      if (!envelope) return;
      await retried(s.server.app, 'slack', async () => {
        expect((await postEvent(s, envelope, 1)).status).toBe(200);
      });
    },
    close: () => s.close(),
  };
}

describe('channel contract: Slack', { timeout: 60_000 }, () => {
  channelContract(slackDriver);
});
