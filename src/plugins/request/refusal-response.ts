/**
 * A refusal (errors.ts `refusal`) as the HTTP answer of a hook that runs before Yoga parses the
 * request (`onRequest`), where no GraphQL result exists yet to carry it: the same body and status
 * Yoga gives a refusal it meets later, `extensions.http` taken out of the body and applied.
 */
import type { GraphQLError } from 'graphql';

interface HttpExtension {
  status?: number;
  headers?: Record<string, string>;
}

const codes = new WeakMap<Response, string>();

export function refusalResponse(error: GraphQLError): Response {
  const { http, ...extensions } = error.extensions as { http?: HttpExtension; code?: unknown };
  const response = new Response(JSON.stringify({ errors: [{ message: error.message, extensions }] }), {
    status: http?.status ?? 400,
    headers: { 'content-type': 'application/json', ...http?.headers },
  });
  if (typeof extensions.code === 'string') codes.set(response, extensions.code);
  return response;
}

/** The error code of a refusal built here, for the request log; undefined for any other answer. */
export const refusalCodeOf = (response: Response): string | undefined => codes.get(response);
