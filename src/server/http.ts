import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCodes, HelpdeskError } from '../errors.js';

/** Largest request body any route reads unless it says otherwise (Slack and Teams send far less). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The request body as text, refused with BAD_INPUT (`details.status` 413) past `limit` bytes, so
 * that a hostile client cannot make the server buffer without end.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', (error) =>
      reject(new HelpdeskError(ErrorCodes.NETWORK_FAILED, 'The request was interrupted', { cause: error })),
    );
  });
}

function tooLarge(limit: number): HelpdeskError {
  return new HelpdeskError(ErrorCodes.BAD_INPUT, `The request body is larger than ${limit} bytes`, {
    details: { status: 413 },
  });
}

/** The body parsed as JSON; BAD_INPUT for anything else. */
export async function readJson(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readBody(req, limit);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HelpdeskError(ErrorCodes.BAD_INPUT, 'The request body is not valid JSON', { cause: error });
  }
}

/** Sends a JSON answer (nothing when the response was already sent). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Sends text or HTML. */
export function sendText(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The HTTP status for an error a handler threw: what the client got wrong is 4xx with its
 * message, anything else 500 without details (the log has them).
 */
export function statusOf(error: unknown): { status: number; message: string } {
  if (error instanceof HelpdeskError) {
    const explicit = error.details?.status;
    if (typeof explicit === 'number') return { status: explicit, message: error.message };
    switch (error.code) {
      case ErrorCodes.BAD_INPUT:
        return { status: 400, message: error.message };
      case ErrorCodes.FORBIDDEN:
        return { status: 403, message: error.message };
      case ErrorCodes.NOT_FOUND:
        return { status: 404, message: error.message };
      case ErrorCodes.INVALID_STATE:
        return { status: 409, message: error.message };
      default:
        break;
    }
  }
  return { status: 500, message: 'Internal error' };
}
