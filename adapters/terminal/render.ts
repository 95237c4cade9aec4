import {
  agentResultText,
  inlineToPlain,
  parseMarkup,
  STATUS_WORDS,
  type AgentEvent,
  type AgentResult,
  type Choice,
  type OnCallPage,
  type QueueEvent,
  type Reply,
} from '../../src/index.js';

/** Control characters other than newline and tab would let text repaint the terminal. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** Article steps as plain lines: the core's markup read, lists numbered, links written out. */
function plainSteps(markup: string): string[] {
  const lines: string[] = [];
  for (const block of parseMarkup(markup)) {
    if (block.type === 'paragraph') lines.push(...block.lines.map((l) => clean(inlineToPlain(l))));
    else if (block.type === 'heading') lines.push(clean(inlineToPlain(block.content)));
    else
      block.items.forEach((item, i) =>
        lines.push(`${block.ordered ? `${block.start + i}.` : '-'} ${clean(inlineToPlain(item))}`),
      );
  }
  return lines;
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
        for (const line of plainSteps(reply.steps)) lines.push(`     ${line}`);
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
    case 'ticket-claimed':
      return `${head} claimed by ${clean(event.byName)}`;
    case 'user-message':
      return `${head} user: ${clean(event.text)}`;
    case 'agent-replied':
      return `${head} ${clean(event.byName)}: ${clean(event.text)}`;
    case 'note-added':
      return `${head} note by ${clean(event.byName)}: ${clean(event.text)}`;
    case 'ticket-transferred':
      return `${head} transferred to ${clean(event.to)} by ${event.by}`;
    case 'ticket-resolved':
      return `${head} resolved by ${event.by}`;
    case 'ticket-handed-back':
      return `${head} handed back to the bot by ${event.by}`;
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
    case 'done':
      return `[agent] ${agentResultText(result)}`;
    case 'queue': {
      const row = (t: (typeof result.queued)[number]) =>
        `  ${t.id} ${t.priority.padEnd(6)} tier ${t.tier} ${STATUS_WORDS[t.status]}: ${clean(t.subject).slice(0, 60)}`;
      return ['[agent] queue:', ...result.queued.map(row), '[agent] mine:', ...result.mine.map(row)].join(
        '\n',
      );
    }
    case 'ticket':
      return [
        `[agent] ${result.ticket.id} ${STATUS_WORDS[result.ticket.status]}, ${result.ticket.priority}: ${clean(result.ticket.subject)}`,
        ...result.transcript.map((e) => `  ${e.author}: ${clean(e.text)}`),
        ...result.notes.map((n) => `  ${n.kind} by ${clean(n.agentName ?? n.agentId)}: ${clean(n.text)}`),
      ].join('\n');
  }
}
