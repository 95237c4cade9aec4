import type { Config, Lang } from '../config.js';
import type { Article, Section } from '../kb/types.js';
import {
  contentWords,
  functionWords,
  messageWords,
  formStem,
  stem,
  thesaurusWords,
  tokenize,
} from '../text/analyze.js';
import { normalizeText } from '../text/normalize.js';
import { messageScope, statesProblem } from '../text/message-scope.js';
import { problemParts } from '../text/problem-parts.js';
import { STOPWORDS } from '../text/stopwords.js';
import { detectLang, isCyrillic } from '../text/lang.js';
import { cyrillicReadings, hasRussianStopWordInLatin } from '../text/translit.js';
import { Vocabulary } from '../text/spell.js';
import { candidateScore, decideOnRanking, type Thresholds } from './decide.js';
import { confidenceFeatures, confidenceModels, roundScore, type ConfidenceFeatures } from './confidence.js';
import { DenseIndex } from './dense-index.js';
import { DEFAULT_DENSE_FUSION, fuseIntent, fuseRelevance, type DenseFusion } from './fusion.js';
import {
  IntentModel,
  MAX_INTENT_WORK,
  TYPICAL_FEATURES_PER_SENTENCE,
  intentFeatures,
  intentTrainingKey,
  type IntentExample,
  type IntentModelCache,
} from './intent-model.js';
import type { Calibration } from './calibration/self-calibrate.js';
import { KeywordIndex } from './keyword-index.js';
import { combineProblems, type PartDecision } from './problems.js';
import { bestSection, scoreHits, type KeywordEvidence } from './scoring.js';
import type { Candidate, Embedder, RetrievalDecision, Retriever, SearchOptions } from './types.js';

/** Longest message text analysed; the rest of a pasted log adds noise, not meaning. */
export const MAX_QUERY_CHARS = 2000;
/** Candidates a decision weighs (and a "Did you mean...?" may draw on). */
export const MAX_CANDIDATES = 5;

export interface RetrieverSettings {
  thresholds: Thresholds;
  defaultLang: Lang;
  /** Dense embeddings; keyword-only retrieval when omitted. */
  embedder?: Embedder;
  /** Train the intent classifier (default true; skipped anyway beyond `MAX_INTENT_WORK`). */
  intentClassifier?: boolean;
  /** How the cosine joins the keyword evidence (default `DEFAULT_DENSE_FUSION`). */
  denseFusion?: DenseFusion;
  /** Trained classifiers kept across restarts (the bot's database); trained each time without. */
  intentCache?: IntentModelCache;
}

/** The settings the configuration gives a retriever (caches and the embedder are the caller's). */
export function retrieverSettings(config: Config): RetrieverSettings {
  return {
    thresholds: config.retrieval,
    defaultLang: config.kb.defaultLang,
    intentClassifier: config.intentClassifier,
    denseFusion: config.embeddings.fusion,
  };
}

/** A ranked candidate with the evidence behind it (for `ask`, `eval` and tuning). */
export interface RankedCandidate extends Candidate {
  evidence: KeywordEvidence | undefined;
  /** Fused relevance: the order of the ranking (confidence, `score`, drives the decision). */
  relevance: number;
  /** Inputs of the keyword confidence (for calibration). */
  features: ConfidenceFeatures;
  /** The article's best cosine, unrounded (undefined without a model). */
  cosine: number | undefined;
}

/** Words the articles use: all of them, and per language. */
interface Lexicon {
  vocabulary: Vocabulary;
  byLang: Record<Lang, Set<string>>;
}

/**
 * Most of an answer's evidence may come from typo-repaired words: beyond this share it is only
 * offered ("Did you mean...?"). A repair is a guess, and a real word the articles do not use gets
 * "repaired" too ("авокадо" -> "автокад", "protector" -> "projector").
 */
const MAX_REPAIRED_SHARE = 0.5;

/** Share of the evidence (IDF mass of the message terms the article has) from typo repairs. */
function repairedShare(
  articleTerms: ReadonlySet<string>,
  terms: readonly string[],
  sureTerms: ReadonlySet<string>,
  idf: (t: string) => number,
): number {
  let guessed = 0;
  let total = 0;
  for (const t of new Set(terms)) {
    if (!articleTerms.has(t)) continue;
    total += idf(t);
    if (!sureTerms.has(t)) guessed += idf(t);
  }
  return total === 0 ? 0 : guessed / total;
}

