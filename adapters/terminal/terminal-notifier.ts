import type { ChannelNotifier } from '../../src/handoff/ports.js';
import { renderAgentEvent, renderPage, renderQueueEvent, renderReplies } from './render.js';

/**
 * The terminal's side of the outbound port: everything the core says on its own initiative
 * (an agent's reply, a queue announcement, an on-call page) is printed as it arrives.
 */
export class TerminalNotifier implements ChannelNotifier {
  constructor(private readonly print: (text: string) => void) {}

  async deliverToUser(
    _target: Parameters<ChannelNotifier['deliverToUser']>[0],
    replies: Parameters<ChannelNotifier['deliverToUser']>[1],
  ): Promise<void> {
    const { text } = renderReplies(replies);
    if (text) this.print(text);
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
