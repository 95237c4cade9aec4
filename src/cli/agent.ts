import { existsSync } from 'node:fs';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../accounts/password.js';
import { SqliteAgentAccounts } from '../accounts/sqlite-agent-accounts.js';
import { LOGIN_PATTERN, type AgentAccount } from '../accounts/types.js';
import { loadConfig } from '../config.js';
import { ErrorCodes, HelpdeskError } from '../errors.js';
import { SqliteAuditLog } from '../handoff/sqlite-audit-log.js';
import { assertHelpdeskDatabase, migrate, openDatabase } from '../storage/db.js';
import { ALL_MIGRATIONS } from '../storage/migrations.js';
import { parseCliArgs, runCli } from './args.js';
import { askNewPassword } from './read-password.js';

const USAGE =
  'npm run agent:add -- --login LOGIN --tier 2|3 [--name NAME] [--slack U…] [--teams AAD_OBJECT_ID] [--db FILE]\n' +
  '       npm run agent:list -- [--db FILE]\n' +
  '       npm run agent:remove -- --login LOGIN [--db FILE]';

const SLACK_ID = /^[UW][A-Z0-9]{2,30}$/;
const TEAMS_ID = /^[A-Za-z0-9:_-]{1,200}$/;

/**
 * Local agent accounts of the web console (`/agent`). `add` asks the password without echo on a
 * terminal (or reads one line piped in) and stores its scrypt hash; adding an existing login
 * replaces its password, tier and links and unlocks it. Works while the bot runs (the console
 * reads accounts on every request). Changes are written to the audit log.
 */
await runCli(USAGE, async () => {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseCliArgs(rest, {
    login: { type: 'string' },
    tier: { type: 'string' },
    name: { type: 'string' },
    slack: { type: 'string' },
    teams: { type: 'string' },
    db: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help || command === undefined || !['add', 'list', 'remove'].includes(command)) {
    process.stdout.write(`usage: ${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const file = values.db ?? loadConfig(process.env).databasePath;
  // Adding the first agent may create the database; an existing file must be the bot's.
  if (existsSync(file)) assertHelpdeskDatabase(file);
  const login = values.login?.trim().toLowerCase();
  if (command !== 'list' && (!login || !LOGIN_PATTERN.test(login))) {
    throw new HelpdeskError(
      ErrorCodes.CLI_USAGE,
      '--login must be 1-64 of a-z 0-9 . _ - (starting with a letter or digit)',
    );
  }
  let password = '';
  let tier: 2 | 3 = 2;
  if (command === 'add') {
    if (values.tier !== '2' && values.tier !== '3')
      throw new HelpdeskError(ErrorCodes.CLI_USAGE, '--tier must be 2 or 3');
    tier = values.tier === '3' ? 3 : 2;
    if (values.slack !== undefined && !SLACK_ID.test(values.slack)) {
      throw new HelpdeskError(ErrorCodes.CLI_USAGE, '--slack must be a Slack user id such as U0123ABCD');
    }
    if (values.teams !== undefined && !TEAMS_ID.test(values.teams)) {
      throw new HelpdeskError(ErrorCodes.CLI_USAGE, "--teams must be the user's Azure AD object id");
    }
    password = await askNewPassword(process.stdin, process.stderr);
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new HelpdeskError(
        ErrorCodes.CLI_USAGE,
        `The password needs at least ${MIN_PASSWORD_LENGTH} characters`,
      );
    }
  }
  const db = openDatabase(file);
  try {
    migrate(db, ALL_MIGRATIONS);
    const accounts = new SqliteAgentAccounts(db);
    const audit = new SqliteAuditLog(db);
    const record = (action: string) =>
      audit.record({
        at: new Date().toISOString(),
        actor: 'cli',
        role: 'system',
        action,
        outcome: 'ok',
        details: { login },
      });
    if (command === 'list') {
      for (const a of accounts.list()) process.stdout.write(`${describe(a)}\n`);
      return 0;
    }
    if (command === 'remove') {
      if (!accounts.remove(login as string))
        throw new HelpdeskError(ErrorCodes.NOT_FOUND, `No account ${login}`);
      record('agent.account.remove');
      process.stdout.write(`removed web:${login}\n`);
      return 0;
    }
    const old = accounts.get(login as string);
    const account: AgentAccount = {
      login: login as string,
      name: values.name?.trim() || old?.name || (login as string),
      tier,
      passwordHash: await hashPassword(password),
      slackId: values.slack ?? old?.slackId,
      teamsId: values.teams ?? old?.teamsId,
      failedAttempts: 0,
      lockedUntil: undefined,
      createdAt: old?.createdAt ?? new Date().toISOString(),
    };
    accounts.save(account);
    record(old ? 'agent.account.update' : 'agent.account.add');
    process.stdout.write(`${old ? 'updated' : 'added'} ${describe(account)}\n`);
    return 0;
  } finally {
    db.close();
  }
});

function describe(a: AgentAccount): string {
  const links = [a.slackId ? `slack:${a.slackId}` : '', a.teamsId ? `teams:${a.teamsId}` : ''].filter(
    Boolean,
  );
  const locked =
    a.lockedUntil && Date.parse(a.lockedUntil) > Date.now() ? ` (locked until ${a.lockedUntil})` : '';
  return `web:${a.login}\tTier ${a.tier}\t${a.name}${links.length ? `\t${links.join(' ')}` : ''}${locked}`;
}
