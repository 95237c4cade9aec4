import { z } from 'zod';
import type { HttpRoute } from '../../../src/index.js';
import { ErrorCodes, HelpdeskError, parseInput, readJson, sendJson } from '../../../src/index.js';
import type { WebDeps } from '../deps.js';
import { assertSameOriginJson } from '../guard.js';

/** Largest message body: room for the longest allowed message in any script, as JSON. */
export const MAX_MESSAGE_BODY = 256 * 1024;

const postSchema = z
  .object({
    // Ids are per employee, so short ones (`burst-0`) are fine; the page sends UUIDs.
    messageId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'messageId must be 1-100 of A-Z a-z 0-9 _ -'),
    text: z.string().max(200_000).optional(),
    action: z.string().min(1).max(200).optional(),
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/, 'locale must be a language tag')
      .max(35)
      .optional(),
  })
  .refine((p) => p.text !== undefined || p.action !== undefined, 'a message needs text or an action');

/**
 * `POST /api/chat/messages`: one message or button press. Answers with the events it added (the
 * echo and the replies); a retried `messageId` gets the same events without a second run. Once
 * the answer has reached the page (or failed to) the core is told, so replies the employee did
 * not get go out again.
 */
export function messagesRoute(deps: WebDeps): HttpRoute {
  return {
    method: 'POST',
    path: '/api/chat/messages',
    async handle(req, res) {
      assertSameOriginJson(req, deps.config.http.publicUrl);
      const user = deps.identity.require(req);
      const body = await readJson(req, MAX_MESSAGE_BODY);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new HelpdeskError(ErrorCodes.BAD_INPUT, 'Expected a JSON object');
      }
      const post = parseInput(postSchema, body, 'message');
      const { events, ran } = await deps.turns.run(user, post);
      if (ran) {
        // The page may have gone while the core worked: then the replies wait in the outbox.
        if (res.destroyed || !res.socket || res.socket.destroyed) {
          deps.turns.report(user, post.messageId, false);
          return;
        }
        let reported = false;
        const report = (delivered: boolean) => {
          if (reported) return;
          reported = true;
          deps.turns.report(user, post.messageId, delivered);
        };
        res.once('finish', () => report(true));
        res.once('close', () => report(res.writableFinished));
      }
      sendJson(res, 200, { events });
    },
  };
}
