/**
 * The registry behind the gateway (src/registry), wired as backend.ts wires the API: the embedded
 * emulator in-process (its handler, no socket) or real HTTP to ECR_PUBLIC_REGISTRY_URL; authenticated
 * through the one ECR Public client's GetAuthorizationToken, else anonymous; REGISTRY_MAX_RPS and the
 * stores in memory, or shared through Redis with REDIS_URL.
 */
import type { ECRPUBLICClient } from '@aws-sdk/client-ecr-public';
import type { GatewayConfig } from './config';
import { createRateLimiter } from './ecr/guard/rate-limit';
import { createMemoryCache } from './ecr/guard/stores';
import { createRedisCache } from './redis/cache-store';
import type { RedisLink } from './redis/link';
import { createRedisRateLimiter } from './redis/rate-limiter';
import { createRedisContentStore } from './redis/registry-content';
import { createRegistry, type RegistryClient, type RegistryFetch } from './registry';
import { createMemoryContentStore } from './registry/content-store';
import { awsRegistryCredentials } from './registry/credentials';
import { type InProcessHandle, inProcessFetch } from './registry/in-process';

/** Tags, tag pages and referrers kept for the TTL: small documents, a few MiB at most. */
const LISTINGS_MAX_BYTES = 8 * 1024 * 1024;

/** The registry over real HTTP: redirects are the client's to follow (a blob's location is no registry request). */
export const httpRegistryFetch: RegistryFetch = (url, init) => fetch(url, { ...init, redirect: 'manual' });

export interface RegistryWiring {
  /** The embedded emulator's handler; absent: HTTP to ECR_PUBLIC_REGISTRY_URL. */
  handle?: InProcessHandle;
  /** The one ECR Public client, whose GetAuthorizationToken authenticates pulls. */
  client: ECRPUBLICClient;
  link?: RedisLink;
  /** Overrides the registry's breaker (tests). */
  breakerResetMs?: number;
}

export function createRegistryBackend(
  config: Pick<GatewayConfig, 'registry' | 'upstreamTimeoutMs' | 'upstreamCacheTtlMs' | 'redisKeyPrefix'>,
  wiring: RegistryWiring,
): RegistryClient {
  const { link } = wiring;
  const prefix = config.redisKeyPrefix;
  const ttlMs = config.upstreamCacheTtlMs;
  const maxBytes = config.registry.cacheMaxBytes;
  return createRegistry({
    baseUrl: config.registry.url,
    fetch: wiring.handle ? inProcessFetch(wiring.handle) : httpRegistryFetch,
    timeoutMs: config.upstreamTimeoutMs,
    maxRps: config.registry.maxRps,
    limiter: (max) =>
      link
        ? createRedisRateLimiter(link, {
            maxPerSecond: max,
            key: `${prefix}registry-ratelimit`,
            fallback: createRateLimiter(max),
          })
        : createRateLimiter(max),
    credentials: awsRegistryCredentials(wiring.client, config.upstreamTimeoutMs),
    contents:
      ttlMs > 0 && maxBytes > 0
        ? link
          ? createRedisContentStore(link, { prefix, maxBytes })
          : createMemoryContentStore(maxBytes)
        : undefined,
    listings:
      ttlMs > 0
        ? link
          ? createRedisCache(link, { prefix: `${prefix}registry:`, ttlMs, maxBytes: LISTINGS_MAX_BYTES })
          : createMemoryCache({ ttlMs, maxBytes: LISTINGS_MAX_BYTES })
        : undefined,
    ...(wiring.breakerResetMs === undefined ? {} : { breakerResetMs: wiring.breakerResetMs }),
  });
}