/**
 * The message names something (a facilities thing, a personal device) that the article never
 * mentions: the article may be offered for the rest of the message, but not given as the answer.
 */
function neverNamed(messageTerms: readonly string[], articleTerms: ReadonlySet<string>): boolean {
  return messageTerms.length > 0 && !messageTerms.some((t) => articleTerms.has(t));
}

/** How many dense-only articles (no shared words with the message) may join the candidates. */
const DENSE_CANDIDATES = 10;

/**
 * The knowledge index the bot searches: keyword (BM25 as FTS5 scores it + coverage) ranking at article level,
 * the answer/clarify/decline decision, and incremental re-indexing of changed articles.
 * Build it with `createRetriever(articles, settings)`.
 */
export class KnowledgeRetriever implements Retriever {
  private readonly articles = new Map<string, Article>();
  private readonly sections = new Map<string, Section>();
  private readonly edits = new Map<string, number>();
  private readonly keyword: KeywordIndex;
  private readonly dense: DenseIndex | undefined;
  private lexicon: Lexicon | undefined;
  private langs: Set<Lang> | undefined;
  /** The intent classifier; `null` when none can be trained for these articles. */
  private intent: IntentModel | null | undefined;
  /** Bumped by every change of the articles; the classifier is current when it was trained on it. */
  private generation = 0;
  private intentGeneration = -1;
  private rebuilding: Promise<void> | undefined;
  /** Per article version (a re-indexed article is a new object), so a rebuild featurizes only it. */
  private sentenceFeatures = new WeakMap<Article, string[][]>();
  /**
   * One string per distinct feature of those kept: "w:laptop" or "#<lap" recur in hundreds of
   * sentences, and each sentence built its own copy (megabytes for the sample knowledge base).
   */
  private featureNames = new Map<string, string>();
  /** Messages for which the embedder failed and keyword-only ranking was used (for health checks). */
  denseFailures = 0;
  private readonly thresholds: Thresholds;
  private readonly defaultLang: Lang;
  private readonly intentClassifier: boolean;
  private readonly intentCache: IntentModelCache | undefined;
  private readonly denseFusion: DenseFusion;
  /** This knowledge base's own decline side (see `selfCalibrate`); the built-in one without. */
  private calibration: Calibration | undefined;

  constructor(settings: RetrieverSettings) {
    this.keyword = new KeywordIndex();
    this.dense = settings.embedder ? new DenseIndex(settings.embedder) : undefined;
    this.thresholds = settings.thresholds;
    this.defaultLang = settings.defaultLang;
    this.intentClassifier = settings.intentClassifier ?? true;
    this.intentCache = settings.intentCache;
    this.denseFusion = settings.denseFusion ?? DEFAULT_DENSE_FUSION;
  }

  /**
   * Serves a calibration made for this knowledge base. It stays after edits until the next one
   * replaces it: the last good calibration is closer to the truth than none.
   */
  setCalibration(calibration: Calibration | undefined): void {
    this.calibration = calibration;
  }

  /** The calibration served, if any. */
  get currentCalibration(): Calibration | undefined {
    return this.calibration;
  }

  /**
   * A keyword-only retriever over `articles` with this one's settings, its classifier trained in
   * slices that let messages through: what self-calibration searches its held-out questions in.
   * It shares no cache with this one (the classifier cache keeps one model, the served one).
   */
  async keywordTwin(articles: readonly Article[]): Promise<KnowledgeRetriever> {
    const twin = new KnowledgeRetriever(this.keywordSettings());
    for (const article of articles) twin.upsertKeywordOnly(article);
    await twin.rebuildInBackground();
    return twin;
  }

  /** The settings a keyword-only copy of this retriever is built with (no caches, no model). */
  keywordSettings(): RetrieverSettings {
    return {
      thresholds: this.thresholds,
      defaultLang: this.defaultLang,
      intentClassifier: this.intentClassifier,
    };
  }

