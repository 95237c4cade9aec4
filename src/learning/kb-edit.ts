import { randomBytes } from 'node:crypto';
import { lstat, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import { ErrorCodes, HelpdeskError } from '../errors.js';
import { splitFrontMatter } from '../kb/front-matter.js';
import { parseArticle } from '../kb/parse-article.js';

/** What an edit did: `added`, or `present` when the article already had that question. */
export type QuestionEdit = 'added' | 'present';

/**
 * Adds `question` to the `questions` list of the article file `file` (relative to `kbDir`): a
 * real edit of the YAML front matter through the `yaml` Document API, so comments, key order and
 * the body stay as they were. The result must still parse as the same article, or nothing is
 * written; the write is atomic (temp file + rename), so the KB watcher picks it up like any save
 * and never sees half a file. Refuses paths outside the folder and anything but a regular file.
 */
export async function addQuestionToArticle(
  kbDir: string,
  file: string,
  articleId: string,
  question: string,
): Promise<QuestionEdit> {
  const root = path.resolve(kbDir);
  const full = path.resolve(root, file);
  if (!full.startsWith(root + path.sep)) throw bad(`${file} is outside the knowledge base`);
  const stat = await lstat(full).catch(() => undefined);
  if (!stat?.isFile()) throw new HelpdeskError(ErrorCodes.NOT_FOUND, `${file} is not a regular file`);
  const raw = await readFile(full, 'utf8');
  const crlf = raw.includes('\r\n');
  const text = raw.replace(/\r\n/g, '\n');
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const split = splitFrontMatter(text.slice(bom.length));
  if ('error' in split) throw bad(`${file}: ${split.error}`);

  const doc = parseDocument(split.yaml);
  if (doc.errors.length > 0) throw bad(`${file}: the front matter does not parse`);
  const current = doc.get('questions');
  const clean = question.replace(/\s+/g, ' ').trim();
  if (clean === '') throw bad('The question is empty');
  if (isSeq(current)) {
    const items = current.items.map((i) =>
      String((i as { value?: unknown }).value ?? i)
        .trim()
        .toLowerCase(),
    );
    if (items.includes(clean.toLowerCase())) return 'present';
    current.add(doc.createNode(clean));
  } else if (current === undefined || current === null) {
    doc.set('questions', doc.createNode([clean]));
  } else {
    throw bad(`${file}: questions is not a list`);
  }
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  let out = `${bom}---\n${yaml.endsWith('\n') ? yaml : `${yaml}\n`}---\n${split.body}`;
  if (crlf) out = out.replace(/\n/g, '\r\n');

  const check = parseArticle(file, Buffer.from(out, 'utf8'));
  if (!check.article || check.article.id !== articleId || !check.article.questions.includes(clean)) {
    throw bad(`${file}: the edited article would not load (${check.problems[0]?.message ?? 'id changed'})`);
  }
  const temp = path.join(path.dirname(full), `.${path.basename(full)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, out, { encoding: 'utf8', mode: stat.mode & 0o777 });
    await rename(temp, full);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new HelpdeskError(ErrorCodes.KB_UNREADABLE, `Cannot write ${file}`, { cause: error });
  }
  return 'added';
}

function bad(message: string): HelpdeskError {
  return new HelpdeskError(ErrorCodes.BAD_INPUT, message);
}
