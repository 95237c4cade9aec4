import type { App } from '@slack/bolt';
import { errorMessage, parseAgentButton } from '../../../src/index.js';
import { agentTurn } from '../agent-turn.js';
import { agentNotice } from '../blocks/agent-result.js';
import type { SlackBlock } from '../blocks/kit.js';
import { answeredBlocks, CHOICE_ACTION_PREFIX } from '../blocks/replies.js';
import { SLACK, type SlackDeps } from '../deps.js';
import { employeeTurn } from '../employee-turn.js';
import { ephemeral } from '../slack-calls.js';
import { slackId, slackTs, str } from './shapes.js';

/** The fields of a `block_actions` payload the handlers read. */
interface ActionPayload {
  user?: { id?: unknown };
  channel?: { id?: unknown };
  container?: { channel_id?: unknown; message_ts?: unknown };
  message?: { ts?: unknown; thread_ts?: unknown; blocks?: unknown; bot_id?: unknown };
  actions?: { action_id?: unknown; value?: unknown; action_ts?: unknown; text?: { text?: unknown } }[];
}

function parse(body: unknown) {
  const p = body as ActionPayload;
  const action = Array.isArray(p.actions) ? p.actions[0] : undefined;
  return {
    user: slackId(p.user?.id),
    channel: slackId(p.channel?.id) ?? slackId(p.container?.channel_id),
    messageTs: slackTs(p.message?.ts) ?? slackTs(p.container?.message_ts),
    threadTs: slackTs(p.message?.thread_ts),
    blocks: Array.isArray(p.message?.blocks) ? (p.message?.blocks as SlackBlock[]) : undefined,
    value: str(action?.value, 2000),
    label: str(action?.text?.text, 200),
    actionTs: str(action?.action_ts, 40),
  };
}

/**
 * Button presses. An employee's (`hd:choice:…`, the core's choice id in `value`) is a message
 * to the core, answered in the same thread; the pressed buttons are then replaced by the
 * choice. An agent's card button (`agent:claim:T-1`) is an agent action; a refusal (not an
 * agent) is shown to the presser only and the card stays as it is.
 */
export function onActions(app: App, deps: () => SlackDeps): void {
  app.action(new RegExp(`^${CHOICE_ACTION_PREFIX}`), async ({ ack, body }) => {
    await ack();
    const d = deps();
    const p = parse(body);
    if (!p.user || !p.channel || !p.messageTs || !p.value || !p.actionTs) return;
    try {
      const answered = await employeeTurn(d, {
        userId: p.user,
        channel: p.channel,
        threadTs: p.threadTs ?? p.messageTs,
        messageId: `action:${p.actionTs}`,
        action: p.value,
      });
      if (answered && p.blocks) {
        await d.client.chat
          .update({
            channel: p.channel,
            ts: p.messageTs,
            text: p.label ?? p.value,
            blocks: answeredBlocks(p.blocks, p.label ?? p.value),
          })
          .catch((error: unknown) =>
            d.logger.debug({ err: errorMessage(error) }, 'slack: buttons not cleared'),
          );
      }
    } catch (error) {
      d.logger.error({ err: errorMessage(error) }, 'slack button failed');
    }
  });

  app.action(/^agent:/, async ({ ack, body }) => {
    await ack();
    const d = deps();
    const p = parse(body);
    if (!p.user || !p.channel || !p.value || !p.actionTs) return;
    const user = p.user;
    const channel = p.channel;
    const show = (message: Parameters<typeof ephemeral>[3]) => ephemeral(d.client, channel, user, message);
    try {
      const agentName = await d.people.name(user);
      const action = parseAgentButton(p.value, {
        agentId: `${SLACK}:${user}`,
        ...(agentName ? { agentName } : {}),
        channel: SLACK,
        messageId: `action:${p.actionTs}`,
      });
      if (!action) {
        await show(agentNotice('This button is not known (an old card?).')).catch(() => undefined);
        return;
      }
      await agentTurn(d, action, show);
    } catch (error) {
      d.logger.error({ err: errorMessage(error) }, 'slack card button failed');
    }
  });
}
