/**
 * HTTP checks, before Yoga parses anything. A POST must be JSON: browsers cannot send JSON
 * cross-site without a CORS preflight, so no page can make a visitor's browser run an operation
 * here (CSRF), and form or multipart bodies never reach the parser. GET stays open for queries, as
 * GraphQL over HTTP has it; Yoga never runs a mutation from a GET, and this API has none.
 *
 * REQUEST_MAX_BYTES bounds the body as it streams: a Content-Length past it is refused unread, and
 * any body (chunked, or with no or a false Content-Length) is counted as the parser reads it and
 * refused the moment it passes the limit, so no body larger than the limit is ever held or parsed.
 * Every request parser is wrapped, and no hook before parsing reads the body (the response cache's
 * conditional check works from the parsed params). main.ts counts the same bytes again at the
 * socket (http/body-limit.ts), where it also cuts the connection.
 */
import type { Plugin } from 'graphql-yoga';
import { ErrorCode, refusal } from '../../errors';
import { refusalResponse } from './refusal-response';

const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

const tooLarge = (maxBodyBytes: number) =>
  refusal(ErrorCode.BAD_REQUEST, `Request body is larger than ${maxBodyBytes} bytes`, 413);

/** The 413 answer's JSON body, for the socket's own count (main.ts, http/body-limit.ts). */
export function bodyTooLargeText(maxBodyBytes: number): string {
  const { message, extensions } = tooLarge(maxBodyBytes);
  return JSON.stringify({ errors: [{ message, extensions: { code: extensions.code } }] });
}

type FetchApi = { Request: typeof Request; TransformStream: typeof TransformStream };

/** The request with its body counted as it is read, failing with a 413 refusal past the limit. */
function limitedBody(request: Request, maxBodyBytes: number, fetchAPI: FetchApi): Request {
  const body = request.body;
  if (!body) return request;
  // A native stream pipes only into a native TransformStream, a ponyfilled one into the ponyfill's
  // (as graphql-yoga's own body limit does: graphql-yoga#4583).
  const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let received = 0;
  const counted = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > maxBodyBytes) controller.error(tooLarge(maxBodyBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: counted,
    duplex: 'half',
  } as RequestInit);
}

export function useHttpLimits(maxBodyBytes: number): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST') return;
      const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!JSON_TYPES.includes(type)) {
        endResponse(refusalResponse(refusal(ErrorCode.BAD_REQUEST, 'POST bodies must be application/json', 415)));
        return;
      }
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > maxBodyBytes) endResponse(refusalResponse(tooLarge(maxBodyBytes)));
    },
    onRequestParse({ requestParser, setRequestParser, fetchAPI }) {
      if (!requestParser) return;
      setRequestParser((request) => requestParser(limitedBody(request, maxBodyBytes, fetchAPI as FetchApi)));
    },
  };
}
