import type { ServerResponse } from 'node:http';
import type { Tier } from '../../../src/index.js';
import { HEARTBEAT_MS, writeToStream } from '../event-stream.js';

/** Open console streams one agent may hold. */
export const MAX_CONSOLE_STREAMS = 10;

interface Stream {
  res: ServerResponse;
  /** Every id of the agent's person (their tickets claimed elsewhere are theirs too). */
  ids: ReadonlySet<string>;
  tiers: readonly Tier[];
}

/** Who a live console event is for. */
export interface Audience {
  /** Agents working this tier see it. */
  tier?: Tier;
  /** These ids see it whatever their tier (the assignee, the agent a ticket moved to). */
  agentIds?: readonly (string | undefined)[];
  /** Agents who do not work this tier see it (a Tier 2 console told a ticket left for Tier 3). */
  lacking?: Tier;
}

/**
 * The agent console's live streams (server-sent events). Queue events go to the agents of the
 * ticket's tier and to its assignee; an agent's own events only to that agent. Nothing is
 * replayed: a console that reconnects reloads the queue, which is the state, not a log.
 */
export class ConsoleHub {
  private readonly streams = new Set<Stream>();
  private heartbeat: NodeJS.Timeout | undefined;

  /** Streams held by the person with `agentId`. */
  count(agentId: string): number {
    let n = 0;
    for (const s of this.streams) if (s.ids.has(agentId)) n += 1;
    return n;
  }

  /** Tracks `res` (headers sent) until it closes. */
  add(res: ServerResponse, ids: readonly string[], tiers: readonly Tier[]): void {
    const stream: Stream = { res, ids: new Set(ids), tiers };
    this.streams.add(stream);
    const forget = () => this.streams.delete(stream);
    res.on('close', forget);
    res.on('error', forget);
    this.heartbeat ??= setInterval(() => this.each(() => true, ': ping\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Sends one event to its audience. */
  send(event: string, data: unknown, to: Audience): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    const ids = (to.agentIds ?? []).filter((x): x is string => x !== undefined);
    this.each(
      (s) =>
        (to.tier !== undefined && s.tiers.includes(to.tier)) ||
        (to.lacking !== undefined && !s.tiers.includes(to.lacking)) ||
        ids.some((id) => s.ids.has(id)),
      frame,
    );
  }

  closeAll(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const { res } of this.streams) res.end();
    this.streams.clear();
  }

  private each(pick: (s: Stream) => boolean, text: string): void {
    for (const s of this.streams) if (pick(s)) writeToStream(s.res, text);
  }
}
