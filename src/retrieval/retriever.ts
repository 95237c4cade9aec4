import type { Config, Lang } from '../config.js';
import type { Article, Section } from '../kb/types.js';
import { analyzeQuery, contentWords } from '../text/analyze.js';
import { detectLang } from '../text/lang.js';
import { Vocabulary } from '../text/spell.js';
import type { Db } from '../storage/db.js';
import { openDatabase } from '../storage/db.js';
import { decide, type Thresholds } from './decide.js';
import { KeywordIndex } from './keyword-index.js';
import { bestSection, scoreHits, type KeywordEvidence } from './scoring.js';
import type { Candidate, RetrievalDecision, Retriever, SearchOptions } from './types.js';

/** Longest message text analysed; the rest of a pasted log adds noise, not meaning. */
export const MAX_QUERY_CHARS = 2000;
const MAX_CANDIDATES = 5;

export interface RetrieverSettings {
  thresholds: Thresholds;
  defaultLang: Lang;
  /** Database for the keyword index; a private in-memory one when omitted. */
  db?: Db;
}

/** A ranked candidate with the evidence behind it (for `ask`, `eval` and tuning). */
export interface RankedCandidate extends Candidate {
  evidence: KeywordEvidence;
}

/**
 * The knowledge index the bot searches: keyword (FTS5 BM25 + coverage) ranking at article level,
 * the answer/clarify/decline decision, and incremental re-indexing of changed articles.
 * Build it with `createRetriever(articles, settings)`.
 */
export class KnowledgeRetriever implements Retriever {
  private readonly articles = new Map<string, Article>();
  private readonly sections = new Map<string, Section>();
  private readonly keyword: KeywordIndex;
  private vocabulary: Vocabulary | undefined;
  private readonly thresholds: Thresholds;
  private readonly defaultLang: Lang;

  constructor(settings: RetrieverSettings) {
    this.keyword = new KeywordIndex(settings.db ?? openDatabase(':memory:'));
    this.thresholds = settings.thresholds;
    this.defaultLang = settings.defaultLang;
  }

  /** Indexes (or re-indexes) an article; unchanged articles (same file hash) cost nothing. */
  upsert(article: Article): boolean {
    const current = this.articles.get(article.id);
    if (current && current.hash === article.hash) return false;
    this.keyword.upsert(article);
    if (current) for (const s of current.sections) this.sections.delete(s.id);
    this.articles.set(article.id, article);
    for (const s of article.sections) this.sections.set(s.id, s);
    this.vocabulary = undefined;
    return true;
  }

  remove(articleId: string): boolean {
    const current = this.articles.get(articleId);
    if (!current) return false;
    this.keyword.remove(articleId);
    this.articles.delete(articleId);
    for (const s of current.sections) this.sections.delete(s.id);
    this.vocabulary = undefined;
    return true;
  }

  getArticle(id: string): Article | undefined {
    return this.articles.get(id);
  }

  getSection(id: string): Section | undefined {
    return this.sections.get(id);
  }

  listArticles(): Article[] {
    return [...this.articles.values()];
  }

  /** Language to answer in: the message's own when it has words, else the caller's, else default. */
  resolveLang(text: string, hint?: Lang): Lang {
    return detectLang(text) ?? hint ?? this.defaultLang;
  }

  /** All plausible articles, best first, with their evidence. */
  rank(text: string, options: SearchOptions = {}): { lang: Lang; candidates: RankedCandidate[] } {
    const clipped = text.slice(0, MAX_QUERY_CHARS);
    const lang = this.resolveLang(clipped, options.lang);
    const terms = analyzeQuery(clipped, this.getVocabulary());
    const searchLang = this.hasLang(lang) ? lang : undefined;
    const exclude = new Set(options.exclude ?? []);
    const hits = this.keyword.search(terms, searchLang).filter((h) => !exclude.has(h.articleId));
    const idf = (t: string) => this.keyword.idf(t);
    const evidence = scoreHits(hits, terms, (id) => this.keyword.termsOf(id), idf);
    const candidates: RankedCandidate[] = [];
    for (const e of evidence) {
      const article = this.articles.get(e.articleId);
      const terms2 = this.keyword.termsOf(e.articleId);
      if (!article || !terms2) continue;
      candidates.push({
        articleId: article.id,
        title: article.title,
        lang: article.lang,
        score: round(e.confidence),
        keywordScore: round(e.relevance),
        denseScore: undefined,
        sectionId: bestSection(terms2, terms, idf),
        evidence: e,
      });
    }
    return { lang, candidates };
  }

  async search(text: string, options: SearchOptions = {}): Promise<RetrievalDecision> {
    const { lang, candidates } = this.rank(text, options);
    const top = candidates.slice(0, MAX_CANDIDATES).map(({ evidence: _e, ...c }) => c);
    const decision = decide(top, this.thresholds);
    return { kind: decision.kind, lang, confidence: top[0]?.score ?? 0, candidates: top };
  }

  private hasLang(lang: Lang): boolean {
    for (const a of this.articles.values()) if (a.lang === lang) return true;
    return false;
  }

  /** Surface words of every article, rebuilt lazily after the articles change. */
  private getVocabulary(): Vocabulary {
    if (!this.vocabulary) {
      const v = new Vocabulary();
      for (const a of this.articles.values()) {
        const text = [a.title, a.tags.join(' '), ...a.questions, a.body].join('\n');
        for (const w of contentWords(text)) v.add(w);
      }
      this.vocabulary = v;
    }
    return this.vocabulary;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Builds a retriever over already-loaded articles. */
export function createRetriever(
  articles: readonly Article[],
  settings: RetrieverSettings,
): KnowledgeRetriever {
  const retriever = new KnowledgeRetriever(settings);
  for (const article of articles) retriever.upsert(article);
  return retriever;
}

export type { Config };
