/**
 * HTTP checks, before Yoga parses anything. A POST must be JSON: browsers cannot send JSON
 * cross-site without a CORS preflight, so no page can make a visitor's browser run an operation
 * here (CSRF), and form or multipart bodies never reach the parser. GET stays open for queries, as
 * GraphQL over HTTP has it; Yoga never runs a mutation from a GET, and this API has none. A body
 * whose Content-Length passes REQUEST_MAX_BYTES is refused unread.
 */
import type { Plugin } from 'graphql-yoga';
import { ErrorCode, refusal } from '../../errors';
import { refusalResponse } from './refusal-response';

const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

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
      if (length > maxBodyBytes) {
        endResponse(
          refusalResponse(refusal(ErrorCode.BAD_REQUEST, `Request body is larger than ${maxBodyBytes} bytes`, 413)),
        );
      }
    },
  };
}
