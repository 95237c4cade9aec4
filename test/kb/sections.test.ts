import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/kb/parse-article.js';
import { splitSections } from '../../src/kb/sections.js';

const md = (...lines: string[]): string => lines.join('\n');

/** [id, heading, body] of every section, for compact comparisons. */
function split(body: string, id = 'art', title = 'Article title'): [string, string, string][] {
  return splitSections(id, title, body).map((s) => [s.id, s.heading, s.body]);
}

describe('splitSections', () => {
  it('splits at ## headings; lead text becomes section 0 under the title', () => {
    const sections = splitSections(
      'vpn-en',
      'Connect to the VPN',
      md('Intro line.', '', '## Connect', 'Step one.', 'Step two.', '', "## If that didn't help", 'Call IT.'),
    );
    expect(sections).toEqual([
      { id: 'vpn-en#0', articleId: 'vpn-en', index: 0, heading: 'Connect to the VPN', body: 'Intro line.' },
      { id: 'vpn-en#1', articleId: 'vpn-en', index: 1, heading: 'Connect', body: 'Step one.\nStep two.' },
      { id: 'vpn-en#2', articleId: 'vpn-en', index: 2, heading: "If that didn't help", body: 'Call IT.' },
    ]);
  });

  it('keeps ### and deeper headings inside their section', () => {
    expect(split(md('## Windows', '### Windows 11', 'Click Start.', '#### Detail', 'More.'))).toEqual([
      ['art#1', 'Windows', '### Windows 11\nClick Start.\n#### Detail\nMore.'],
    ]);
  });

  it('does not split at ## inside a ``` fenced code block', () => {
    const body = md(
      '## Script',
      '```bash',
      '## not a heading',
      'echo hi',
      '```',
      'After the code.',
      '## Next',
      'x',
    );
    expect(split(body)).toEqual([
      ['art#1', 'Script', '```bash\n## not a heading\necho hi\n```\nAfter the code.'],
      ['art#2', 'Next', 'x'],
    ]);
  });

  it('does not split inside a ~~~ fence, and ``` does not close a ~~~ fence', () => {
    const body = md('## A', '~~~', '```', '## still code', '~~~', '## B', 'b');
    expect(split(body).map(([id, heading]) => [id, heading])).toEqual([
      ['art#1', 'A'],
      ['art#2', 'B'],
    ]);
    expect(split(body)[0]![2]).toContain('## still code');
  });

  it('resumes splitting after an indented fence closes', () => {
    const body = md('## A', '   ```', '   ## code', '   ```', '## B', 'b');
    expect(split(body).map(([, heading]) => heading)).toEqual(['A', 'B']);
  });

  it('drops a leading "# Title" line that repeats the title, even after blank lines', () => {
    expect(split(md('', '# Connect to the VPN', '', 'Intro.', '## Steps', 's'))).toEqual([
      ['art#0', 'Article title', 'Intro.'],
      ['art#1', 'Steps', 's'],
    ]);
  });

  it('keeps a # line that is not the first text of the lead', () => {
    expect(split(md('Intro.', '# Later heading', 'more'))).toEqual([
      ['art#0', 'Article title', 'Intro.\n# Later heading\nmore'],
    ]);
  });

  it('drops a # line only in the lead, not in later sections', () => {
    expect(split(md('## Steps', '# Big heading', 'text'))).toEqual([
      ['art#1', 'Steps', '# Big heading\ntext'],
    ]);
  });

  it('drops empty sections but keeps the positional index in the ids', () => {
    const body = md('# Title only', '', '## Empty', '', '   ', '## Also empty', '## Filled', 'content');
    expect(split(body)).toEqual([['art#3', 'Filled', 'content']]);
  });

  it('returns no sections for an empty body', () => {
    expect(splitSections('a', 'T', '')).toEqual([]);
    expect(splitSections('a', 'T', '\n\n  \n')).toEqual([]);
  });

  it('returns one section 0 when there is no ## heading', () => {
    expect(split('Just some text.\nSecond line.')).toEqual([
      ['art#0', 'Article title', 'Just some text.\nSecond line.'],
    ]);
  });

  it('reads heading text without closing #s, up to 3 spaces of indent, and keeps C#', () => {
    const body = md(
      '## Closed heading ##',
      'a',
      '   ## Indented',
      'b',
      '## Install C#',
      'c',
      '## Use F# ###',
      'd',
    );
    expect(split(body).map(([, heading]) => heading)).toEqual([
      'Closed heading',
      'Indented',
      'Install C#',
      'Use F#',
    ]);
  });

  it('reads a heading with a long run of spaces in linear time (an article is anyone to edit)', () => {
    // A backtracking heading pattern took half a minute on this line.
    const body = md(`## Wide${' '.repeat(200_000)}heading ##`, 'text');
    expect(split(body).map(([, heading]) => heading.replace(/ +/g, ' '))).toEqual(['Wide heading']);
  });

  it('does not treat ##word, 4-space-indented ## or ### as a section heading', () => {
    const body = md('Lead.', '##NoSpace', '    ## indented code', '### Sub');
    expect(split(body)).toEqual([['art#0', 'Article title', body]]);
  });

  it('splits Cyrillic articles the same way', () => {
    expect(split(md('Вступление.', '## Если не помогло', 'Позвоните в ИТ.'), 'vpn-ru', 'VPN')).toEqual([
      ['vpn-ru#0', 'VPN', 'Вступление.'],
      ['vpn-ru#1', 'Если не помогло', 'Позвоните в ИТ.'],
    ]);
  });
});

describe('sections of a parsed article', () => {
  it('are built from the body after the front matter with the article id and title', () => {
    const text = md(
      '---',
      'id: printer-en',
      'title: Add a printer',
      'lang: en',
      '---',
      '# Add a printer',
      'Printers are added from Settings.',
      '## Windows',
      '```',
      '## Get-Printer',
      '```',
      "## If that didn't help",
      'Call IT.',
    );
    const result = parseArticle('printer-en.md', new TextEncoder().encode(text));
    expect(result.article?.sections.map((s) => [s.id, s.heading])).toEqual([
      ['printer-en#0', 'Add a printer'],
      ['printer-en#1', 'Windows'],
      ['printer-en#2', "If that didn't help"],
    ]);
    expect(result.article?.sections[0]?.body).toBe('Printers are added from Settings.');
    expect(result.article?.sections[1]?.body).toBe('```\n## Get-Printer\n```');
  });
});