  /** True when dense embeddings take part in ranking. */
  get usesEmbeddings(): boolean {
    return this.dense !== undefined;
  }

  /**
   * Indexes (or re-indexes) an article; unchanged articles (same file hash) cost nothing. Vectors
   * are computed first: if that fails, the error propagates and the previous version keeps serving.
   */
  async upsert(article: Article): Promise<boolean> {
    if (this.isIndexed(article)) return false;
    const edit = this.nextEdit(article.id);
    const vectors = this.dense ? await this.dense.prepare(article) : undefined;
    // A later upsert or remove of the same article, made while this one embedded, wins.
    if (this.edits.get(article.id) !== edit) return false;
    return this.apply(article, vectors);
  }

  /** Numbers each edit of an article, so that an edit overtaken by a later one is dropped. */
  private nextEdit(id: string): number {
    const edit = (this.edits.get(id) ?? 0) + 1;
    this.edits.set(id, edit);
    return edit;
  }

  /** `upsert` for a keyword-only retriever, which never has to wait (see `createRetriever`). */
  upsertKeywordOnly(article: Article): boolean {
    if (this.dense) throw new Error('this retriever uses embeddings: call upsert and await it');
    if (this.isIndexed(article)) return false;
    return this.apply(article, undefined);
  }

  /** Same bytes from the same file: a moved file is re-indexed so that links name its new path. */
  private isIndexed(article: Article): boolean {
    const current = this.articles.get(article.id);
    return current?.hash === article.hash && current.file === article.file;
  }

  private apply(article: Article, vectors: Float32Array[] | undefined): boolean {
    const current = this.articles.get(article.id);
    this.keyword.upsert(article);
    if (this.dense && vectors) this.dense.set(article, vectors);
    if (current) for (const s of current.sections) this.sections.delete(s.id);
    this.articles.set(article.id, article);
    for (const s of article.sections) this.sections.set(s.id, s);
    this.invalidate();
    return true;
  }

  remove(articleId: string): boolean {
    this.nextEdit(articleId);
    const current = this.articles.get(articleId);
    if (!current) return false;
    this.keyword.remove(articleId);
    this.dense?.remove(articleId);
    this.articles.delete(articleId);
    for (const s of current.sections) this.sections.delete(s.id);
    this.invalidate();
    return true;
  }

  /**
   * Analyses every article again, keeping what it does not depend on (vectors): the thesaurus
   * changed, and with it the terms of every article. Keyword rows now, the typo vocabulary and
   * the classifier on next use or `rebuildInBackground`, as after an edit.
   */
  reanalyze(): void {
    for (const article of this.articles.values()) this.keyword.upsert(article);
    this.sentenceFeatures = new WeakMap();
    this.featureNames = new Map();
    this.invalidate();
  }

  /** Derived views are rebuilt on next use, so a burst of re-indexed files pays for them once. */
  private invalidate(): void {
    this.lexicon = undefined;
    this.langs = undefined;
    this.generation += 1;
  }

  /**
   * Rebuilds what is derived from all articles (the typo vocabulary and the intent classifier)
   * now rather than on the first message after a change. Start-up calls it.
   */
  warmUp(): void {
    this.getVocabulary();
    this.getIntentModel();
  }

  /**
   * `warmUp` for a running bot (the knowledge-base watcher calls it, and so does the first message
   * after an edit): the classifier is retrained in slices that let messages through, about half a
   * second for the sample knowledge base, with keyword-only ranking meanwhile. Edits arriving
   * meanwhile are picked up by another round before it resolves.
   */
  rebuildInBackground(): Promise<void> {
    this.getVocabulary();
    this.rebuilding ??= (async () => {
      try {
        while (this.intentGeneration !== this.generation) {
          const generation = this.generation;
          const examples = this.intentExamples();
          const key = this.intentKey(examples);
          const cached = this.cachedIntentModel(key);
          const model = cached ?? (examples ? await IntentModel.trainInBackground(examples) : undefined);
          if (model && !cached) this.keepIntentModel(key, model);
          if (generation === this.generation) this.setIntentModel(model, generation);
        }
      } finally {
        this.rebuilding = undefined;
      }
    })();
    return this.rebuilding;
  }

