import type { ChannelNotifier } from '../handoff/ports.js';

/**
 * Which channels run and how to reach each: the dispatcher delivers an outbox row through the
 * notifier of the row's channel, and a queue event is written once per channel that shows the
 * queue, so that a failure in one channel never resends to another.
 */
export interface ChannelRegistry {
  /** The notifier of a channel, undefined when no such channel runs in this process. */
  notifier(channel: string): ChannelNotifier | undefined;
  /** Channels that show the Tier 2/3 queue. */
  queueChannels(): readonly string[];
}

/** A registry of named channels. */
export function channelRegistry(
  channels: readonly { name: string; notifier: ChannelNotifier; hostsQueue: boolean }[],
): ChannelRegistry {
  const byName = new Map(channels.map((c) => [c.name, c.notifier]));
  const queue = channels.filter((c) => c.hostsQueue).map((c) => c.name);
  return { notifier: (name) => byName.get(name), queueChannels: () => queue };
}

/**
 * One notifier for every channel, as in tests and single-channel tools: deliveries to any
 * channel reach it, and queue events are written once, under `queueChannel`.
 */
export function singleNotifier(notifier: ChannelNotifier, queueChannel = 'default'): ChannelRegistry {
  return { notifier: () => notifier, queueChannels: () => [queueChannel] };
}
