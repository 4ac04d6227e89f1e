/**
 * Says on `/readiness` whether the Redis shared by the replicas answers, in an `x-redis: up|down`
 * header. Readiness itself stays the upstream's verdict: without Redis the gateway still serves,
 * from its own cache and within its own rate limit, so a load balancer must not drop it.
 */
import type { Plugin } from 'graphql-yoga';
import type { Upstream } from '../ecr/guard/upstream';

export function useRedisStatus(upstream: Upstream, endpoint = '/readiness'): Plugin {
  return {
    onResponse({ request, response }) {
      const state = upstream.redis?.();
      if (state && new URL(request.url).pathname === endpoint) response.headers.set('x-redis', state);
    },
  };
}
