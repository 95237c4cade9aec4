import type { Lang } from '../config.js';

/**
 * Turns text into unit-length vectors. Queries and passages are embedded differently by models
 * such as E5, so callers say which one they pass.
 */
export interface Embedder {
  /** Identifies the model in the vector cache; vectors of different models never mix. */
  readonly modelId: string;
  embed(texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]>;
}

/** One article proposed for a message, with what each signal thought of it. */
export interface Candidate {
  articleId: string;
  title: string;
  lang: Lang;
  /** Calibrated 0..1 confidence that this article answers the message. */
  score: number;
  /** Raw signals, for `ask` output and debugging. */
  keywordScore: number;
  denseScore: number | undefined;
  /** Best-matching section of the article: what the bot quotes. */
  sectionId: string;
  /**
   * True when most of what the article shares with the message (by IDF) are typo-repaired words:
   * a guess at what the user meant, worth a "Did you mean...?" but not a straight answer.
   */
  matchedMostlyByRepairs?: boolean;
  /**
   * Why the message itself rules this article out as an answer, though not as an option:
   * `symptoms-only`: it only says that something fails ("сломалось", "everything is broken"), so
   * an article that happens to share the symptom word is a guess; `not-it`: it names a thing
   * facilities or payroll handle ("кондиционер", "payslip") that the article never mentions;
   * `personal`: it is about the user's own device or account ("my personal iPhone", "личная
   * почта gmail") and the article never speaks of personal ones (company IT does not support them).
   */
  messageGuard?: 'symptoms-only' | 'not-it' | 'personal';
}

export type DecisionKind = 'answer' | 'clarify' | 'decline';

/** What the bot should do with a message, from retrieval alone. */
export interface RetrievalDecision {
  kind: DecisionKind;
  /** Language of the message as detected (or as given by the caller). */
  lang: Lang;
  /** Confidence of the top candidate (0 when there is none). */
  confidence: number;
  /** Best first; at most five. For `clarify`, the first `options` are the choices to offer. */
  candidates: Candidate[];
  /** How many of the first candidates are close enough to offer (1 for answer, 0 for decline). */
  options: number;
  /**
   * Further problems the same message states, each answered on its own by another article
   * ("vpn drops and outlook is slow"): the bot comes back to them once the first is solved.
   */
  followUps?: FollowUp[];
  /** With `followUps`: the part of the message this decision is about, re-searched after a "No". */
  problem?: string;
}

/** A further problem of the message: the part that states it and the article that answers it. */
export interface FollowUp {
  /** The part of the message, as typed; it becomes the question when the user takes it up. */
  question: string;
  articleId: string;
  sectionId: string;
  title: string;
}

export interface SearchOptions {
  /** Answer in this language when known (e.g. the user's locale); otherwise detected. */
  lang?: Lang;
  /** Article ids already tried in this conversation (e.g. after "No, that didn't help"). */
  exclude?: readonly string[];
}

/** The retrieval port the conversation core uses. */
export interface Retriever {
  search(text: string, options?: SearchOptions): Promise<RetrievalDecision>;
}
