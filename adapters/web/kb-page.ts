import type { Article } from '../../src/index.js';
import type { UiStrings } from './assets.js';
import { escapeHtml, markupToHtml } from './html.js';

function page(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/chat.css">
</head>
<body class="kb-body">
<main class="kb-page">
${body}
</main>
</body>
</html>
`;
}

/**
 * A knowledge-base article as a page of this server (`/kb/<id>`), where answers link when
 * KB_BASE_URL is unset: every section, rendered from the same markup parse as the chat, escaped.
 */
export function articlePage(article: Article, strings: UiStrings): string {
  const t = strings[article.lang] ?? strings.en;
  const sections = article.sections
    .map((s) => {
      const heading = s.index === 0 ? '' : `<h2>${escapeHtml(s.heading)}</h2>`;
      return `<section>${heading}${markupToHtml(s.body)}</section>`;
    })
    .join('\n');
  return page(
    article.lang,
    article.title,
    `<p class="kb-back"><a href="/">${escapeHtml(t.backToChat ?? 'Back to the chat')}</a></p>
<article>
<h1>${escapeHtml(article.title)}</h1>
${sections}
</article>`,
  );
}

/** The page for an article id that does not exist. */
export function notFoundPage(strings: UiStrings): string {
  const t = strings.en;
  return page(
    'en',
    t.articleNotFound ?? 'Article not found',
    `<h1>${escapeHtml(t.articleNotFound ?? 'Article not found')}</h1>
<p>${escapeHtml(strings.ru.articleNotFound ?? '')}</p>
<p class="kb-back"><a href="/">${escapeHtml(t.backToChat ?? 'Back to the chat')}</a></p>`,
  );
}
