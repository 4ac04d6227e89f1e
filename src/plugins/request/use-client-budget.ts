/**
 * A per-client request budget (rate-limiter-flexible): at most `maxRps` GraphQL requests a second
 * from one client, the rest answered 429 with Retry-After before the body is read. With
 * authentication on, a client is its bearer token (hashed, never stored; a made-up one is refused
 * with 401 anyway); otherwise, and for requests without one, its socket's address, so inventing a
 * header per request buys no fresh budget.
 *
 * Counted in `onRequestParse`, which Yoga runs for every request it is about to serve as GraphQL,
 * whatever its path: Yoga serves GraphQL on any path that ends in `/graphql` (`/graphql/`,
 * `/x/graphql`, `/?a=/graphql`), which a path check here let through uncounted. Listed before
 * useAuth in server.ts, so it counts before a token is verified.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ErrorCode, refusal } from '../../errors';
import { refusalResponse } from './refusal-response';
import { bearerToken } from './use-auth';

interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string } };
}

function clientOf(request: Request, serverContext: unknown, byToken: boolean): string {
  // The token, not the header: `bearer t` and `Bearer  t` are one client, with one budget.
  const token = byToken ? bearerToken(request.headers.get('authorization')) : undefined;
  if (token) return `token:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}`;
  return `addr:${(serverContext as NodeServerContext).req?.socket?.remoteAddress ?? 'unknown'}`;
}

export function useClientBudget(options: { maxRps: number; byToken: boolean }): Plugin {
  const limiter = new RateLimiterMemory({ points: options.maxRps, duration: 1 });
  return {
    async onRequestParse({ request, serverContext, endResponse }) {
      try {
        await limiter.consume(clientOf(request, serverContext, options.byToken));
      } catch (refused) {
        if (!(refused instanceof RateLimiterRes)) throw refused;
        const retryAfter = Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
        endResponse(
          refusalResponse(
            refusal(ErrorCode.RATE_LIMITED, `Too many requests; retry in ${retryAfter} s`, 429, {
              'retry-after': String(retryAfter),
            }),
          ),
        );
      }
    },
  };
}
