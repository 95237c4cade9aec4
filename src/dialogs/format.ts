import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ErrorCodes, HelpdeskError } from '../errors.js';

/**
 * The dialog set format of `npm run eval:dialogs`: one JSON dialog a line, whole conversations
 * with what each turn must show. It is also run on dialogs kept from the team, so the format is a
 * contract: fields are only ever added, never renamed.
 */

export const DECISIONS = ['answer', 'clarify', 'ask-back', 'decline', 'handoff', 'small-talk'] as const;

const expectSchema = z
  .object({
    decision: z.enum(DECISIONS).optional(),
    article: z.array(z.string()).optional(),
    offers: z.array(z.string()).optional(),
    section: z.string().optional(),
    lang: z.enum(['en', 'ru']).optional(),
    text: z.string().optional(),
    notText: z.string().optional(),
  })
  .strict();

const turnSchema = z.union([
  z.object({ say: z.string(), expect: expectSchema.optional() }).strict(),
  z.object({ press: z.string(), expect: expectSchema.optional() }).strict(),
]);

const dialogSchema = z.object({
  name: z.string().min(1),
  lang: z.enum(['en', 'ru']).optional(),
  turns: z.array(turnSchema).min(1),
});

/** What one turn must show; every field optional (see the README of `eval:dialogs`). */
export type Expectation = z.infer<typeof expectSchema>;
/** One turn: text said, or a button pressed by a label pattern. */
export type DialogTurn = z.infer<typeof turnSchema>;
/** One dialog of the set. */
export type Dialog = z.infer<typeof dialogSchema>;

/** Parses a JSONL dialog set; a bad line fails with its line number, blank lines are skipped. */
export function parseDialogs(text: string, file = 'dialogs'): Dialog[] {
  const dialogs: Dialog[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new HelpdeskError(ErrorCodes.BAD_INPUT, `${file}:${i + 1}: not valid JSON`);
    }
    const parsed = dialogSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HelpdeskError(
        ErrorCodes.BAD_INPUT,
        `${file}:${i + 1}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid dialog'}`,
      );
    }
    for (const turn of parsed.data.turns) {
      for (const pattern of [turn.expect?.section, turn.expect?.text, turn.expect?.notText]) {
        if (pattern !== undefined) compile(pattern, `${file}:${i + 1}`);
      }
      if ('press' in turn) compile(turn.press, `${file}:${i + 1}`);
    }
    dialogs.push(parsed.data);
  });
  return dialogs;
}

/** A case-insensitive pattern of the set; a bad one fails with where it is. */
export function compile(pattern: string, where: string): RegExp {
  try {
    return new RegExp(pattern, 'iu');
  } catch {
    throw new HelpdeskError(
      ErrorCodes.BAD_INPUT,
      `${where}: bad regular expression ${JSON.stringify(pattern)}`,
    );
  }
}

/** Reads and parses a dialog set file. */
export async function readDialogs(file: string): Promise<Dialog[]> {
  return parseDialogs(await readFile(file, 'utf8'), file);
}
