/**
 * Structured JSON logs (pino), one line per request, each with a request id: the caller's
 * `x-request-id` when it is a sane token, else a fresh UUID; sent back in the response's
 * `x-request-id` header so a client can quote it.
 */
import { randomUUID } from 'node:crypto';
import type { Plugin, YogaLogger } from 'graphql-yoga';
import pino, { type Logger } from 'pino';

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const ids = new WeakMap<Request, { id: string; started: number }>();

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'ecr-public-gateway' }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** Yoga's own log calls, into pino. */
export function yogaLogger(logger: Logger): YogaLogger {
  const forward =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]): void => {
      const [first, ...rest] = args;
      if (first instanceof Error) logger[level]({ err: first }, rest.map(String).join(' ') || first.message);
      else logger[level](args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
    };
  return { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
}

export function useRequestLogging(logger: Logger): Plugin {
  return {
    onRequest({ request }) {
      const given = request.headers.get('x-request-id');
      ids.set(request, { id: given && REQUEST_ID.test(given) ? given : randomUUID(), started: performance.now() });
    },
    onResponse({ request, response }) {
      const entry = ids.get(request);
      if (!entry) return;
      response.headers.set('x-request-id', entry.id);
      const url = new URL(request.url);
      logger.info(
        {
          reqId: entry.id,
          method: request.method,
          path: url.pathname,
          status: response.status,
          ms: Math.round((performance.now() - entry.started) * 10) / 10,
        },
        'request',
      );
    },
  };
}
