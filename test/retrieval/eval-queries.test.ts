import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQueries, unknownExpectations } from '../../src/retrieval/eval-queries.js';
import { useTempDir } from '../support/temp-dir.js';

let dir: string;
useTempDir('eval-queries', (d) => (dir = d));

async function queriesFile(text: string): Promise<string> {
  const file = path.join(dir, `q${Math.random().toString(36).slice(2)}.jsonl`);
  await writeFile(file, text);
  return file;
}

const VPN = '{"query":"vpn","lang":"en","expected":["vpn-connect-en"]}';

describe('readQueries', () => {
  it('reads JSONL with a byte-order mark, CRLF line ends and blank lines', async () => {
    const file = await queriesFile(`\uFEFF${VPN}\r\n\r\n{"query":"пицца","lang":"ru","expected":[]}\r\n`);
    expect(await readQueries(file)).toEqual([
      { query: 'vpn', lang: 'en', expected: ['vpn-connect-en'] },
      { query: 'пицца', lang: 'ru', expected: [] },
    ]);
  });

  it.each(['null', '42', '"text"', '[]', '{"query":"x","lang":"de","expected":[]}'])(
    'names the line of an entry that is not a query object: %s',
    async (bad) => {
      const file = await queriesFile(`${VPN}\n${bad}\n`);
      await expect(readQueries(file)).rejects.toThrow(/:2: expected \{"query": string/);
    },
  );

  it('names the line of invalid JSON', async () => {
    await expect(readQueries(await queriesFile(`${VPN}\n{oops\n`))).rejects.toThrow(/:2: not valid JSON/);
  });
});

describe('unknownExpectations', () => {
  it('counts the queries expecting each article the knowledge base lacks', () => {
    const queries = [
      { query: 'a', lang: 'en' as const, expected: ['known', 'typo-id'] },
      { query: 'b', lang: 'en' as const, expected: ['typo-id'] },
      { query: 'c', lang: 'en' as const, expected: [] },
    ];
    expect([...unknownExpectations(queries, new Set(['known']))]).toEqual([['typo-id', 2]]);
  });
});
