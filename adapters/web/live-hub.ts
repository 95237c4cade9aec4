import type { ServerResponse } from 'node:http';
import { HEARTBEAT_MS, writeToStream } from './event-stream.js';
import type { ChatEvent } from './types.js';

/** Open event streams one employee may hold (tabs, devices); more are refused with 429. */
export const MAX_STREAMS_PER_USER = 5;

interface Stream {
  res: ServerResponse;
  lastId: number;
}

/** One SSE frame for an event. */
export function sseFrame(event: ChatEvent): string {
  return `id: ${event.id}\nevent: chat\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The open server-sent-event streams, per employee: new mailbox events are written to every
 * stream of their owner only. The streams outlive their request handler (which returns at once
 * so shutdown does not wait on them); `closeAll` ends them when the adapter stops.
 */
export class LiveHub {
  private readonly streams = new Map<string, Set<Stream>>();
  private heartbeat: NodeJS.Timeout | undefined;

  /** How many streams `userId` holds. */
  count(userId: string): number {
    return this.streams.get(userId)?.size ?? 0;
  }

  /** All open streams. */
  get size(): number {
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  /** Tracks `res` (headers already sent, replay done up to `lastId`) until it closes. */
  add(userId: string, res: ServerResponse, lastId: number): void {
    const stream: Stream = { res, lastId };
    let set = this.streams.get(userId);
    if (!set) {
      set = new Set();
      this.streams.set(userId, set);
    }
    set.add(stream);
    const forget = () => {
      const current = this.streams.get(userId);
      current?.delete(stream);
      if (current?.size === 0) this.streams.delete(userId);
    };
    res.on('close', forget);
    res.on('error', forget);
    this.heartbeat ??= setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Writes `events` to every stream of `userId` that has not had them yet. */
  push(userId: string, events: readonly ChatEvent[]): void {
    const set = this.streams.get(userId);
    if (!set || events.length === 0) return;
    for (const stream of set) {
      const fresh = events.filter((e) => e.id > stream.lastId);
      if (fresh.length === 0) continue;
      writeToStream(stream.res, fresh.map(sseFrame).join(''));
      stream.lastId = Math.max(stream.lastId, ...fresh.map((e) => e.id));
    }
  }

  /** Ends every stream (adapter stop): clients reconnect to the next server with Last-Event-ID. */
  closeAll(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const set of this.streams.values()) for (const { res } of set) res.end();
    this.streams.clear();
  }

  private beat(): void {
    for (const set of this.streams.values())
      for (const stream of set) writeToStream(stream.res, ': ping\n\n');
  }
}