  /**
   * True when the intent classifier takes part in ranking; false when the knowledge base is too
   * large (see `MAX_INTENT_WORK`) or has fewer than two articles.
   */
  get usesIntentModel(): boolean {
    return this.getIntentModel() !== undefined;
  }

  /**
   * The classifier, when it is current. The first one is trained here, at once (start-up, `eval`).
   * After an edit, a message never waits for training: a background rebuild starts, and until it
   * is done ranking is keyword-only (with the confidence models fitted for that), because the
   * stale model knows nothing of a new or renamed article.
   */
  private getIntentModel(): IntentModel | undefined {
    if (this.intentGeneration === this.generation) return this.intent ?? undefined;
    if (this.intent === undefined) {
      const examples = this.intentExamples();
      const key = this.intentKey(examples);
      let model = this.cachedIntentModel(key);
      if (!model && examples) {
        model = IntentModel.train(examples);
        if (model) this.keepIntentModel(key, model);
      }
      this.setIntentModel(model, this.generation);
      return this.intent ?? undefined;
    }
    this.rebuildInBackground().catch(() => {
      // Keyword-only ranking goes on; the next change or message tries again.
    });
    return undefined;
  }

  /**
   * The cache key of these training sentences (hashing them all, so computed once per model), or
   * undefined without a cache or sentences.
   */
  private intentKey(examples: readonly IntentExample[] | undefined): string | undefined {
    return this.intentCache && examples ? intentTrainingKey(examples) : undefined;
  }

