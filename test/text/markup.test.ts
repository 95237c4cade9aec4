import { describe, expect, test } from 'vitest';
import { capLabel, inlineToPlain, isSafeUrl, parseInline, parseMarkup } from '../../src/text/markup.js';

describe('the markup subset the core speaks', () => {
  test('paragraphs, numbered and bulleted lists, and headings', () => {
    expect(
      parseMarkup('Intro line\nsecond line\n\n1. One\n2. Two\n   more of two\n- a\n- b\n### Done'),
    ).toEqual([
      {
        type: 'paragraph',
        lines: [[{ type: 'text', text: 'Intro line' }], [{ type: 'text', text: 'second line' }]],
      },
      {
        type: 'list',
        ordered: true,
        start: 1,
        items: [[{ type: 'text', text: 'One' }], [{ type: 'text', text: 'Two more of two' }]],
      },
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [[{ type: 'text', text: 'a' }], [{ type: 'text', text: 'b' }]],
      },
      { type: 'heading', content: [{ type: 'text', text: 'Done' }] },
    ]);
  });

  test('a list keeps the number it starts at', () => {
    expect(parseMarkup('3. Third\n4. Fourth')[0]).toMatchObject({ ordered: true, start: 3 });
  });

  test('bold, italic, code and links', () => {
    expect(
      parseInline(
        'Click **Connect** then *wait*, type `vpn.example.com` or see [the guide](https://kb.example.com/x)',
      ),
    ).toEqual([
      { type: 'text', text: 'Click ' },
      { type: 'bold', children: [{ type: 'text', text: 'Connect' }] },
      { type: 'text', text: ' then ' },
      { type: 'italic', children: [{ type: 'text', text: 'wait' }] },
      { type: 'text', text: ', type ' },
      { type: 'code', text: 'vpn.example.com' },
      { type: 'text', text: ' or see ' },
      { type: 'link', url: 'https://kb.example.com/x', children: [{ type: 'text', text: 'the guide' }] },
    ]);
  });

  test('snake_case words, a lone star and arithmetic stay text', () => {
    expect(inlineToPlain(parseInline('set max_retry_count to 2 * 3'))).toBe('set max_retry_count to 2 * 3');
    expect(parseInline('file_name_here')).toEqual([{ type: 'text', text: 'file_name_here' }]);
  });

  test('only web, mail and same-site links become links', () => {
    expect(isSafeUrl('https://x.example')).toBe(true);
    expect(isSafeUrl('/kb/vpn-en')).toBe(true);
    expect(isSafeUrl('mailto:it@example.com')).toBe(true);
    expect(isSafeUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeUrl('//evil.example/x')).toBe(false);
    expect(isSafeUrl('data:text/html,<script>')).toBe(false);
    expect(parseInline('[click](javascript:alert(1))')).toEqual([
      { type: 'text', text: '[click](javascript:alert(1))' },
    ]);
  });

  test('hostile or huge input never throws and keeps its text', () => {
    const hostile = `${'*'.repeat(5000)}${'['.repeat(3000)}${'_a'.repeat(3000)}\n`.repeat(3);
    const blocks = parseMarkup(hostile);
    expect(blocks.length).toBeGreaterThan(0);
    expect(parseMarkup('<script>alert(1)</script>')).toEqual([
      { type: 'paragraph', lines: [[{ type: 'text', text: '<script>alert(1)</script>' }]] },
    ]);
  });

  test('links read as plain text with their address', () => {
    expect(inlineToPlain(parseInline('see [the guide](https://kb.example.com/x) or https://y.example'))).toBe(
      'see the guide (https://kb.example.com/x) or https://y.example',
    );
  });

  test('button labels are cut to a channel’s limit at a word', () => {
    expect(capLabel('Connect to the VPN (GlobalProtect)', 75)).toBe('Connect to the VPN (GlobalProtect)');
    expect(capLabel('Connect to the VPN (GlobalProtect) on Windows and macOS', 20)).toBe(
      'Connect to the VPN…',
    );
    expect(capLabel('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(capLabel('  many   spaces  ', 75)).toBe('many spaces');
  });
});
