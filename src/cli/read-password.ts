import type { Readable, Writable } from 'node:stream';
import { ErrorCodes, HelpdeskError } from '../errors.js';

/** The largest password line read from a pipe. */
const MAX_LINE = 4096;

/** Reads the first line of a non-terminal stdin (how tests and scripts pipe a password in). */
export async function readLine(input: Readable): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    const nl = text.indexOf('\n');
    if (nl >= 0) return text.slice(0, nl).replace(/\r$/, '');
    if (text.length > MAX_LINE)
      throw new HelpdeskError(ErrorCodes.CLI_USAGE, 'The password line is too long');
  }
  return text.replace(/\r$/, '');
}

/**
 * Prompts for a password on a terminal without echoing it: raw mode, one character at a time,
 * Backspace erases, Enter ends, Ctrl-C or Ctrl-D aborts.
 */
export function readHidden(input: NodeJS.ReadStream, output: Writable, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(prompt);
    let value = '';
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004')
          return done(new HelpdeskError(ErrorCodes.CLI_USAGE, 'Cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

/**
 * The new account's password: typed twice without echo on a terminal, else the first line of
 * standard input (`echo "$PW" | npm run agent:add -- ...`).
 */
export async function askNewPassword(input: NodeJS.ReadStream, output: Writable): Promise<string> {
  if (!input.isTTY) return readLine(input);
  const first = await readHidden(input, output, 'Password: ');
  const second = await readHidden(input, output, 'Again: ');
  if (first !== second) throw new HelpdeskError(ErrorCodes.CLI_USAGE, 'The two passwords differ');
  return first;
}
