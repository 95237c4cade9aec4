import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import {
  agentCommandHelp,
  errorMessage,
  parseAgentCommand,
  type HelpdeskCore,
  type IncomingMessage,
} from '../../src/index.js';
import { TerminalButtons } from './buttons.js';
import { TERMINAL_CHANNEL } from './terminal-adapter.js';
import { renderAgentResult, renderReplies } from './render.js';

/** Who is typing: the employee, and the agent identity used for `/` commands. */
export interface TerminalIdentity {
  userId: string;
  userName: string;
  agentId: string;
  agentName: string;
}

const HELP = `Type your IT question (English or Russian). A number presses a button.
Agent commands (as the configured local agent):
${agentCommandHelp()}
/help this text, /quit to leave`;

/**
 * A terminal chat on stdin/stdout for trying the bot without Slack or Teams. It only translates
 * lines into `IncomingMessage`s and agent actions, and replies into text. Pass the `buttons` given
 * to the `TerminalNotifier` so that numbers also press buttons the core sent on its own.
 */
export async function runTerminalChat(
  core: HelpdeskCore,
  who: TerminalIdentity,
  io: { input: NodeJS.ReadableStream; print: (text: string) => void; buttons?: TerminalButtons },
): Promise<void> {
  const conversationId = 'terminal';
  const buttons = io.buttons ?? new TerminalButtons();
  io.print(HELP);
  const rl = createInterface({ input: io.input, terminal: false });
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '') continue;
    if (line === '/quit' || line === '/exit') break;
    if (line === '/help') {
      io.print(HELP);
      continue;
    }
    try {
      if (line.startsWith('/')) {
        const action = parseAgentCommand(line, {
          agentId: who.agentId,
          agentName: who.agentName,
          channel: TERMINAL_CHANNEL,
          messageId: randomUUID(),
        });
        io.print(
          action
            ? renderAgentResult(await core.handleAgentAction(action))
            : `unknown or incomplete command; /help lists them`,
        );
        continue;
      }
      const pressed = buttons.pick(line);
      if (!pressed) buttons.clear();
      const incoming: IncomingMessage = {
        channel: TERMINAL_CHANNEL,
        userId: who.userId,
        userName: who.userName,
        conversationId,
        messageId: randomUUID(),
        ...(pressed ? { action: pressed.id } : { text: line }),
      };
      const replies = await core.handleMessage(incoming);
      const rendered = renderReplies(replies);
      if (rendered.text) io.print(rendered.text);
      buttons.show(rendered.choices);
      core.reportReplies(incoming, true);
    } catch (error) {
      io.print(`error: ${errorMessage(error)}`);
    }
  }
  rl.close();
}
