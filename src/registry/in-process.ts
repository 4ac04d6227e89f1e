/**
 * The embedded backend's registry: a RegistryFetch that hands each request to the in-process
 * emulator's handler, as the SDK's requestHandler does for the API (no socket). Typed by shape, so
 * the gateway imports nothing of the emulator; backend.ts wires the two.
 */
import { Readable } from 'node:stream';
import type { RegistryFetch } from './transport';

interface HandledRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}
interface HandledResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  stream?: () => Iterable<Buffer>;
}
export type InProcessHandle = (req: HandledRequest, signal?: AbortSignal) => Promise<HandledResponse>;

export function inProcessFetch(handle: InProcessHandle): RegistryFetch {
  return async (url, init) => {
    const target = new URL(url);
    const answer = await handle(
      {
        method: init.method,
        path: `${target.pathname}${target.search}`,
        headers: { ...init.headers, host: target.host },
        body: '',
      },
      init.signal,
    );
    const body = answer.stream
      ? (Readable.toWeb(Readable.from(answer.stream())) as ReadableStream<Uint8Array>)
      : answer.body;
    // A redirect's or an empty answer's status forbids no body here: Response allows one for 3xx.
    const noBody = answer.status === 204 || answer.status === 304;
    return new Response(noBody ? null : body, { status: answer.status, headers: answer.headers });
  };
}
