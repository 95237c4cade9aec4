import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { TerminalButtons } from '../../adapters/terminal/buttons.js';
import { runTerminalChat } from '../../adapters/terminal/chat.js';
import { TerminalAdapter } from '../../adapters/terminal/terminal-adapter.js';
import { startApp } from '../app/start-app.js';
import { loadConfig } from '../config.js';
import { ErrorCodes, HelpdeskError, errorMessage } from '../errors.js';
import { createLogger } from '../logger.js';
import { parseCliArgs, runCli } from './args.js';

const USAGE = 'npm run chat [-- --user NAME]';

/** The local agent the terminal chat acts as, unless TIER2_AGENTS names a terminal agent. */
const LOCAL_AGENT = 'terminal:local-agent';

/**
 * The log file, checked now so that a folder in its place or a read-only disk is one clear
 * start-up error; a write error later is reported once on stderr instead of killing the bot.
 */
function openLogFile(file: string): ReturnType<typeof pino.destination> {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    closeSync(openSync(file, 'a'));
  } catch (error) {
    throw new HelpdeskError(
      ErrorCodes.CONFIG_INVALID,
      `Cannot write the log file ${file}: ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  }
  const destination = pino.destination({ dest: file, sync: false });
  let reported = false;
  destination.on('error', (error: unknown) => {
    if (!reported) process.stderr.write(`cannot write the log file ${file}: ${errorMessage(error)}\n`);
    reported = true;
  });
  return destination;
}

await runCli(USAGE, async () => {
  const { values } = parseCliArgs(process.argv.slice(2), { user: { type: 'string' } });
  // Trying the bot locally needs an agent to play Tier 2; real deployments configure their own.
  const loaded = loadConfig(process.env);
  const configured = [...loaded.handoff.tier2Agents, ...loaded.handoff.tier3Agents].find((a) =>
    a.startsWith('terminal:'),
  );
  const agentId = configured ?? LOCAL_AGENT;
  const config = configured
    ? loaded
    : {
        ...loaded,
        handoff: { ...loaded.handoff, tier2Agents: [...loaded.handoff.tier2Agents, LOCAL_AGENT] },
      };
  const logFile = path.join(config.dataDir, 'helpdesk.log');
  const logger = createLogger(config.logLevel, openLogFile(logFile));
  const print = (text: string) => process.stdout.write(`${text}\n`);
  const buttons = new TerminalButtons();
  const terminal = new TerminalAdapter(print, buttons);
  const app = await startApp(config, logger, [terminal]);
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
        agentId,
        agentName: 'Local agent',
      },
      { input: process.stdin, print, buttons },
    );
  } finally {
    await app.close();
  }
  return 0;
});
