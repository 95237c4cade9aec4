import type { Lang } from '../config.js';
import { prepared, type Db } from '../storage/db.js';
import type { LearningStore, ResolutionLink, Suggestion } from './types.js';

interface SuggestionRow {
  id: number;
  article_id: string;
  text: string;
  lang: Lang;
  ticket_id: string;
  status: Suggestion['status'];
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

interface LinkRow {
  ticket_id: string;
  article_id: string | null;
  question: string;
  lang: Lang;
  channel: string;
  agent_id: string;
  at: string;
}

const toSuggestion = (r: SuggestionRow): Suggestion => ({
  id: r.id,
  articleId: r.article_id,
  text: r.text,
  lang: r.lang,
  ticketId: r.ticket_id,
  status: r.status,
  createdAt: r.created_at,
  decidedAt: r.decided_at ?? undefined,
  decidedBy: r.decided_by ?? undefined,
});

/** `LearningStore` on the bot's SQLite database (migrated with LEARNING_MIGRATIONS). */
export class SqliteLearningStore implements LearningStore {
  constructor(private readonly db: Db) {}

  recordResolution(link: ResolutionLink): void {
    prepared(
      this.db,
      `INSERT OR REPLACE INTO resolution_links (ticket_id, article_id, question, lang, channel, agent_id, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      link.ticketId,
      link.articleId ?? null,
      link.question,
      link.lang,
      link.channel,
      link.agentId,
      link.at,
    );
    if (link.articleId === undefined || link.question.trim() === '') return;
    prepared(
      this.db,
      `INSERT OR IGNORE INTO kb_suggestions (article_id, text, lang, ticket_id, status, created_at)
         VALUES (?, ?, ?, ?, 'pending', ?)`,
    ).run(link.articleId, link.question.trim(), link.lang, link.ticketId, link.at);
  }

  suggestions(status?: Suggestion['status']): Suggestion[] {
    const rows = (
      status
        ? prepared(this.db, 'SELECT * FROM kb_suggestions WHERE status = ? ORDER BY created_at, id').all(
            status,
          )
        : prepared(this.db, 'SELECT * FROM kb_suggestions ORDER BY created_at, id').all()
    ) as SuggestionRow[];
    return rows.map(toSuggestion);
  }

  getSuggestion(id: number): Suggestion | undefined {
    const row = prepared(this.db, 'SELECT * FROM kb_suggestions WHERE id = ?').get(id) as
      SuggestionRow | undefined;
    return row ? toSuggestion(row) : undefined;
  }

  decide(id: number, status: 'accepted' | 'rejected', by: string, at: string): void {
    prepared(
      this.db,
      'UPDATE kb_suggestions SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?',
    ).run(status, by, at, id);
  }

  gaps(): ResolutionLink[] {
    const rows = prepared(
      this.db,
      'SELECT * FROM resolution_links WHERE article_id IS NULL ORDER BY at',
    ).all() as LinkRow[];
    return rows.map((r) => ({
      ticketId: r.ticket_id,
      articleId: undefined,
      question: r.question,
      lang: r.lang,
      channel: r.channel,
      agentId: r.agent_id,
      at: r.at,
    }));
  }
}
