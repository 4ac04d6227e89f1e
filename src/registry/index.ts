/**
 * The registry room's one factory: transport (budget, breaker, REGISTRY_MAX_RPS, deadline), tokens
 * (anonymous, or Basic with GetAuthorizationToken's credentials) and the client with its stores.
 * backend.ts chooses the fetch (real, or the embedded emulator's in-process one) and the stores
 * (memory, or Redis with REDIS_URL).
 */
import type { RateLimiter } from '../ecr/guard/rate-limit';
import type { CacheStore } from '../ecr/guard/stores';
import { createRegistryClient, type RegistryClient } from './client';
import type { ContentStore } from './content-store';
import { ANONYMOUS_PULL_RPS, AUTHENTICATED_PULL_RPS, createRegistryLimiter } from './limit';
import { createTokens, type RegistryCredentials } from './tokens';
import { createTransport, type RegistryFetch } from './transport';

export type { Manifest, Referrer, RegistryClient, RequestRegistry, TagPage } from './client';
export type { RegistryFetch } from './transport';

export interface RegistryOptions {
  /** ECR_PUBLIC_REGISTRY_URL. */
  baseUrl: string;
  fetch: RegistryFetch;
  /** UPSTREAM_TIMEOUT_MS, per request. */
  timeoutMs: number;
  /** REGISTRY_MAX_RPS; undefined: by the pull mode (limit.ts). */
  maxRps: number | undefined;
  /** Builds the limiter at the chosen rate: in memory, or shared through Redis. */
  limiter: (maxPerSecond: number) => RateLimiter;
  /** GetAuthorizationToken's Basic credentials; absent: anonymous pulls only. */
  credentials?: RegistryCredentials;
  contents: ContentStore | undefined;
  listings: CacheStore | undefined;
  breakerResetMs?: number;
}

export function createRegistry(options: RegistryOptions): RegistryClient {
  const { credentials } = options;
  const rate = async (): Promise<number> => {
    if (options.maxRps !== undefined) return options.maxRps;
    const basic = credentials ? await credentials(undefined) : undefined;
    return basic ? AUTHENTICATED_PULL_RPS : ANONYMOUS_PULL_RPS;
  };
  const transport = createTransport({
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    limiter: createRegistryLimiter(rate, options.limiter),
    ...(options.breakerResetMs === undefined ? {} : { breakerResetMs: options.breakerResetMs }),
  });
  return createRegistryClient({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    transport,
    tokens: createTokens(transport, credentials),
    contents: options.contents,
    listings: options.listings,
  });
}