  /** The stored model of the training sentences of `key`, if the cache has a sound one. */
  private cachedIntentModel(key: string | undefined): IntentModel | undefined {
    if (!this.intentCache || key === undefined) return undefined;
    try {
      const snapshot = this.intentCache.get(key);
      return snapshot ? IntentModel.fromSnapshot(snapshot) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores a freshly trained model; a cache that fails only costs the next start its training. */
  private keepIntentModel(key: string | undefined, model: IntentModel): void {
    if (key === undefined) return;
    try {
      this.intentCache?.put(key, model.toSnapshot());
    } catch {
      // Nothing to do: the model serves from memory either way.
    }
  }

  private setIntentModel(model: IntentModel | undefined, generation: number): void {
    this.intent = model ?? null;
    this.intentGeneration = generation;
  }

  /** Training sentences in a stable order, or undefined when training would clearly be too costly. */
  private intentExamples(): IntentExample[] | undefined {
    if (!this.intentClassifier) return undefined;
    const articles = [...this.articles.values()].sort((x, y) => x.id.localeCompare(y.id));
    let sentences = 0;
    for (const a of articles) sentences += 1 + a.questions.length + a.sections.length;
    // Checked before featurizing: a large knowledge base should not pay for examples it won't use.
    if (articles.length * sentences * TYPICAL_FEATURES_PER_SENTENCE > 2 * MAX_INTENT_WORK) return undefined;
    return articles.flatMap((a) => this.intentFeaturesOf(a).map((features) => ({ label: a.id, features })));
  }

  /** Features of an article's training sentences, computed once per article version. */
  private intentFeaturesOf(article: Article): string[][] {
    let features = this.sentenceFeatures.get(article);
    if (!features) {
      features = [article.title, ...article.questions, ...article.sections.map((s) => s.heading)].map(
        (text) => {
          const words = contentWords(text);
          return intentFeatures(words.map(stem), words, functionWords(text)).map((f) => {
            const known = this.featureNames.get(f);
            if (known !== undefined) return known;
            this.featureNames.set(f, f);
            return f;
          });
        },
      );
      this.sentenceFeatures.set(article, features);
    }
    return features;
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

  /**
   * Language to answer in: the message's own when it has words, else the caller's, else default.
   * Latin letters alone do not make a message English: in a Russian conversation "vpn" or
   * "outlook" are words of Russian articles too, so the conversation's language stands unless
   * the message has an English word that Russian articles do not use.
   */
  resolveLang(text: string, hint?: Lang): Lang {
    const detected = detectLang(text);
    // An English conversation needs a Russian little word as well ("ne", "kak") to switch.
    if (
      detected === 'en' &&
      this.looksTransliterated(text) &&
      (hint !== 'en' || hasRussianStopWordInLatin(text))
    )
      return 'ru';
    if (detected === 'en' && hint === 'ru' && !this.hasEnglishOnlyWord(text)) return 'ru';
    return detected ?? hint ?? this.defaultLang;
  }

  private hasEnglishOnlyWord(text: string): boolean {
    const { byLang } = this.getLexicon();
    return tokenize(text).some(
      (word) => STOPWORDS.has(word) || (byLang.en.has(word) && !byLang.ru.has(word)),
    );
  }

  /**
   * Russian typed in Latin letters ("zabyl parol", "kak dobavit printer"): more of its words are
   * known only once transliterated to Cyrillic than only as they are. Little words count too:
   * "kak", "ne" and "u menya" are Russian stop words in Latin letters, "how" and "my" English.
   */
  private looksTransliterated(text: string): boolean {
    const vocabulary = this.getVocabulary();
    // A recognised product spelling ("global protect") is English however it transliterates.
    const normalized = normalizeText(text);
    const spelled = thesaurusWords(normalized);
    let asIs = 0;
    let cyrillic = 0;
    for (const word of tokenize(normalized)) {
      if (spelled.has(word)) continue;
      // By stem: "smenit" is a form of "сменить", which the articles use; "eto" is "это".
      const english = STOPWORDS.has(word) || vocabulary.knowsFormOf(word);
      const russian = cyrillicReadings(word).some((c) => STOPWORDS.has(c) || vocabulary.knowsFormOf(c));
      // "printer" is known both ways ("принтер"): it tells nothing about the language.
      if (english && !russian) asIs += 1;
      else if (russian && !english) cyrillic += 1;
    }
    return cyrillic > asIs;
  }

  /** All plausible articles, best first, with their evidence. */
  async rank(
    text: string,
    options: SearchOptions = {},
  ): Promise<{ lang: Lang; candidates: RankedCandidate[]; withIntent: boolean }> {
    const clipped = text.slice(0, MAX_QUERY_CHARS);
    const lang = this.resolveLang(clipped, options.lang);
    const russianInLatin = lang === 'ru' && !isCyrillic(clipped);
    const { words, guesses } = messageWords(clipped, this.getVocabulary(), { russianInLatin });
    const terms = words.map(stem);
    const sureTerms = new Set(words.filter((w) => !guesses.has(w)).map(stem));
    const searchLang = this.hasLang(lang) ? lang : undefined;
    const exclude = new Set(options.exclude ?? []);
    // One classifier for the whole message, even if a background rebuild swaps it meanwhile.
    const classifier = this.getIntentModel();
    const intents =
      classifier &&
      this.intentScores(
        classifier,
        intentFeatures(terms, words, functionWords(clipped)),
        searchLang,
        exclude,
      );
    const hits = this.keyword.search(terms, searchLang).filter((h) => !exclude.has(h.articleId));
    const idf = (t: string) => this.keyword.idf(t);
    const evidence = new Map(scoreHits(hits, terms, this.keyword).map((e) => [e.articleId, e]));
    const cosines = await this.denseScores(clipped, searchLang, exclude);
    // An article removed while the message was being embedded must not weigh in the confidences.
    for (const id of evidence.keys()) if (!this.articles.has(id)) evidence.delete(id);
    const ids = new Set(evidence.keys());
    if (cosines) {
      const denseTop = [...cosines.entries()].sort((a, b) => b[1] - a[1]).slice(0, DENSE_CANDIDATES);
      for (const [id] of denseTop) ids.add(id);
    }
    const ranked: { id: string; e?: KeywordEvidence; cosine?: number; intent?: number; relevance: number }[] =
      [];
    for (const id of ids) {
      const e = evidence.get(id);
      const cosine = cosines?.get(id);
      const intent = intents ? (intents.get(id) ?? 0) : undefined;
      const relevance = fuseRelevance(fuseIntent(e?.relevance ?? 0, intent), cosine, this.denseFusion);
      ranked.push({ id, e, cosine, intent, relevance });
    }
    ranked.sort((a, b) => b.relevance - a.relevance);
    const signals = ranked.map((r) => ({
      relevance: r.relevance,
      coverage: r.e?.coverage ?? 0,
      phrasing: r.e?.phrasing ?? 0,
      matched: r.e?.matched ?? 0,
      intent: r.intent ?? 0,
    }));
    // With a classifier, its models apply even when it knew no feature of the message: that a
    // message shares nothing with any title or phrasing ("iso", "symbol": body words only) is
    // itself evidence, which the intent-less models would ignore and answer at 0.91.
    const withIntent = classifier !== undefined;
    const models = confidenceModels(withIntent);
    const candidates: RankedCandidate[] = [];
    ranked.forEach((r, index) => {
      const article = this.articles.get(r.id);
      if (!article) return;
      const features = confidenceFeatures(signals, index);
      candidates.push({
        articleId: article.id,
        title: article.title,
        lang: article.lang,
        score: candidateScore(features, r.cosine, models.answer, this.denseFusion),
        keywordScore: roundScore(r.e?.relevance ?? 0),
        denseScore: r.cosine === undefined ? undefined : roundScore(r.cosine),
        sectionId: article.sections[0]?.id ?? `${article.id}#0`,
        evidence: r.e,
        relevance: r.relevance,
        features,
        cosine: r.cosine,
      });
    });
    // The decision reads confidences, so the list it offers is in confidence order too.
    candidates.sort((a, b) => b.score - a.score || b.relevance - a.relevance);
    // What only the candidates shown need, once their final order is known.
    const scope = messageScope(clipped);
    const notItTerms = scope.nonItWords.map(stem);
    const personalTerms = scope.personalWords.map(stem);
    for (const candidate of candidates.slice(0, MAX_CANDIDATES)) {
      if (scope.onlySymptoms) candidate.messageGuard = 'symptoms-only';
      const articleTerms = this.keyword.termsOf(candidate.articleId);
      if (!articleTerms) continue;
      if (neverNamed(notItTerms, articleTerms.all)) candidate.messageGuard = 'not-it';
      if (neverNamed(personalTerms, articleTerms.all)) candidate.messageGuard = 'personal';
      candidate.sectionId = bestSection(articleTerms, terms, idf);
      if (guesses.size > 0) {
        candidate.matchedMostlyByRepairs =
          repairedShare(articleTerms.all, terms, sureTerms, idf) > MAX_REPAIRED_SHARE;
      }
    }
    return { lang, candidates, withIntent };
  }

  async search(text: string, options: SearchOptions = {}): Promise<RetrievalDecision> {
    return (await this.searchDetailed(text, options)).decision;
  }

  /**
   * The decision plus the full ranking behind it (for `eval` and `ask`). A message that states
   * several problems is also searched part by part (see `combineProblems`).
   */
  async searchDetailed(
    text: string,
    options: SearchOptions = {},
  ): Promise<{ decision: RetrievalDecision; ranked: RankedCandidate[] }> {
    const whole = await this.searchWhole(text, options);
    const texts = problemParts(text.slice(0, MAX_QUERY_CHARS)).filter(statesProblem);
    if (texts.length < 2) return whole;
    const partOptions = { ...options, lang: whole.decision.lang };
    const parts: PartDecision<RankedCandidate[]>[] = [];
    for (const part of texts) {
      const found = await this.searchWhole(part, partOptions);
      parts.push({ text: part, decision: found.decision, detail: found.ranked });
    }
    const chosen = combineProblems({ decision: whole.decision, detail: whole.ranked }, parts);
    return { decision: chosen.decision, ranked: chosen.detail };
  }

  private async searchWhole(
    text: string,
    options: SearchOptions,
  ): Promise<{ decision: RetrievalDecision; ranked: RankedCandidate[] }> {
    const { lang, candidates, withIntent } = await this.rank(text, options);
    const top: Candidate[] = candidates
      .slice(0, MAX_CANDIDATES)
      .map(({ evidence: _e, relevance: _r, features: _f, cosine: _c, ...candidate }) => candidate);
    // A calibration is fitted on keyword rankings with or without the classifier: it applies
    // to rankings made the same way only.
    const calibration =
      this.calibration?.withIntent === withIntent && !this.dense ? this.calibration : undefined;
    const thresholds = calibration
      ? { ...this.thresholds, clarifyThreshold: calibration.clarifyThreshold }
      : this.thresholds;
    const decision = decideOnRanking(
      top,
      candidates[0],
      calibration?.clarifyModel ?? confidenceModels(withIntent).clarify,
      thresholds,
      this.denseFusion,
    );
    return {
      decision: {
        kind: decision.kind,
        lang,
        confidence: top[0]?.score ?? 0,
        candidates: top,
        options: decision.options,
      },
      ranked: candidates,
    };
  }

  /**
   * Classifier probabilities over the searchable articles, or undefined when the message has no
   * feature the classifier knows. It reorders the keyword candidates and never adds one: a
   * softmax always sums to one, even over a message about nothing in the knowledge base.
   */
  private intentScores(
    model: IntentModel,
    features: string[],
    lang: Lang | undefined,
    exclude: Set<string>,
  ): Map<string, number> | undefined {
    if (features.length === 0) return undefined;
    const scores = model.probabilities(features, (id) => {
      if (exclude.has(id)) return false;
      return lang === undefined || this.articles.get(id)?.lang === lang;
    });
    return scores.size > 0 ? scores : undefined;
  }

  private async denseScores(
    text: string,
    lang: Lang | undefined,
    exclude: Set<string>,
  ): Promise<Map<string, number> | undefined> {
    if (!this.dense || text.trim() === '') return undefined;
    let vector: Float32Array | undefined;
    try {
      [vector] = await this.dense.embedder.embed([text], 'query');
    } catch {
      // A model failing on one message must not cost the answer: keyword evidence still ranks.
      this.denseFailures += 1;
      return undefined;
    }
    if (!vector) return undefined;
    const scores = this.dense.score(vector, lang);
    for (const id of exclude) scores.delete(id);
    return scores;
  }

  private hasLang(lang: Lang): boolean {
    if (!this.langs) this.langs = new Set([...this.articles.values()].map((a) => a.lang));
    return this.langs.has(lang);
  }

  private getVocabulary(): Vocabulary {
    return this.getLexicon().vocabulary;
  }

  /**
   * Surface words of every article (the typo vocabulary, tags included) and of each language's
   * articles (for telling product names from English), analysed in one pass and rebuilt lazily
   * after the articles change.
   */
  private getLexicon(): Lexicon {
    if (!this.lexicon) {
      const vocabulary = new Vocabulary(formStem);
      const byLang: Record<Lang, Set<string>> = { en: new Set(), ru: new Set() };
      for (const a of this.articles.values()) {
        for (const w of contentWords([a.title, ...a.questions, a.body].join('\n'))) {
          vocabulary.add(w);
          byLang[a.lang].add(w);
        }
        for (const w of contentWords(a.tags.join(' '))) vocabulary.add(w);
      }
      this.lexicon = { vocabulary, byLang };
    }
    return this.lexicon;
  }
}

/**
 * Builds a retriever over already-loaded articles and resolves once every article is indexed,
 * vectors included. An embedder failure rejects here instead of leaving a half-built index.
 */
export async function indexRetriever(
  articles: readonly Article[],
  settings: RetrieverSettings,
): Promise<KnowledgeRetriever> {
  const retriever = new KnowledgeRetriever(settings);
  for (const article of articles) await retriever.upsert(article);
  retriever.warmUp();
  return retriever;
}

/**
 * Builds a keyword-only retriever synchronously (keyword indexing never waits). With an
 * embedder, use `indexRetriever`: vectors are computed asynchronously, and a synchronous build
 * would hand out an index still empty while they are being computed.
 */
export function createRetriever(
  articles: readonly Article[],
  settings: RetrieverSettings,
): KnowledgeRetriever {
  if (settings.embedder) {
    throw new Error('createRetriever cannot wait for embeddings; use indexRetriever with an embedder');
  }
  const retriever = new KnowledgeRetriever(settings);
  for (const article of articles) retriever.upsertKeywordOnly(article);
  retriever.warmUp();
  return retriever;
}
