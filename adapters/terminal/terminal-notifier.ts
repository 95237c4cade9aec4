import type { ChannelNotifier } from '../../src/index.js';
import type { TerminalButtons } from './buttons.js';
import { renderAgentEvent, renderPage, renderQueueEvent, renderReplies } from './render.js';

/**
 * The terminal's side of the outbound port: everything the core says on its own initiative
 * (an agent's reply, a queue announcement, an on-call page) is printed as it arrives. Buttons it
 * prints go to `buttons`, shared with `runTerminalChat`, so that typing their number presses them.
 */
export class TerminalNotifier implements ChannelNotifier {
  constructor(
    private readonly print: (text: string) => void,
    private readonly buttons?: TerminalButtons,
  ) {}

  async deliverToUser(
    _target: Parameters<ChannelNotifier['deliverToUser']>[0],
    replies: Parameters<ChannelNotifier['deliverToUser']>[1],
  ): Promise<void> {
    const { text, choices } = renderReplies(replies);
    if (text) this.print(text);
    if (replies.some((r) => r.type === 'agent-message')) this.buttons?.clear();
    this.buttons?.show(choices);
  }

  async deliverToAgent(
    agentId: string,
    event: Parameters<ChannelNotifier['deliverToAgent']>[1],
  ): Promise<void> {
    this.print(renderAgentEvent(agentId, event));
  }

  async postToQueue(event: Parameters<ChannelNotifier['postToQueue']>[0]): Promise<void> {
    this.print(renderQueueEvent(event));
  }

  async pageOnCall(target: string, page: Parameters<ChannelNotifier['pageOnCall']>[1]): Promise<void> {
    this.print(renderPage(target, page));
  }
}
