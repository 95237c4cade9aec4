import type { Lang } from '../config.js';

/** How an agent closed a ticket, for learning: the article that solved it, or none (a content gap). */
export interface ResolutionLink {
  ticketId: string;
  /** undefined: the agent marked "no article" (the knowledge base lacks one). */
  articleId: string | undefined;
  /** The employee's question that started the ticket (redacted, as stored). */
  question: string;
  lang: Lang;
  channel: string;
  agentId: string;
  at: string;
}

/** A suggested phrasing: an employee's wording of a problem an article solved. */
export interface Suggestion {
  id: number;
  articleId: string;
  text: string;
  lang: Lang;
  ticketId: string;
  status: 'pending' | 'accepted' | 'rejected';
  createdAt: string;
  decidedAt: string | undefined;
  decidedBy: string | undefined;
}

/** Storage of resolution links and suggestions; SQL stays in its SQLite implementation. */
export interface LearningStore {
  /**
   * Records how a ticket was resolved (once per ticket; a later call replaces it) and, for an
   * article, suggests the question as its phrasing unless that exact pair was suggested before
   * (a rejected suggestion is never suggested again).
   */
  recordResolution(link: ResolutionLink): void;
  suggestions(status?: Suggestion['status']): Suggestion[];
  getSuggestion(id: number): Suggestion | undefined;
  decide(id: number, status: 'accepted' | 'rejected', by: string, at: string): void;
  /** Tickets resolved with "no article", for the content-gap list. */
  gaps(): ResolutionLink[];
}

/** What the core records when an agent resolves a ticket (the resolve action's optional part). */
export interface ResolutionRecorder {
  recordResolution(link: ResolutionLink): void;
}
