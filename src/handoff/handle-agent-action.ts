import { channelOf } from '../channels/address.js';
import { conversationKey, type CoreContext } from '../conversation/context.js';
import { ErrorCodes, HelpdeskError, isHelpdeskError } from '../errors.js';
import { parseInput } from '../parse-input.js';
import { addNote } from './actions/note.js';
import { claim } from './actions/claim.js';
import type { AgentCall } from './actions/common.js';
import { escalateToTier3 } from './actions/escalate-tier3.js';
import { handBack } from './actions/hand-back.js';
import { listQueue } from './actions/list-queue.js';
import { reply } from './actions/reply.js';
import { resolve } from './actions/resolve.js';
import { showTicket } from './actions/show-ticket.js';
import { transfer } from './actions/transfer.js';
import { agentActionSchema, type AgentAction, type AgentResult } from './agent-action.js';
import type { AgentRole } from './types.js';

/** Dedup key of an agent action (same table as user messages, another prefix). */
export function agentActionKey(channel: string, messageId: string): string {
  return `agent\u0000${channel}\u0000${messageId}`;
}

/** Runs the handler of one mutating action; each lives in its own file under actions/. */
function apply(call: AgentCall): AgentResult {
  const a = call.action;
  switch (a.kind) {
    case 'claim':
      return claim({ ...call, action: a });
    case 'reply':
      return reply({ ...call, action: a });
    case 'note':
      return addNote({ ...call, action: a });
    case 'escalate':
      return escalateToTier3({ ...call, action: a });
    case 'transfer':
      return transfer({ ...call, action: a });
    case 'resolve':
      return resolve({ ...call, action: a });
    case 'hand-back':
      return handBack({ ...call, action: a });
    case 'list':
      return listQueue({ ...call, action: a });
    case 'show':
      return showTicket({ ...call, action: a });
  }
}

/** Records a refused action: non-agents trying agent actions are exactly what an audit is for. */
function auditRefusal(
  ctx: CoreContext,
  action: AgentAction,
  role: AgentRole | undefined,
  error: HelpdeskError,
) {
  ctx.stores.transaction(() =>
    ctx.stores.audit.record({
      at: ctx.clock.now().toISOString(),
      actor: action.agentId,
      role: role ?? 'none',
      action: `ticket.${action.kind}`,
      ...('ticketId' in action ? { ticketId: action.ticketId } : {}),
      outcome: error.code === ErrorCodes.FORBIDDEN ? 'denied' : 'rejected',
      details: { code: error.code, message: error.message },
    }),
  );
}

/**
 * The agents' inbound port, channel-neutral like `handleMessage`. Only ids in TIER2_AGENTS /
 * TIER3_AGENTS may act (FORBIDDEN otherwise, audited). Mutating actions run under the
 * conversation's lock in one transaction, once per `messageId`; what the user must see goes
 * through the outbox. Throws HelpdeskError: BAD_INPUT, FORBIDDEN, NOT_FOUND, INVALID_STATE.
 */
export async function handleAgentAction(ctx: CoreContext, raw: AgentAction): Promise<AgentResult> {
  const action: AgentAction = parseInput(agentActionSchema, raw, 'agent action');
  const role = ctx.directory.roleOf(action.agentId);
  try {
    const home = channelOf(action.agentId);
    if (home !== undefined && home !== action.channel) {
      // A channel speaks only for its own people: Slack cannot act as a Teams agent.
      throw new HelpdeskError(
        ErrorCodes.FORBIDDEN,
        `${action.agentId} cannot act from the ${action.channel} channel`,
        {
          details: { agentId: action.agentId, channel: action.channel },
        },
      );
    }
    if (!role) {
      throw new HelpdeskError(ErrorCodes.FORBIDDEN, `${action.agentId} is not a Tier 2 or Tier 3 agent`, {
        details: { agentId: action.agentId },
      });
    }
    const call: AgentCall = {
      ctx,
      action,
      role,
      agentName: action.agentName ?? action.agentId,
      now: ctx.clock.now(),
    };
    if (action.kind === 'list' || action.kind === 'show') return apply(call);

    const ticket = ctx.stores.tickets.get(action.ticketId);
    const conv = ticket ? ctx.stores.conversations.get(ticket.conversationId) : undefined;
    if (!ticket || !conv) {
      throw new HelpdeskError(ErrorCodes.NOT_FOUND, `No ticket ${action.ticketId}`, {
        details: { ticketId: action.ticketId },
      });
    }
    const key = agentActionKey(action.channel, action.messageId);
    const result = await ctx.locks.run(conversationKey(conv), async () =>
      ctx.stores.transaction((): AgentResult => {
        if (ctx.stores.conversations.isProcessed(key)) return { kind: 'duplicate' };
        const applied = apply({ ...call, now: ctx.clock.now() });
        const done = applied.kind === 'done' ? { ...applied, did: action.kind } : applied;
        ctx.stores.conversations.markProcessed(key, ctx.clock.now());
        return done;
      }),
    );
    ctx.dispatcher.kick();
    return result;
  } catch (error) {
    if (isHelpdeskError(error) && error.code !== ErrorCodes.BAD_INPUT) auditRefusal(ctx, action, role, error);
    throw error;
  }
}
