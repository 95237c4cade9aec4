import { LineCounter, parseDocument, isMap, isScalar, visit, type Document } from 'yaml';

/** Result of splitting a markdown file into its YAML front matter and body. */
export interface SplitFile {
  /** YAML text between the `---` fences. */
  yaml: string;
  /** Markdown after the closing fence. */
  body: string;
  /** 1-based line of the first YAML line in the file. */
  yamlStartLine: number;
  /** 1-based line of the first body line in the file. */
  bodyStartLine: number;
}

/**
 * Splits `---`-fenced front matter from the body. Returns undefined when the file does not open
 * with a fence or never closes it, so the caller can report "no front matter".
 */
export function splitFrontMatter(text: string): SplitFile | { error: string; line: number } {
  const lines = text.split('\n');
  if ((lines[0] ?? '').trim() !== '---') {
    return { error: 'file must start with a "---" line opening the front matter', line: 1 };
  }
  for (let i = 1; i < lines.length; i++) {
    const l = (lines[i] ?? '').trim();
    if (l === '---' || l === '...') {
      return {
        yaml: lines.slice(1, i).join('\n'),
        body: lines.slice(i + 1).join('\n'),
        yamlStartLine: 2,
        bodyStartLine: i + 2,
      };
    }
  }
  return { error: 'front matter is never closed by a "---" line', line: 1 };
}

export interface ParsedYaml {
  data: unknown;
  /** Line (1-based, in the file) of each top-level key, for pointing at bad fields. */
  keyLines: Map<string, number>;
  errors: { message: string; line: number }[];
}

/** YAML errors reported per file: a badly broken file should not flood the log. */
export const MAX_YAML_ERRORS = 10;

/** A YAML document with its syntax errors, and the file line of any offset in it. */
export interface YamlDocument {
  doc: Document;
  /** 1-based line in the file of an offset into the YAML text. */
  lineOf: (offset: number) => number;
  /** Syntax errors, at most `MAX_YAML_ERRORS` (see `withHiddenCount`). */
  errors: { message: string; line: number }[];
  /** Syntax errors beyond those. */
  hidden: number;
}

/**
 * Parses YAML that starts at `yamlStartLine` of its file, reporting each syntax error at the line
 * a reader should look at. Keys are not checked for
 * uniqueness; callers check the keys they read.
 */
export function parseYamlDocument(yamlText: string, yamlStartLine: number): YamlDocument {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(yamlText, {
    lineCounter,
    prettyErrors: false,
    // The library's own check compares every key with every other (seconds on a large file);
    // callers check the keys they read, in one pass.
    uniqueKeys: false,
  });
  const toFileLine = (offset: number): number => lineCounter.linePos(offset).line + yamlStartLine - 1;
  // An unclosed quote or flow collection (`"abc`, `[a, b`) swallows the following lines, so the
  // parser notices it where the swallowed text ends; point at the line where it was opened.
  const openers: [number, number, number][] = [];
  visit(doc, {
    Node: (_key, node) => {
      const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
      const flow = !isScalar(node) && 'flow' in node && node.flow === true;
      if ((quoted || flow) && node.range) openers.push(node.range);
    },
  });
  const errorLine = (code: string, offset: number): number => {
    if (code === 'MISSING_CHAR' || code === 'BAD_INDENT') {
      let start: number | undefined;
      for (const [from, valueEnd, end] of openers) {
        if (from < offset && valueEnd <= offset && offset <= end && (start === undefined || from > start)) {
          start = from;
        }
      }
      if (start !== undefined) return toFileLine(start);
    }
    return toFileLine(offset);
  };
  const errors = doc.errors.slice(0, MAX_YAML_ERRORS).map((e) => ({
    message: e.message.split('\n')[0] ?? e.message,
    line: errorLine(e.code, e.pos[0]),
  }));
  return { doc, lineOf: toFileLine, errors, hidden: Math.max(0, doc.errors.length - MAX_YAML_ERRORS) };
}

/** `errors` with a last line counting the `hidden` ones, if any. */
export function withHiddenCount(
  errors: { message: string; line: number }[],
  hidden: number,
  yamlStartLine: number,
): { message: string; line: number }[] {
  if (hidden === 0) return errors;
  return [
    ...errors,
    { message: `${hidden} more errors not shown`, line: errors[errors.length - 1]?.line ?? yamlStartLine },
  ];
}

/** Parses front matter YAML, keeping file line numbers for errors and top-level keys. */
export function parseFrontMatter(yamlText: string, yamlStartLine: number): ParsedYaml {
  const { doc, lineOf: toFileLine, errors: syntax, hidden } = parseYamlDocument(yamlText, yamlStartLine);
  const keyErrors: { message: string; line: number }[] = [];
  const keyLines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && pair.key.range) {
        const key = String(pair.key.value);
        const line = toFileLine(pair.key.range[0]);
        if (keyLines.has(key)) keyErrors.push({ message: `Map keys must be unique ("${key}" again)`, line });
        else keyLines.set(key, line);
      }
    }
  }
  const errors = withHiddenCount([...syntax, ...keyErrors], hidden, yamlStartLine);
  let data: unknown = undefined;
  if (errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 50 });
    } catch (error) {
      errors.push({ message: (error as Error).message, line: yamlStartLine });
    }
  }
  return { data, keyLines, errors };
}
