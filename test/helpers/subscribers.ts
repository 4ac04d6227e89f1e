/**
 * Subscribers as clients are: GraphQL over SSE (a POST with `Accept: text/event-stream`, read event
 * by event) and graphql-ws (the library's own client over `ws`). Each collects what it receives,
 * and `next()` waits for the next payload: a signal, never a sleep.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { GraphQLResponse } from './stack';

export interface Subscriber {
  /** Every payload received so far, in order. */
  received: GraphQLResponse[];
  /** The next payload not yet taken by `next`; rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<GraphQLResponse>;
  /** Resolves when the server completed the stream. */
  completed: Promise<void>;
  close(): void;
}

function collector(): {
  push(payload: GraphQLResponse): void;
  subscriber: Omit<Subscriber, 'completed' | 'close'>;
} {
  const received: GraphQLResponse[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  return {
    push(payload) {
      received.push(payload);
      for (const wake of waiters.splice(0)) wake();
    },
    subscriber: {
      received,
      next(timeoutMs = 10_000) {
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no event in ${timeoutMs} ms`)), timeoutMs);
          const check = (): void => {
            const payload = received[taken];
            if (payload === undefined) {
              waiters.push(check);
              return;
            }
            taken++;
            clearTimeout(timer);
            resolve(payload);
          };
          check();
        });
      },
    },
  };
}

type Fetch = (url: string, init: RequestInit) => Promise<Response> | Response;

/** Opens an SSE subscription; resolves once the gateway answered (the stream is open and watched). */
export async function sseSubscriber(
  fetchFn: Fetch,
  url: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<Subscriber & { status: number; contentType: string }> {
  const abort = new AbortController();
  const response = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query }),
    signal: abort.signal,
  });
  const { push, subscriber } = collector();
  const contentType = response.headers.get('content-type') ?? '';
  const reader = response.body?.getReader();
  const completed = (async () => {
    if (!reader) return;
    if (!contentType.includes('text/event-stream')) {
      // Refused before any stream: one JSON answer.
      push(
        (await new Response(
          new ReadableStream({
            pull: async (c) => {
              const { done, value } = await reader.read();
              if (done) c.close();
              else c.enqueue(value);
            },
          }),
        ).json()) as GraphQLResponse,
      );
      return;
    }
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          if (lines.includes('event: complete')) return;
          const data = lines.find((line) => line.startsWith('data: '));
          if (lines.includes('event: next') && data) push(JSON.parse(data.slice(6)) as GraphQLResponse);
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    ...subscriber,
    status: response.status,
    contentType,
    completed,
    close: () => {
      // Cancelling the body ends the operation, in process and over HTTP alike.
      void reader?.cancel().catch(() => undefined);
      abort.abort();
    },
  };
}

/** Subscribes over graphql-ws; `completed` resolves on the server's `complete` message. */
export function wsSubscriber(
  url: string,
  query: string,
  connectionParams?: Record<string, unknown>,
): Subscriber & { errors: Promise<unknown> } {
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    ...(connectionParams ? { connectionParams } : {}),
  });
  const { push, subscriber } = collector();
  let failed: (error: unknown) => void = () => undefined;
  const errors = new Promise<unknown>((resolve) => {
    failed = resolve;
  });
  const completed = new Promise<void>((resolve) => {
    client.subscribe<Record<string, unknown>>(
      { query },
      {
        next: (value) => push(value as GraphQLResponse),
        error: (error) => {
          failed(error);
          resolve();
        },
        complete: () => resolve(),
      },
    );
  });
  return { ...subscriber, completed, errors, close: () => void client.dispose() };
}
