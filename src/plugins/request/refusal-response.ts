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

export function refusalResponse(error: GraphQLError): Response {
  const { http, ...extensions } = error.extensions as { http?: HttpExtension };
  return new Response(JSON.stringify({ errors: [{ message: error.message, extensions }] }), {
    status: http?.status ?? 400,
    headers: { 'content-type': 'application/json', ...http?.headers },
  });
}
