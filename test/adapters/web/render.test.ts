import { describe, expect, test } from 'vitest';
import { escapeHtml, markupToHtml, plainToHtml } from '../../../adapters/web/html.js';
import { echoEvent, replyToEvent } from '../../../adapters/web/render.js';
import { articlePage } from '../../../adapters/web/kb-page.js';
import type { Article } from '../../../src/index.js';

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)",
];

describe('HTML of chat events', () => {
  test('text is escaped in every reply type', () => {
    for (const bad of HOSTILE) {
      const events = [
        replyToEvent({ type: 'text', text: bad }),
        replyToEvent({ type: 'notice', code: 'queued', level: 'info', text: bad }),
        replyToEvent({ type: 'agent-message', agentName: bad, text: bad }),
        replyToEvent({ type: 'choices', prompt: bad, choices: [{ id: 'x', label: bad }] }),
        replyToEvent({
          type: 'article',
          articleId: 'a',
          title: bad,
          sectionHeading: bad,
          steps: bad,
          url: '/kb/a',
        }),
        echoEvent(bad),
      ];
      for (const e of events) {
        expect(e.html, bad).not.toMatch(/<(script|img|svg)/i);
        expect(e.html, bad).not.toMatch(/<[^>]*\son\w+\s*=/i);
      }
      // Labels and names stay plain text: the page sets them with textContent.
      expect(events[3]?.choices?.[0]?.label).toBe(bad.replace(/\s+/g, ' ').trim());
      expect(events[2]?.author).toBe(bad.trim());
    }
  });

  test('markup becomes HTML; only safe links are links', () => {
    expect(markupToHtml('1. Open **Settings**\n2. Click `Connect`')).toBe(
      '<ol><li>Open <strong>Settings</strong></li><li>Click <code>Connect</code></li></ol>',
    );
    expect(markupToHtml("[portal](https://it.example.com/a?b=1&c='2')")).toBe(
      '<p><a href="https://it.example.com/a?b=1&amp;c=&#39;2&#39;" target="_blank" rel="noopener noreferrer">portal</a></p>',
    );
    expect(markupToHtml('[x](https://a.example/"onmouseover=alert(1))')).not.toContain('href');
    expect(markupToHtml('[x](javascript:alert(1))')).not.toContain('href');
    expect(markupToHtml('[x](data:text/html,<script>)')).not.toMatch(/href|<script/);
    expect(markupToHtml('*a* _b_\nnext')).toBe('<p><em>a</em> <em>b</em><br>next</p>');
    expect(markupToHtml('3. third\n4. fourth')).toBe('<ol start="3"><li>third</li><li>fourth</li></ol>');
  });

  test('an article becomes a card with a safe link only', () => {
    const card = replyToEvent({
      type: 'article',
      articleId: 'vpn',
      title: 'VPN',
      sectionHeading: 'Steps',
      steps: '1. one',
      url: '/kb/vpn',
    });
    expect(card).toMatchObject({ kind: 'article', from: 'bot', articleUrl: '/kb/vpn' });
    expect(card.html).toContain('<h3 class="article-title">VPN</h3>');
    expect(card.html).toContain('<p class="article-section">Steps</p>');
    const bad = replyToEvent({
      type: 'article',
      articleId: 'x',
      title: 'x',
      sectionHeading: 'x',
      steps: '',
      url: 'javascript:alert(1)',
    });
    expect(bad.articleUrl).toBeUndefined();
  });

  test('the employee’s own text is not read as markup', () => {
    expect(plainToHtml('**not bold**\n<b>x</b>')).toBe('**not bold**<br>&lt;b&gt;x&lt;/b&gt;');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  test('article pages escape titles and bodies', () => {
    const article = {
      id: 'x',
      title: '<script>t</script>',
      lang: 'en',
      body: '',
      sections: [
        { id: 'x#0', articleId: 'x', index: 0, heading: 'x', body: 'Intro <img src=x onerror=1>' },
        { id: 'x#1', articleId: 'x', index: 1, heading: '<b>Steps</b>', body: '1. [go](javascript:x)' },
      ],
    } as unknown as Article;
    const html = articlePage(article, { en: { backToChat: 'Back' }, ru: {} });
    expect(html).not.toMatch(/<script>t|<img|<b>Steps|href="javascript/);
    expect(html).toContain('<h1>&lt;script&gt;t&lt;/script&gt;</h1>');
    expect(html).toContain('<h2>&lt;b&gt;Steps&lt;/b&gt;</h2>');
  });
});
