/**
 * The upstream the gateway talks to: the embedded emulator (in-process, no socket, the demo
 * catalog or ECR_PUBLIC_FIXTURE) or the real ECR Public API. Either way the unmodified SDK client
 * and the same wrapper carry every call: only the request handler differs.
 * With REDIS_URL the wrapper's stores are the Redis ones, shared by every replica; each falls back
 * to memory while Redis is down or slow, and the change is logged and exported as a metric.
 */
import type { Cache } from '@graphql-yoga/plugin-response-cache';
import type { Logger } from 'pino';
import { createRegistryBackend } from './backend-registry';
import type { GatewayConfig } from './config';
import { ConfigError } from './config';
import { createEcrPublicClient } from './ecr/client';
import type { UpstreamObserver } from './ecr/guard/call-stats';
import { createRateLimiter } from './ecr/guard/rate-limit';
import type { UpstreamStores } from './ecr/guard/stores';
import { createUpstream, type Upstream } from './ecr/guard/upstream';
import { createDemoCatalog, createEmulator, type Emulator, loadFixture } from './emulator';
import type { DocumentStore } from './plugins/documents/document-store';
import { createRedisCache } from './redis/cache-store';
import { createRedisCoalescer } from './redis/coalescer';
import { createSharedDocumentStore } from './redis/document-store';
import { createRedisLink, type RedisLink } from './redis/link';
import { createRedisRateLimiter } from './redis/rate-limiter';
import { createSharedResponseStore } from './redis/response-store';
import type { RegistryClient } from './registry';
import { createWatch, type WatchHub, type WatchObserver } from './watch';

export interface Backend {
  upstream: Upstream;
  /** The registry of image contents: the emulator's in-process, or ECR_PUBLIC_REGISTRY_URL. */
  registry: RegistryClient;
  /** The in-process emulator, for the embedded backend. */
  emulator: Emulator | undefined;
  /** Shares the whole-response cache through Redis (REDIS_URL); absent without it. */
  shareResponses?: (local: Cache) => Cache;
  /** Shares APQ registrations through Redis (REDIS_URL); absent without it. */
  shareDocuments?: (local: DocumentStore) => DocumentStore;
  /** Live changes: one poller per repository, for all replicas with REDIS_URL. */
  watch: WatchHub;
  /** Closes the Redis connections, if any. */
  close(): Promise<void>;
  /** ECR_PUBLIC_BACKEND=aws: why the SDK finds no credentials, or undefined when it finds some. */
  credentialsProblem?(): Promise<string | undefined>;
}

/** The Redis stores, each over the same link and falling back to its in-memory twin. */
function createSharedStores(
  config: GatewayConfig,
  url: string,
  observer?: UpstreamObserver,
  logger?: Logger,
): { link: RedisLink; stores: UpstreamStores } {
  const link = createRedisLink(url, { commandTimeoutMs: config.redisCommandTimeoutMs });
  observer?.redis?.(false);
  link.onChange((up, reason) => {
    observer?.redis?.(up);
    if (up) logger?.info('redis up: the upstream cache, coalescing and the AWS rate limit are shared');
    else logger?.warn({ reason }, "redis down: serving with this replica's own cache and rate limit until it is back");
  });
  const prefix = config.redisKeyPrefix;
  return {
    link,
    stores: {
      cache:
        config.upstreamCacheTtlMs > 0
          ? createRedisCache(link, { prefix, ttlMs: config.upstreamCacheTtlMs, maxBytes: config.upstreamCacheMaxBytes })
          : undefined,
      // A waiter gives the holder as long as one call may take, then calls itself.
      coalescer: createRedisCoalescer(link, { prefix, waitMs: config.upstreamTimeoutMs }),
      limiter: createRedisRateLimiter(link, {
        maxPerSecond: config.upstreamMaxRps,
        key: `${prefix}ratelimit`,
        fallback: createRateLimiter(config.upstreamMaxRps),
      }),
    },
  };
}

/** Builds the backend; a fixture that cannot be read or is invalid is a ConfigError. */
export function createBackend(
  config: GatewayConfig,
  observer?: UpstreamObserver,
  logger?: Logger,
  watchObserver?: WatchObserver,
): Backend {
  const shared = config.redisUrl ? createSharedStores(config, config.redisUrl, observer, logger) : undefined;
  const watchOf = (upstream: Upstream): WatchHub =>
    createWatch({
      upstream,
      listingCap: config.imageListingCap,
      intervalMs: config.watch.intervalMs,
      maxSubscriptions: config.watch.subscriptionsMax,
      ...(shared ? { redis: { link: shared.link, prefix: config.redisKeyPrefix } } : {}),
      ...(watchObserver ? { observer: watchObserver } : {}),
    });
  const close = async (): Promise<void> => shared?.link.close();
  const sharing = shared
    ? {
        shareResponses: (local: Cache) =>
          createSharedResponseStore(shared.link, local, `${config.redisKeyPrefix}response:`),
        shareDocuments: (local: DocumentStore) =>
          createSharedDocumentStore(shared.link, local, `${config.redisKeyPrefix}apq:`, config.persisted.apqMaxBytes),
      }
    : {};
  const upstreamOptions = {
    timeoutMs: config.upstreamTimeoutMs,
    maxRps: config.upstreamMaxRps,
    cacheTtlMs: config.upstreamCacheTtlMs,
    cacheMaxBytes: config.upstreamCacheMaxBytes,
    ...(observer ? { observer } : {}),
    ...(shared
      ? { stores: shared.stores, redisState: () => (shared.link.up() ? ('up' as const) : ('down' as const)) }
      : {}),
  };
  if (config.backend === 'aws') {
    const client = createEcrPublicClient({ region: config.region, timeoutMs: config.upstreamTimeoutMs });
    // The SDK's default chain (environment, files, SSO, container and instance metadata), as the
    // first call would run it; what it finds is kept for that call.
    const credentialsProblem = (): Promise<string | undefined> =>
      client.config.credentials().then(
        () => undefined,
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      );
    const upstream = createUpstream(client, upstreamOptions);
    return {
      upstream,
      watch: watchOf(upstream),
      registry: createRegistryBackend(config, { client, ...(shared ? { link: shared.link } : {}) }),
      emulator: undefined,
      close,
      credentialsProblem,
      ...sharing,
    };
  }
  let fixture: ReturnType<typeof createDemoCatalog>;
  try {
    fixture = config.fixturePath ? loadFixture(config.fixturePath) : createDemoCatalog();
  } catch (err) {
    void close();
    throw new ConfigError('ECR_PUBLIC_FIXTURE', (err as Error).message);
  }
  const emulator = createEmulator(fixture);
  const client = createEcrPublicClient({
    region: config.region,
    timeoutMs: config.upstreamTimeoutMs,
    requestHandler: emulator.requestHandler,
    // The emulator checks no signature; fixed credentials keep the SDK from looking for real ones.
    credentials: { accessKeyId: 'embedded', secretAccessKey: 'embedded' },
  });
  const upstream = createUpstream(client, upstreamOptions);
  const registry = createRegistryBackend(config, {
    client,
    handle: emulator.handle,
    ...(shared ? { link: shared.link } : {}),
  });
  return { upstream, watch: watchOf(upstream), registry, emulator, close, ...sharing };
}
