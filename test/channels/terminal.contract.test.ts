import { PassThrough } from 'node:stream';
import path from 'node:path';
import { describe, vi, expect } from 'vitest';
import { TerminalButtons } from '../../adapters/terminal/buttons.js';
import { runTerminalChat } from '../../adapters/terminal/chat.js';
import { TerminalAdapter } from '../../adapters/terminal/terminal-adapter.js';
import { startApp } from '../../src/app/start-app.js';
import { silentLogger } from '../../src/logger.js';
import { testConfig, KB_SMALL } from '../support/helpdesk-harness.js';
import { TestAdapter } from '../support/test-adapter.js';
import { tempDir } from '../support/temp-dir.js';
import { CONTRACT_ENV, channelContract, type ChannelDriver } from './channel-contract.js';

/** The terminal chat on a real app: typed lines in, printed lines out, numbers press buttons. */
async function terminalDriver(): Promise<ChannelDriver> {
  const { dir, cleanup } = await tempDir('contract-terminal');
  const config = testConfig(path.join(dir, 'helpdesk.db'), { ...CONTRACT_ENV, KB_DIR: KB_SMALL });
  const printed: string[] = [];
  const print = (text: string) => void printed.push(text);
  const buttons = new TerminalButtons();
  const terminal = new TerminalAdapter(print, buttons);
  const agent = new TestAdapter('test');
  const app = await startApp(config, silentLogger(), [terminal, agent]);
  const input = new PassThrough();
  const who = { userId: 'U-IVAN', userName: 'Ivan', agentId: 'terminal:nobody', agentName: 'Nobody' };
  const finished = runTerminalChat(terminal.core, who, { input, print, buttons });
  const type = async (line: string) => {
    const from = printed.length;
    input.write(`${line}\n`);
    await vi.waitFor(() => expect(printed.length).toBeGreaterThan(from), { timeout: 20_000, interval: 10 });
  };
  return {
    agent,
    say: (text) => type(text),
    async press(label) {
      const index = buttons.shown().findIndex((c) => label.test(c.label));
      if (index < 0)
        throw new Error(
          `no button ${label} among ${buttons
            .shown()
            .map((c) => c.label)
            .join(', ')}`,
        );
      await type(String(index + 1));
    },
    // The terminal also prints what the agent side is told ([queue] ..., [to ...]): not the employee's view.
    seen: () => printed.filter((l) => !/^\[(queue|to |page|agent)/.test(l)).join('\n'),
    buttons: () => buttons.shown().map((c) => c.label),
    async close() {
      input.end();
      await finished;
      await app.close();
      await cleanup();
    },
  };
}

describe('channel contract: terminal', { timeout: 60_000 }, () => {
  channelContract(terminalDriver);
});
