/**
 * GraphQL over WebSocket (`graphql-transport-ws`, the graphql-ws library) on the GraphQL path of
 * main.ts's server. Every operation a client subscribes to runs as an ordinary HTTP request through
 * the gateway (`handle`: Yoga's fetch) asking for SSE, with the upgrade request's address and the
 * client's bearer token (the upgrade's Authorization header, or `authorization` in the
 * connection_init payload, which is all a browser can send): so a WebSocket operation meets the
 * same auth, client budget, body, depth and cost limits and SUBSCRIPTIONS_MAX as any request, and
 * is executed by the same Yoga. A refusal before execution comes back as an `error` message.
 * Imports nothing of the gateway.
 */
import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, type GraphQLSchema, parse } from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { sseResults } from './sse-reader';

export interface GraphqlWsOptions {
  /** Where GraphQL is served (`/graphql`). */
  path: string;
  /** REQUEST_MAX_BYTES: the largest message a client may send. */
  maxPayloadBytes: number;
  /** Serves one request as the gateway's HTTP handler would. */
  handle(request: Request, serverContext: { req: IncomingMessage }): Promise<Response>;
  /** WebSocket pings, so idle streams survive proxies. @default 12000 */
  keepAliveMs?: number;
}

export interface GraphqlWs {
  /** Waits (at most `graceMs`) for every subscription to have sent `complete`, then closes every socket. */
  close(graceMs?: number): Promise<void>;
}

/** The document graphql-ws is handed: the real one travels to Yoga untouched, where it is parsed and checked. */
const FORWARDED = parse('subscription Forwarded { __typename }');

type Extra = { request: IncomingMessage };

function tokenOf(ctx: Context<Record<string, unknown> | undefined, Extra>): string | undefined {
  const header = ctx.extra.request.headers.authorization;
  if (header) return header;
  const param = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
  return typeof param === 'string' ? param : undefined;
}

function errorsOf(body: unknown): GraphQLError[] {
  const errors = (body as { errors?: { message?: string; extensions?: Record<string, unknown> }[] }).errors ?? [];
  return errors.map((e) => new GraphQLError(e.message ?? 'Error', { extensions: e.extensions ?? {} }));
}

/** The first result of a stream, which is then cancelled (Yoga stops its keep-alive with it). */
async function firstResult(body: ReadableStream<Uint8Array>): Promise<Record<string, unknown> | undefined> {
  const results = sseResults(body);
  try {
    return (await results.next()).value ?? undefined;
  } finally {
    await results.return?.();
  }
}

export function attachGraphqlWs(server: Server, options: GraphqlWsOptions): GraphqlWs {
  const wss = new WebSocketServer({ server, path: options.path, maxPayload: options.maxPayloadBytes });
  const contexts = new Set<Context<Record<string, unknown> | undefined, Extra>>();
  const responses = new WeakMap<object, Response>();
  useServer<Record<string, unknown> | undefined, Extra>(
    {
      onConnect: (ctx) => {
        contexts.add(ctx);
        return true;
      },
      onClose: (ctx) => {
        contexts.delete(ctx);
      },
      onSubscribe: async (ctx, _id, payload) => {
        const headers = new Headers({ 'content-type': 'application/json', accept: 'text/event-stream' });
        const token = tokenOf(ctx);
        if (token) headers.set('authorization', token);
        const request = new Request(`http://localhost${options.path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(payload),
        });
        const response = await options.handle(request, { req: ctx.extra.request });
        const streamed = (response.headers.get('content-type') ?? '').includes('text/event-stream');
        if (!streamed || !response.body || response.status >= 400) {
          // Refused before execution (401, 413, 429, 400): one answer, sent as an `error` message.
          const first = streamed && response.body ? await firstResult(response.body) : undefined;
          const errors = errorsOf(first ?? (await response.json().catch(() => ({}))));
          return errors.length > 0 ? errors : [new GraphQLError(`Refused with HTTP ${response.status}`)];
        }
        const contextValue = {};
        responses.set(contextValue, response);
        return { schema: undefined as unknown as GraphQLSchema, document: FORWARDED, contextValue };
      },
      subscribe: (args) => {
        const response = responses.get(args.contextValue as object);
        if (!response?.body) return { errors: [new GraphQLError('No stream')] };
        return sseResults(response.body) as AsyncIterableIterator<never>;
      },
    },
    wss,
    options.keepAliveMs ?? 12_000,
  );
  return {
    async close(graceMs = 2000) {
      const deadline = Date.now() + graceMs;
      const busy = () => [...contexts].some((ctx) => Object.keys(ctx.subscriptions).length > 0);
      while (busy() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      for (const client of wss.clients) client.close(1001, 'Going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
