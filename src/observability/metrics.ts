/**
 * Prometheus metrics: GraphQL operations and their latency (graphql-metrics.ts, on @graphql-yoga/plugin-
 * prometheus) and the upstream counters of ecr/guard: calls by AWS operation and outcome,
 * their latency, retries, cache hits, coalesced calls, time queued behind the rate limit, and the
 * circuit breaker's state. Each gateway has its own registry, so tests can run several.
 */
import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { UpstreamObserver } from '../ecr/guard/call-stats';
import type { WatchObserver } from '../watch';
import { graphqlMetrics } from './graphql-metrics';
import { watchMetrics } from './watch-metrics';

export interface Metrics {
  registry: Registry;
  /** Feeds the upstream counters; hand it to createUpstream. */
  observer: UpstreamObserver;
  /** Feeds the live-change metrics (watch-metrics.ts); hand it to createWatch. */
  watch: WatchObserver;
  /** Requests and connections the HTTP edge refused before Yoga saw them, by reason. */
  edgeRefused: Counter<'reason'>;
  /** Records GraphQL operations; serves `/metrics` on the GraphQL port when `endpoint` is true. */
  plugin(options: { endpoint: boolean }): Plugin;
}

const BREAKER_STATES = { closed: 0, halfOpen: 1, open: 2 } as const;

export function createMetrics(): Metrics {
  const registry = new Registry();
  // Process metrics: memory, CPU, event-loop lag, handles.
  collectDefaultMetrics({ register: registry });
  const calls = new Counter({
    name: 'ecr_public_upstream_calls_total',
    help: 'Calls to ECR Public by AWS operation and outcome (ok or the gateway error code).',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'ecr_public_upstream_call_duration_seconds',
    help: 'Time of one upstream call, retries included.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const retries = new Counter({
    name: 'ecr_public_upstream_retries_total',
    help: 'Retries the SDK made, by AWS operation.',
    labelNames: ['operation'],
    registers: [registry],
  });
  const cacheHits = new Counter({
    name: 'ecr_public_upstream_cache_hits_total',
    help: 'Upstream answers served from the cache, by AWS operation.',
    labelNames: ['operation'],
    registers: [registry],
  });
  const coalesced = new Counter({
    name: 'ecr_public_upstream_coalesced_total',
    help: 'Calls that shared an identical call already in flight, by AWS operation.',
    labelNames: ['operation'],
    registers: [registry],
  });
  const queued = new Histogram({
    name: 'ecr_public_upstream_queue_seconds',
    help: 'Time an upstream attempt waited for the client-side rate limit.',
    buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const breaker = new Gauge({
    name: 'ecr_public_upstream_breaker_state',
    help: 'Circuit breaker: 0 closed, 1 half-open, 2 open (failing fast).',
    registers: [registry],
  });
  breaker.set(0);
  const edgeRefused = new Counter({
    name: 'gateway_http_refused_total',
    help: 'Requests and connections refused at the HTTP edge: body_too_large, connections_per_address, max_connections.',
    labelNames: ['reason'],
    registers: [registry],
  });
  // Registered on first report, so a gateway without REDIS_URL exports no misleading 0.
  let redisUp: Gauge | undefined;

  return {
    registry,
    edgeRefused,
    watch: watchMetrics(registry),
    observer: {
      call: (operation, outcome, seconds) => {
        calls.inc({ operation, outcome });
        duration.observe({ operation }, seconds);
      },
      retries: (operation, count) => retries.inc({ operation }, count),
      cacheHit: (operation) => cacheHits.inc({ operation }),
      coalesced: (operation) => coalesced.inc({ operation }),
      queued: (seconds) => queued.observe(seconds),
      breaker: (state) => breaker.set(BREAKER_STATES[state]),
      redis: (up) => {
        redisUp ??= new Gauge({
          name: 'ecr_public_redis_up',
          help: '1 while the Redis shared by the replicas answers; 0 while this one uses its own cache and rate limit.',
          registers: [registry],
        });
        redisUp.set(up ? 1 : 0);
      },
    },
    plugin: (options) => graphqlMetrics(registry, options),
  };
}
