import type { Article, Section } from '../kb/types.js';
import { analyzeDocument } from '../text/analyze.js';
import { memoized } from '../text/memo.js';
import { normalizeText } from '../text/normalize.js';
import data from './data/sections.json' with { type: 'json' };

/**
 * Which section of an article to quote for what the employee said. Retrieval finds the article;
 * the section must fit the situation ("I clicked the link" wants "If you clicked a link", not
 * "How to recognise phishing"), never be the article's "If that didn't help" hand-over, start a
 * numbered procedure at step 1, and not be about a platform the employee did not name. The
 * word lists are data (`data/sections.json`), so they are reviewed and extended without code.
 */

function alternatives(words: readonly string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

const FALLBACK = data.fallbackHeadings.map((p) => new RegExp(p, 'iu'));
const FAILURE = alternatives(data.failureCues);
const TROUBLE_HEADING = alternatives(data.troubleshootingHeadings);
const PLATFORMS: [string, RegExp][] = Object.entries(data.platforms).map(([name, words]) => [
  name,
  alternatives(words),
]);
const NUMBERED = /^\s*(\d+)[.)]\s/;
const LITTLE = new Set(data.littleWords.flatMap((w) => analyzeDocument(w)));

/** True for the stem of a word that names nothing ("how", "from", "как"; `littleWords`). */
export function isLittleWord(stemmed: string): boolean {
  return LITTLE.has(stemmed);
}

/** The stems of a message that may tell sections apart (little words left out). */
function messageStems(message: string): Set<string> {
  return new Set(analyzeDocument(message).filter((w) => !LITTLE.has(w)));
}

/**
 * Stems of a title, heading or section body, analysed once rather than for every answer (a
 * section body runs through the whole thesaurus); bounded, so a large knowledge base keeps only
 * the sections recently answered from.
 */
const textStems: (text: string) => ReadonlySet<string> = memoized(
  (text) => new Set(analyzeDocument(text)),
  1024,
);

function sectionStems(section: Section): { heading: ReadonlySet<string>; body: ReadonlySet<string> } {
  return { heading: textStems(section.heading), body: textStems(section.body) };
}

/** What a troubleshooting heading adds when the message reports a failure (about one heading word). */
const FAILURE_BONUS = 1;
/** Weight of a word that is also in the article's title: it names the topic, not the situation. */
const TITLE_WORD_WEIGHT = 0.5;

/** True for the "If that didn't help" section: what to do when the article failed, never an answer. */
export function isFallbackSection(section: Section): boolean {
  const heading = normalizeText(section.heading).trim();
  return FALLBACK.some((p) => p.test(heading));
}

/** The platforms a text names ("macOS", "iPhone", "винда"). */
export function platformsOf(text: string): Set<string> {
  const normalized = normalizeText(text);
  return new Set(PLATFORMS.filter(([, p]) => p.test(normalized)).map(([name]) => name));
}

/**
 * True when the section may be quoted for the message: a section about a platform fits when the
 * message names it, or names no platform and it is the usual one (`defaultPlatform`).
 */
function platformFits(section: Section, named: ReadonlySet<string>): boolean {
  const about = platformsOf(section.heading);
  if (about.size === 0) return true;
  if (named.size === 0) return about.has(data.defaultPlatform);
  return [...about].some((p) => named.has(p));
}

/** The step number of a section of a numbered procedure ("2. Find what uses the resources"). */
export function stepNumber(section: Section): number | undefined {
  const m = NUMBERED.exec(section.heading);
  return m ? Number(m[1]) : undefined;
}

/** The sections that may be an answer: not the intro, not the hand-over, with some text. */
export function answerSections(article: Article): Section[] {
  return article.sections.filter((s) => s.index > 0 && !isFallbackSection(s) && s.body.trim() !== '');
}

/** One section with how well it fits the message (0: shares nothing with it). */
export interface ScoredSection {
  section: Section;
  score: number;
}

/**
 * The answer sections that fit the message, best first: a message word scores by how few of the
 * article's sections use it (a word every section has tells them apart no better than none),
 * twice in the heading, half (and never doubled) when it is in the title; a message reporting a failure ("won't",
 * "error 809") adds to troubleshooting sections ("Common errors"). Sections about a platform
 * the message does not name are left out.
 */
export function rankSections(article: Article, message: string): ScoredSection[] {
  const named = platformsOf(message);
  const sections = answerSections(article).filter((s) => platformFits(s, named));
  const words = messageStems(message);
  const title = textStems(article.title);
  const terms = sections.map(sectionStems);
  const failure = FAILURE.test(normalizeText(message));
  const scored = sections.map((section, i) => {
    const own = terms[i];
    let score = 0;
    for (const word of words) {
      const df = terms.filter((t) => t.heading.has(word) || t.body.has(word)).length;
      if (df === 0 || !own) continue;
      // A title word names the topic: a heading repeating it says nothing about the situation.
      const topic = title.has(word);
      const weight = Math.log(1 + sections.length / df) * (topic ? TITLE_WORD_WEIGHT : 1);
      if (own.heading.has(word) && !topic) score += 2 * weight;
      else if (own.heading.has(word) || own.body.has(word)) score += weight;
    }
    if (failure && TROUBLE_HEADING.test(normalizeText(section.heading))) score += FAILURE_BONUS;
    return { section, score };
  });
  return scored.sort((a, b) => b.score - a.score || a.section.index - b.section.index);
}

function hasSteps(section: Section): boolean {
  return /^\s*(\d+[.)]|[-*])\s/m.test(section.body);
}

/**
 * The section to quote first. The best-fitting section when one fits; else retrieval's pick when
 * it may be an answer; else the first section with steps. A later step of a numbered procedure
 * is replaced by step 1 unless the message named that step ("reduce startup apps").
 */
export function chooseSection(article: Article, message: string, retrieved?: string): Section | undefined {
  const ranked = rankSections(article, message);
  const allowed = new Set(ranked.map((r) => r.section.id));
  const best = ranked[0];
  let chosen: Section | undefined;
  if (best && best.score > 0 && best.score > (ranked[1]?.score ?? 0)) chosen = best.section;
  chosen ??= ranked.find((r) => r.section.id === retrieved)?.section;
  chosen ??= ranked.find((r) => hasSteps(r.section))?.section ?? ranked[0]?.section;
  if (!chosen) return article.sections.find((s) => !isFallbackSection(s)) ?? article.sections[0];
  const step = stepNumber(chosen);
  if (step !== undefined && step > 1) {
    const words = messageStems(message);
    const title = textStems(article.title);
    const namesStep = [...sectionStems(chosen).heading].some((w) => words.has(w) && !title.has(w));
    const first = article.sections.find((s) => stepNumber(s) === 1 && allowed.has(s.id));
    if (!namesStep && first) chosen = first;
  }
  return chosen;
}

/**
 * After "No": the next section of the same article worth showing, or undefined. The next step of
 * a numbered procedure comes first (the employee did step 1, step 2 follows); then sections that
 * share words with the message or suit a reported failure.
 */
export function nextSection(
  article: Article,
  message: string,
  shown: readonly string[],
): Section | undefined {
  const ranked = rankSections(article, message).filter((r) => !shown.includes(r.section.id));
  const lastShown = article.sections.find((s) => s.id === shown[shown.length - 1]);
  const step = lastShown ? stepNumber(lastShown) : undefined;
  if (step !== undefined) {
    const following = ranked.find((r) => stepNumber(r.section) === step + 1);
    if (following) return following.section;
  }
  return ranked.find((r) => r.score > 0)?.section;
}
