import path from 'node:path';
import { pino } from 'pino';
import { TerminalButtons } from '../../adapters/terminal/buttons.js';
import { runTerminalChat } from '../../adapters/terminal/chat.js';
import { TerminalNotifier } from '../../adapters/terminal/terminal-notifier.js';
import { startApp } from '../app/start-app.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { parseCliArgs, runCli } from './args.js';

const USAGE = 'npm start [-- --user NAME]';

/** The local agent the terminal chat acts as, unless TIER2_AGENTS is configured. */
const LOCAL_AGENT = 'local-agent';

await runCli(USAGE, async () => {
  const { values } = parseCliArgs(process.argv.slice(2), { user: { type: 'string' } });
  // Trying the bot locally needs an agent to play Tier 2; real deployments configure their own.
  // An empty TIER2_AGENTS (as .env files write "unset") counts as not configured, like in loadConfig.
  const tier2Agents = process.env.TIER2_AGENTS?.trim() ? process.env.TIER2_AGENTS : LOCAL_AGENT;
  const config = loadConfig({ ...process.env, TIER2_AGENTS: tier2Agents });
  const logFile = path.join(config.dataDir, 'helpdesk.log');
  const logger = createLogger(config.logLevel, pino.destination({ dest: logFile, mkdir: true, sync: false }));
  const print = (text: string) => process.stdout.write(`${text}\n`);
  const buttons = new TerminalButtons();
  const app = await startApp(config, logger, new TerminalNotifier(print, buttons));
  print(
    `Helpdesk Bot: ${app.retriever.listArticles().length} articles from ${config.kb.dir}, ` +
      `embeddings ${app.retriever.usesEmbeddings ? 'on' : 'off'}, database ${config.databasePath}, log ${logFile}`,
  );
  try {
    await runTerminalChat(
      app.core,
      {
        userId: values.user ?? 'local-user',
        userName: values.user ?? 'Local user',
        agentId: config.handoff.tier2Agents[0] ?? LOCAL_AGENT,
        agentName: 'Local agent',
      },
      { input: process.stdin, print, buttons },
    );
  } finally {
    app.close();
  }
  return 0;
});
