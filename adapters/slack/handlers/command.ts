import type { App } from '@slack/bolt';
import { agentCommandHelp, errorMessage, parseAgentCommand } from '../../../src/index.js';
import { agentTurn } from '../agent-turn.js';
import { agentNotice } from '../blocks/agent-result.js';
import type { SlackMessage } from '../blocks/kit.js';
import { SLACK, type SlackDeps } from '../deps.js';
import { normalizeInbound } from '../normalize.js';
import { relayLine } from '../queue-events.js';
import { ephemeral, post, textMessage } from '../slack-calls.js';
import { slackId, str } from './shapes.js';

/** The slash command the manifest declares. */
export const SLASH_COMMAND = '/helpdesk';

/**
 * `/helpdesk queue|mine|show|claim|reply|note|tier3|transfer|resolve|handback …`: the core's
 * one command grammar (`parseAgentCommand`), answered to the agent only. Acknowledged at once;
 * the answer follows through the command's `response_url` (or an ephemeral message).
 */
export function onCommand(app: App, deps: () => SlackDeps): void {
  app.command(SLASH_COMMAND, async ({ ack, command, respond }) => {
    await ack();
    const d = deps();
    const user = slackId(command.user_id);
    const channel = slackId(command.channel_id);
    const trigger = str(command.trigger_id, 200);
    if (!user || !trigger) return;
    const show = async (message: SlackMessage) => {
      try {
        await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
      } catch (error) {
        if (!channel) throw error;
        await ephemeral(d.client, channel, user, message);
      }
    };
    try {
      const agentName = await d.people.name(user);
      const line = normalizeInbound(str(command.text, 50_000) ?? '');
      const action = parseAgentCommand(line, {
        agentId: `${SLACK}:${user}`,
        ...(agentName ? { agentName } : {}),
        channel: SLACK,
        messageId: `command:${trigger}`,
      });
      if (!action) {
        await show(agentNotice(`Usage:\n\`\`\`${agentCommandHelp(`${SLASH_COMMAND} `)}\`\`\``)).catch(
          () => undefined,
        );
        return;
      }
      const result = await agentTurn(d, action, show);
      if (result?.kind === 'done' && action.kind === 'note') {
        // Notes from a thread are visible there; one from the command is posted to the thread.
        const card = d.state.activeCard(action.ticketId);
        if (card) {
          const text = `:memo: Internal note by ${relayLine(agentName ?? user, action.text)}`;
          await post(d.client, card.channel, textMessage(text), card.ts).catch(() => undefined);
        }
      }
    } catch (error) {
      d.logger.error({ err: errorMessage(error) }, 'slack command failed');
      await show(agentNotice('Something went wrong; please try again.')).catch(() => undefined);
    }
  });
}
