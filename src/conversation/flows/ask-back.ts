import type { Article } from '../../kb/types.js';
import { ActionIds } from '../actions.js';
import data from '../data/areas.json' with { type: 'json' };
import type { Turn } from '../turn.js';
import { talkToPerson } from './article-view.js';
import type { Choice } from '../types.js';
import { clarify } from './answer.js';

/**
 * Asking back: a message that says something is wrong without saying what ("it doesn't work",
 * "всё сломалось") gets "What is it about?" with a few areas of IT and a person. The areas and
 * their labels are data (`data/areas.json`); an area is offered only when the knowledge base has
 * articles in the employee's language tagged with it, so a knowledge base without printers never
 * offers "Printing".
 */

interface Area {
  id: string;
  tags: string[];
  label: { en: string; ru: string };
}

const AREAS: Area[] = data.areas;

/** The articles of an area in one language, those tagged with its first tags first. */
export function areaArticles(articles: readonly Article[], area: Area, lang: string): Article[] {
  const rank = (a: Article) => {
    const i = area.tags.findIndex((t) => a.tags.includes(t));
    return i < 0 ? Infinity : i;
  };
  return articles
    .filter((a) => a.lang === lang && rank(a) < Infinity)
    .sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}

function areasFor(turn: Turn): Area[] {
  const articles = turn.ctx.articles.listArticles?.() ?? [];
  return AREAS.filter((area) => areaArticles(articles, area, turn.lang).length > 0).slice(0, data.maxAreas);
}

/** "What is it about?" with the areas and "Talk to a person". */
export function askBack(turn: Turn): void {
  const choices: Choice[] = areasFor(turn).map((a) => ({
    id: ActionIds.area(a.id),
    label: a.label[turn.lang],
  }));
  choices.push(talkToPerson(turn));
  const context = { ...turn.conversation.context };
  delete context.options;
  turn.conversation = { ...turn.conversation, state: 'bot', context };
  turn.choices(turn.t.askBack, choices, 'ask-back');
}

/** An area picked: its articles as options ("Which one is closest?"), with a person. */
export function pickArea(turn: Turn, areaId: string): void {
  const area = AREAS.find((a) => a.id === areaId);
  const articles = area ? areaArticles(turn.ctx.articles.listArticles?.() ?? [], area, turn.lang) : [];
  if (!area || articles.length === 0) {
    askBack(turn);
    return;
  }
  turn.text(turn.t.areaPrompt(area.label[turn.lang]));
  const candidates = articles.slice(0, 3).map((a) => ({
    articleId: a.id,
    title: a.title,
    lang: a.lang,
    score: 0,
    keywordScore: 0,
    denseScore: undefined,
    sectionId: `${a.id}#0`,
  }));
  clarify(turn, candidates, true);
}
