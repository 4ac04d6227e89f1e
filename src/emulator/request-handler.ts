/**
 * The in-process transport: a Smithy HttpHandler for `new ECRPUBLICClient({ requestHandler })` that
 * hands each request to `handle` with no socket, and rejects as @smithy/node-http-handler rejects
 * when the call is dropped or aborted (see transport-errors.ts).
 */
import { Readable } from 'node:stream';
import type { HttpHandler } from '@smithy/core/protocols';
import type { EmulatorRequest, EmulatorResponse } from './types';

type Handle = (req: EmulatorRequest, signal?: AbortSignal) => Promise<EmulatorResponse>;
type SmithyRequest = Parameters<HttpHandler['handle']>[0];
type SignalLike = { aborted: boolean; reason?: unknown; onabort?: unknown; addEventListener?: unknown };

function queryString(query: SmithyRequest['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== null && v !== undefined) params.append(key, v);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function bodyOf(body: unknown): Promise<Uint8Array | string> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  throw new TypeError('unsupported request body');
}

/** The SDK may pass a native AbortSignal or the older `onabort`-only one; `handle` takes a native one. */
function nativeSignal(signal: SignalLike | undefined): AbortSignal | undefined {
  if (!signal || typeof signal.addEventListener === 'function') return signal as AbortSignal | undefined;
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.onabort = () => controller.abort(signal.reason);
  return controller.signal;
}

export function createRequestHandler(handle: Handle): HttpHandler {
  return {
    async handle(request, options) {
      const res = await handle(
        {
          method: request.method,
          path: `${request.path}${queryString(request.query)}`,
          headers: { ...request.headers },
          body: await bodyOf(request.body),
        },
        nativeSignal(options?.abortSignal as SignalLike | undefined),
      );
      const body = res.stream ? Readable.from(res.stream()) : Buffer.from(res.body);
      return { response: { statusCode: res.status, headers: { ...res.headers }, body } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}
