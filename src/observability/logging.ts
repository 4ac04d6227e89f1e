/**
 * Structured JSON logs (pino), one line per request, each with a request id: the caller's
 * `x-request-id` when it is a sane token, else a fresh UUID; sent back in the response's
 * `x-request-id` header so a client can quote it.
 *
 * The line says what the request was and what it cost: the operation's name and type, the error
 * codes it answered, its upstream calls, cache hits, coalesced calls and retries (the `cost`
 * extension's figures), whether the response cache answered it, status and duration. Its level
 * follows the worst outcome: error for a fault of the gateway's own, warn when ECR Public failed
 * it, info otherwise (a client's mistake is the client's to read).
 */
import { randomUUID } from 'node:crypto';
import { getOperationAST } from 'graphql';
import type { Plugin, YogaLogger } from 'graphql-yoga';
import pino, { type Logger } from 'pino';
import type { CallStats } from '../ecr/guard/call-stats';
import { ErrorCode } from '../errors';
import { servedFromResponseCache } from '../plugins/caching/use-response-cache';
import { refusalCodeOf } from '../plugins/request/refusal-response';

const REQUEST_ID = /^[\w.:-]{1,128}$/;
/** A client names its operation; the log keeps no more of the name than this. */
const NAME_MAX = 128;

interface RequestRecord {
  id: string;
  started: number;
  operationName?: string;
  operationType?: string;
  stats?: CallStats;
  codes: Set<string>;
  responseCache?: true;
}

const records = new WeakMap<Request, RequestRecord>();

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

function collectCodes(result: unknown, codes: Set<string>): void {
  if (Array.isArray(result)) {
    for (const each of result) collectCodes(each, codes);
    return;
  }
  const errors = (result as { errors?: ReadonlyArray<{ extensions?: { code?: unknown } }> } | undefined)?.errors;
  for (const error of errors ?? []) {
    const code = error.extensions?.code;
    codes.add(typeof code === 'string' ? code : ErrorCode.INTERNAL_SERVER_ERROR);
  }
}

function levelOf(status: number, codes: Set<string>): 'error' | 'warn' | 'info' {
  if (status >= 500 || codes.has(ErrorCode.INTERNAL_SERVER_ERROR)) return 'error';
  for (const code of codes) if (code.startsWith('UPSTREAM_')) return 'warn';
  return 'info';
}

function upstreamFields(stats: CallStats | undefined): Record<string, unknown> {
  if (!stats) return { upstreamCalls: 0 };
  let total = 0;
  for (const count of Object.values(stats.upstreamCalls)) total += count;
  return {
    upstreamCalls: total,
    ...(total ? { calls: { ...stats.upstreamCalls } } : {}),
    cacheHits: stats.cacheHits,
    coalesced: stats.coalesced,
    retries: stats.retries,
  };
}

export function useRequestLogging(logger: Logger): Plugin {
  return {
    onRequest({ request }) {
      const given = request.headers.get('x-request-id');
      records.set(request, {
        id: given && REQUEST_ID.test(given) ? given : randomUUID(),
        started: performance.now(),
        codes: new Set(),
      });
    },
    onParams({ params, request }) {
      const record = records.get(request);
      if (record && typeof params.operationName === 'string') record.operationName = params.operationName;
    },
    onExecute({ args }) {
      const context = args.contextValue as { request?: Request; stats?: CallStats };
      const record = context.request && records.get(context.request);
      if (!record) return;
      const operation = getOperationAST(args.document, args.operationName);
      record.operationType = operation?.operation;
      record.operationName ??= operation?.name?.value;
      record.stats = context.stats;
    },
    onResultProcess({ request, result }) {
      const record = records.get(request);
      if (!record) return;
      if (servedFromResponseCache(result)) record.responseCache = true;
      if (!(Symbol.asyncIterator in (result as object))) collectCodes(result, record.codes);
    },
    onResponse({ request, response }) {
      const record = records.get(request);
      if (!record) return;
      response.headers.set('x-request-id', record.id);
      const refused = refusalCodeOf(response);
      if (refused) record.codes.add(refused);
      const url = new URL(request.url);
      const codes = [...record.codes];
      logger[levelOf(response.status, record.codes)](
        {
          reqId: record.id,
          method: request.method,
          path: url.pathname,
          status: response.status,
          ...(record.operationName === undefined ? {} : { operationName: record.operationName.slice(0, NAME_MAX) }),
          ...(record.operationType ? { operationType: record.operationType } : {}),
          ...(codes.length ? { errors: codes } : {}),
          ...upstreamFields(record.stats),
          ...(record.responseCache ? { responseCache: true } : {}),
          ms: Math.round((performance.now() - record.started) * 10) / 10,
        },
        'request',
      );
    },
  };
}
