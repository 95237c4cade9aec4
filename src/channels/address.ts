import { z } from 'zod';

/**
 * People and places across channels are named `channel:id` (`slack:U0123`, `teams:<aadObjectId>`,
 * `web:alice`): the same bare id may exist in two channels, and a delivery must know which
 * channel carries it. The channel part is a lowercase name; the id part is the channel's own.
 */
export interface Address {
  channel: string;
  id: string;
}

const ADDRESS = /^([a-z][a-z0-9-]{0,31}):(\S.{0,254})$/s;

/** The parts of `channel:id`, or undefined when the text is not a channel-qualified id. */
export function parseAddress(text: string): Address | undefined {
  const match = ADDRESS.exec(text.trim());
  if (!match) return undefined;
  return { channel: match[1] as string, id: (match[2] as string).trim() };
}

/** `channel:id`. */
export function formatAddress(channel: string, id: string): string {
  return `${channel}:${id}`;
}

/** The channel part of a qualified id (undefined for a bare one). */
export function channelOf(text: string): string | undefined {
  return parseAddress(text)?.channel;
}

/** Zod check for a channel-qualified id, for config lists and agent actions. */
export const addressSchema = z
  .string()
  .trim()
  .refine((v) => parseAddress(v) !== undefined, {
    message: 'expected a channel-qualified id such as slack:U0123, teams:<id> or web:alice',
  });
