/**
 * What the route accepts before botbuilder sees an activity: an object with a type, a
 * conversation id, an http(s) service URL and (for anything a person sent) a sender. Anything else
 * is a 400 with a reason, so hostile or broken posts never reach the turn logic.
 */
export type ActivityCheck = { ok: true; activity: Record<string, unknown> } | { ok: false; reason: string };

const MAX_ID = 1024;

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' && id.trim() !== '' && id.length <= MAX_ID ? id : undefined;
}

/** True for an absolute http(s) URL without credentials in it. */
export function isServiceUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** Checks a parsed request body. */
export function checkActivity(body: unknown): ActivityCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, reason: 'the body is not an activity object' };
  }
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type.trim() === '' || activity.type.length > 64) {
    return { ok: false, reason: 'the activity has no type' };
  }
  if (!idOf(activity.conversation)) return { ok: false, reason: 'the activity has no conversation id' };
  if (!isServiceUrl(activity.serviceUrl))
    return { ok: false, reason: 'the activity has no valid service URL' };
  if ((activity.type === 'message' || activity.type === 'invoke') && !idOf(activity.from)) {
    return { ok: false, reason: 'the activity has no sender' };
  }
  if (
    activity.type === 'message' &&
    (typeof activity.id !== 'string' || activity.id === '' || activity.id.length > MAX_ID)
  ) {
    // The core processes each message id once; a message without one could not be deduplicated.
    return { ok: false, reason: 'the message has no id' };
  }
  if (activity.text !== undefined && typeof activity.text !== 'string') {
    return { ok: false, reason: 'the activity text is not a string' };
  }
  return { ok: true, activity };
}
