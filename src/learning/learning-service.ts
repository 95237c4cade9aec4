import type { Config } from '../config.js';
import { ErrorCodes, HelpdeskError } from '../errors.js';
import type { AuditLog } from '../handoff/ports.js';
import type { AgentRole } from '../handoff/types.js';
import type { Article } from '../kb/types.js';
import { biggestGaps, groupGaps, type ContentGap } from '../report/figures.js';
import { addQuestionToArticle, type QuestionEdit } from './kb-edit.js';
import type { LearningStore, Suggestion } from './types.js';

/** A pending suggestion with the article it is for (title and file, for the reviewer). */
export interface SuggestionView extends Suggestion {
  articleTitle: string | undefined;
  articleFile: string | undefined;
}

/** The review list: phrasings waiting for a decision, and the content gaps agents marked. */
export interface SuggestionList {
  pending: SuggestionView[];
  gaps: ContentGap[];
}

/** Who decides on a suggestion (for the audit log). */
export interface Reviewer {
  agentId: string;
  role: AgentRole | 'none';
}

/**
 * Learning from agents: agents' resolutions become suggested phrasings of articles, which a
 * reviewer accepts (written into the article's `questions`, re-indexed by the KB watcher like any
 * edit) or rejects (remembered, never suggested again). Both decisions are audited.
 */
export class LearningService {
  constructor(
    private readonly deps: {
      store: LearningStore;
      audit: AuditLog;
      config: Pick<Config, 'kb'>;
      articles: { getArticle(id: string): Article | undefined };
      now: () => Date;
    },
  ) {}

  /** Pending suggestions (oldest first) and content gaps (biggest first). */
  list(top = 20): SuggestionList {
    const pending = this.deps.store.suggestions('pending').map((s) => {
      const article = this.deps.articles.getArticle(s.articleId);
      return { ...s, articleTitle: article?.title, articleFile: article?.file };
    });
    const gaps = biggestGaps(
      groupGaps(this.deps.store.gaps().map((g) => ({ text: g.question, lang: g.lang, askedAt: g.at }))),
      top,
    );
    return { pending, gaps };
  }

  /** Writes the phrasing into its article file and marks it accepted. */
  async accept(id: number, by: Reviewer): Promise<{ suggestion: Suggestion; edit: QuestionEdit }> {
    const suggestion = this.pending(id);
    const article = this.deps.articles.getArticle(suggestion.articleId);
    if (!article) {
      throw new HelpdeskError(
        ErrorCodes.NOT_FOUND,
        `Article ${suggestion.articleId} is not in the knowledge base`,
      );
    }
    let edit: QuestionEdit;
    try {
      edit = await addQuestionToArticle(this.deps.config.kb.dir, article.file, article.id, suggestion.text);
    } catch (error) {
      this.audit(by, 'kb.suggestion.accept', suggestion, 'rejected');
      throw error;
    }
    this.deps.store.decide(id, 'accepted', by.agentId, this.deps.now().toISOString());
    this.audit(by, 'kb.suggestion.accept', suggestion, 'ok', { file: article.file, edit });
    return { suggestion: { ...suggestion, status: 'accepted' }, edit };
  }

  /** Marks the phrasing rejected: the same pair is never suggested again. */
  reject(id: number, by: Reviewer): Suggestion {
    const suggestion = this.pending(id);
    this.deps.store.decide(id, 'rejected', by.agentId, this.deps.now().toISOString());
    this.audit(by, 'kb.suggestion.reject', suggestion, 'ok');
    return { ...suggestion, status: 'rejected' };
  }

  private pending(id: number): Suggestion {
    const s = this.deps.store.getSuggestion(id);
    if (!s) throw new HelpdeskError(ErrorCodes.NOT_FOUND, `No suggestion ${id}`);
    if (s.status !== 'pending')
      throw new HelpdeskError(ErrorCodes.INVALID_STATE, `Suggestion ${id} is already ${s.status}`);
    return s;
  }

  private audit(
    by: Reviewer,
    action: string,
    s: Suggestion,
    outcome: 'ok' | 'rejected',
    extra: Record<string, unknown> = {},
  ): void {
    this.deps.audit.record({
      at: this.deps.now().toISOString(),
      actor: by.agentId,
      role: by.role,
      action,
      ticketId: s.ticketId,
      outcome,
      details: { suggestionId: s.id, articleId: s.articleId, text: s.text, ...extra },
    });
  }
}
