import type { Article, Section } from '../kb/types.js';
import type { Reply } from './types.js';

/** Slack and Teams cut long blocks; the link carries the rest of the article. */
export const MAX_STEPS_CHARS = 2500;

/**
 * Link to the full article: `KB_BASE_URL/<id>` when configured, otherwise `/kb/<id>`, which the
 * local web chat serves. Ids are `[a-z0-9-]+`, so they need no escaping.
 */
export function articleUrl(article: Article, baseUrl: string | undefined): string {
  return baseUrl ? `${baseUrl.replace(/\/+$/, '')}/${article.id}` : `/kb/${article.id}`;
}

const LIST_ITEM = /^\s*(\d+[.)]|[-*])\s/m;

/**
 * The section to quote: the candidate's when it holds steps (a list) or is a section of its own
 * (one the message matched, "The printer shows an error", beats another one's steps); when
 * retrieval picked the intro without steps, the article's first section with steps, since the
 * user needs something to do; else whatever exists.
 */
function pickSection(article: Article, sectionId: string | undefined): Section | undefined {
  const chosen = article.sections.find((s) => s.id === sectionId);
  if (chosen && (LIST_ITEM.test(chosen.body) || chosen.index > 0)) return chosen;
  return article.sections.find((s) => LIST_ITEM.test(s.body)) ?? chosen ?? article.sections[0];
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const lineEnd = cut.lastIndexOf('\n');
  return `${(lineEnd > max / 2 ? cut.slice(0, lineEnd) : cut).trimEnd()}\n…`;
}

/** An article answer: title, the relevant steps and the link to the whole article. */
export function renderArticle(
  article: Article,
  sectionId: string | undefined,
  baseUrl: string | undefined,
): Reply {
  const section = pickSection(article, sectionId);
  return {
    type: 'article',
    articleId: article.id,
    title: article.title,
    sectionHeading: section?.heading ?? article.title,
    steps: clip(section?.body ?? article.body, MAX_STEPS_CHARS),
    url: articleUrl(article, baseUrl),
  };
}

/** The whole article shown on request: longer than one section, the link still carries the rest. */
export const MAX_ARTICLE_CHARS = 2 * MAX_STEPS_CHARS;

/** One given section of an article as an answer (the conversation chose it; see `sections.ts`). */
export function renderSection(article: Article, section: Section, baseUrl: string | undefined): Reply {
  return {
    type: 'article',
    articleId: article.id,
    title: article.title,
    sectionHeading: section.heading,
    steps: clip(section.body, MAX_STEPS_CHARS),
    url: articleUrl(article, baseUrl),
  };
}

/**
 * The whole article, every section under its heading in bold: for an employee who wants to read
 * it all in the chat rather than follow the link. The heading field is the article's title.
 */
export function renderWholeArticle(article: Article, baseUrl: string | undefined): Reply {
  const parts = article.sections
    .filter((s) => s.body.trim() !== '')
    .map((s) => (s.index === 0 ? s.body.trim() : `**${s.heading}**\n${s.body.trim()}`));
  return {
    type: 'article',
    articleId: article.id,
    title: article.title,
    sectionHeading: article.title,
    steps: clip(parts.join('\n\n'), MAX_ARTICLE_CHARS),
    url: articleUrl(article, baseUrl),
  };
}

/** One transcript line for what the bot said, so agents read the conversation as the user saw it. */
export function replyToTranscript(reply: Reply): string {
  switch (reply.type) {
    case 'text':
      return reply.text;
    case 'article':
      return `[article ${reply.articleId}] ${reply.title} — ${reply.sectionHeading} (${reply.url})`;
    case 'choices':
      return `${reply.prompt} [${reply.choices.map((c) => c.label).join(' | ')}]`;
    case 'notice':
      return reply.text;
    case 'agent-message':
      return reply.text;
  }
}
