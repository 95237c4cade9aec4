import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ErrorCodes, HelpdeskError, errorMessage } from '../errors.js';

/**
 * Parses CLI arguments strictly (unknown flags are errors, not silently ignored) and turns
 * node's parse errors into a CLI_USAGE error the commands print with their usage line.
 */
export function parseCliArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals, strict: true, tokens: true });
  } catch (error) {
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, errorMessage(error), { cause: error });
  }
  // A flag given twice or with an empty value is a mistake, not a choice: say so instead of
  // silently keeping the last value or reading "" as a setting.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name) && !options[token.name]?.multiple) {
      throw new HelpdeskError(ErrorCodes.CLI_USAGE, `${token.rawName} is given more than once`);
    }
    seen.add(token.name);
    if (token.value !== undefined && token.value.trim() === '') {
      throw new HelpdeskError(ErrorCodes.CLI_USAGE, `${token.rawName} needs a value`);
    }
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/**
 * A whole-number argument written the plain decimal way and within bounds, else undefined:
 * "1e3" and "0x10" are not numbers here, as they are not in the configuration either.
 */
export function parseWholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/**
 * Runs a CLI command body: usage and config errors print a clear message and exit 2; anything
 * else unexpected prints its message and exits 1. Never a stack trace for a user mistake.
 */
export async function runCli(usage: string, body: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (error) {
    if (error instanceof HelpdeskError && (error.code === 'CLI_USAGE' || error.code === 'CONFIG_INVALID')) {
      process.stderr.write(`${error.message}\n${error.code === 'CLI_USAGE' ? `usage: ${usage}\n` : ''}`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`error: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  }
}
