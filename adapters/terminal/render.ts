import type { Choice, Reply } from '../../src/conversation/types.js';
import type { AgentResult } from '../../src/handoff/agent-action.js';
import type { AgentEvent, OnCallPage, QueueEvent } from '../../src/handoff/ports.js';

/** Control characters other than newline and tab would let text repaint the terminal. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/**
 * Renders replies as plain terminal text and returns the choices in display order, so that the
 * user can answer "1", "2"... The numbering restarts with every batch of replies.
 */
export function renderReplies(replies: readonly Reply[]): { text: string; choices: Choice[] } {
  const lines: string[] = [];
  const choices: Choice[] = [];
  for (const reply of replies) {
    switch (reply.type) {
      case 'text':
        lines.push(`bot> ${clean(reply.text)}`);
        break;
      case 'article':
        lines.push(`bot> ${clean(reply.title)} — ${clean(reply.sectionHeading)}`);
        for (const line of clean(reply.steps).split('\n')) lines.push(`     ${line}`);
        lines.push(`     (full article: ${reply.url})`);
        break;
      case 'choices':
        lines.push(`bot> ${clean(reply.prompt)}`);
        for (const choice of reply.choices) {
          choices.push(choice);
          lines.push(`     [${choices.length}] ${clean(choice.label)}`);
        }
        break;
      case 'notice':
        lines.push(`bot> ${reply.level === 'warning' ? '(!) ' : ''}${clean(reply.text)}`);
        break;
      case 'agent-message':
        lines.push(`${clean(reply.agentName)}> ${clean(reply.text)}`);
        break;
    }
  }
  return { text: lines.join('\n'), choices };
}

/** One line for what the Tier 2 queue is told. */
export function renderQueueEvent(event: QueueEvent): string {
  const t = event.ticket;
  const head = `[queue] ${t.id} (${t.priority}, tier ${t.tier})`;
  switch (event.type) {
    case 'ticket-created':
      return `${head} new: ${clean(t.subject)}`;
    case 'ticket-escalated':
      return `${head} escalated by ${event.by}: ${clean(event.note)}`;
    case 'ticket-requeued':
      return `${head} back in the queue (by ${event.by})`;
    case 'sla-breached':
      return `${head} unclaimed, ${event.overdueMinutes} min past its SLA`;
    case 'ticket-cancelled':
      return `${head} cancelled by the user`;
  }
}

/** One line for what one agent is told. */
export function renderAgentEvent(agentId: string, event: AgentEvent): string {
  const head = `[to ${agentId}] ${event.ticket.id}`;
  switch (event.type) {
    case 'user-message':
      return `${head} user: ${clean(event.text)}`;
    case 'ticket-assigned':
      return `${head} assigned to you by ${event.by}${event.note ? `: ${clean(event.note)}` : ''}`;
    case 'user-left':
      return `${head} the user left the conversation`;
  }
}

export function renderPage(target: string, page: OnCallPage): string {
  return `[page ${target}] ${page.ticket.id} (${page.ticket.priority}): ${page.reason}`;
}

/** What an agent command returns, for the person at the terminal. */
export function renderAgentResult(result: AgentResult): string {
  switch (result.kind) {
    case 'duplicate':
      return '[agent] already done';
    case 'done':
      return `[agent] ${result.ticket.id} is now ${result.ticket.status}${result.redacted ? ' (a secret was redacted)' : ''}`;
    case 'queue': {
      const row = (t: (typeof result.queued)[number]) =>
        `  ${t.id} ${t.priority.padEnd(6)} tier ${t.tier} ${t.status.padEnd(9)} ${clean(t.subject).slice(0, 60)}`;
      return ['[agent] queue:', ...result.queued.map(row), '[agent] mine:', ...result.mine.map(row)].join(
        '\n',
      );
    }
    case 'ticket':
      return [
        `[agent] ${result.ticket.id} ${result.ticket.status} ${result.ticket.priority}: ${clean(result.ticket.subject)}`,
        ...result.transcript.map((e) => `  ${e.author}: ${clean(e.text)}`),
        ...result.notes.map((n) => `  ${n.kind} by ${clean(n.agentName ?? n.agentId)}: ${clean(n.text)}`),
      ].join('\n');
  }
}
