import { z } from 'zod';
import type { AgentAction, HttpRoute } from '../../../../src/index.js';
import { ErrorCodes, HelpdeskError, parseInput, readJson, sendJson } from '../../../../src/index.js';
import { agentCall } from '../agent-call.js';
import type { ConsoleAgent } from '../console-auth.js';
import type { ConsoleDeps } from '../console-deps.js';
import { ticketPath } from '../ticket-access.js';
import { ticketView } from '../views.js';

const bodySchema = z.object({
  messageId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'messageId must be 1-100 of A-Z a-z 0-9 _ -'),
  text: z.string().max(100_000).optional(),
  note: z.string().max(100_000).optional(),
  toAgentId: z.string().max(256).optional(),
  articleId: z.string().max(120).optional(),
});

type Body = z.infer<typeof bodySchema>;

/** The core action of `/agent/api/tickets/<id>/<action>`; undefined for an unknown action. */
function toAction(
  kind: string | undefined,
  agent: ConsoleAgent,
  ticketId: string,
  b: Body,
): AgentAction | undefined {
  const base = { ...agentCall(agent, b.messageId), ticketId };
  const note = b.note === undefined ? {} : { note: b.note };
  switch (kind) {
    case 'claim':
      return { ...base, kind: 'claim' };
    case 'reply':
      return { ...base, kind: 'reply', text: b.text ?? '' };
    case 'note':
      return { ...base, kind: 'note', text: b.text ?? '' };
    case 'escalate':
      return { ...base, kind: 'escalate', ...note };
    case 'transfer':
      return { ...base, kind: 'transfer', toAgentId: b.toAgentId ?? '', ...note };
    case 'resolve':
      return { ...base, kind: 'resolve', ...note, ...(b.articleId ? { articleId: b.articleId } : {}) };
    case 'hand-back':
      return { ...base, kind: 'hand-back', ...note };
    default:
      return undefined;
  }
}

/**
 * `POST /agent/api/tickets/<id>/<claim|reply|note|escalate|transfer|resolve|hand-back>`: one
 * agent action, CSRF-checked, run by the core, which enforces tiers and ownership and audits it.
 * A retried `messageId` runs once. Replies reach the employee in whatever channel they use.
 */
export function consoleTicketActionRoute(deps: ConsoleDeps): HttpRoute {
  return {
    method: 'POST',
    path: '/agent/api/tickets/*',
    async handle(req, res) {
      const agent = deps.auth.requireForChange(req);
      const { ticketId, action: kind } = ticketPath(req.url);
      const body = parseInput(bodySchema, await readJson(req, 256 * 1024), 'agent action');
      const action = toAction(kind, agent, ticketId, body);
      if (!action) throw new HelpdeskError(ErrorCodes.NOT_FOUND, 'No such action');
      const result = await deps.core.handleAgentAction(action);
      sendJson(res, 200, {
        result: result.kind,
        ...(result.kind === 'done'
          ? { ticket: ticketView(result.ticket), redacted: result.redacted === true }
          : {}),
      });
    },
  };
}
