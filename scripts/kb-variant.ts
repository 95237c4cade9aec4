/**
 * Writes a copy of a knowledge base with at most N example phrasings per article, to see how
 * retrieval and its calibration do on a company's knowledge base, which rarely carries the twenty
 * phrasings per article of ours. Usage:
 *   npm run kb:variant -- --kb knowledge-base --phrasings 3 --out /tmp/kb-3
 * The first N phrasings are kept (authors list the usual wording first). With `--phrasings 0`
 * articles keep only their title and body, like a FAQ exported from a help centre.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { parseCliArgs, parseWholeNumber, runCli } from '../src/cli/args.js';
import { ErrorCodes, HelpdeskError } from '../src/errors.js';
import { splitFrontMatter } from '../src/kb/front-matter.js';

const USAGE = 'npm run kb:variant -- --kb DIR --phrasings N --out DIR';

/** The file with its `questions` cut to the first `keep`; files without front matter unchanged. */
export function cutPhrasings(text: string, keep: number): string {
  const split = splitFrontMatter(text);
  if ('error' in split) return text;
  const doc = parseDocument(split.yaml);
  const questions = doc.get('questions');
  if (questions && typeof questions === 'object' && 'items' in questions) {
    const items = (questions as { items: unknown[] }).items;
    if (keep === 0) doc.delete('questions');
    else items.splice(keep);
  }
  return `---\n${doc.toString().trimEnd()}\n---\n${split.body}`;
}

function copyTree(from: string, to: string, keep: number): number {
  let files = 0;
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = path.join(from, name);
    const target = path.join(to, name);
    if (statSync(source).isDirectory()) files += copyTree(source, target, keep);
    else if (name.endsWith('.md')) {
      writeFileSync(target, cutPhrasings(readFileSync(source, 'utf8'), keep));
      files += 1;
    } else writeFileSync(target, readFileSync(source));
  }
  return files;
}

await runCli(USAGE, async () => {
  const { values } = parseCliArgs(process.argv.slice(2), {
    kb: { type: 'string' },
    phrasings: { type: 'string' },
    out: { type: 'string' },
  });
  if (!values.kb || !values.out || values.phrasings === undefined)
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, '--kb, --phrasings and --out are required');
  const keep = parseWholeNumber(values.phrasings, 0, 1000);
  if (keep === undefined) throw new HelpdeskError(ErrorCodes.CLI_USAGE, '--phrasings takes a whole number');
  if (path.resolve(values.out) === path.resolve(values.kb))
    throw new HelpdeskError(ErrorCodes.CLI_USAGE, '--out must not be the knowledge base itself');
  rmSync(values.out, { recursive: true, force: true });
  const files = copyTree(values.kb, values.out, keep);
  process.stdout.write(`${files} articles written to ${values.out} with at most ${keep} phrasings each\n`);
  return 0;
});
