/**
 * The gateway and the emulator together, in-process, as the embedded backend runs them: the
 * unmodified SDK client sends every call through the emulator's request handler. Tests query
 * through `gateway.fetch` and read the upstream cost from the emulator's call log.
 */
import type { TracerProvider } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { createRegistryBackend } from '../../src/backend-registry';
import {
  type AuthSettings,
  defaultLimits,
  type PersistedDocumentSettings,
  type QueryLimits,
  type WatchSettings,
} from '../../src/config';
import { createEcrPublicClient } from '../../src/ecr/client';
import { createUpstream, type UpstreamOptions } from '../../src/ecr/guard/upstream';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator';
import type { Fixture } from '../../src/emulator/fixture-types';
import { createMetrics, type Metrics } from '../../src/observability/metrics';
import type { ResponseCacheOptions } from '../../src/plugins/caching/use-response-cache';
import { createGateway, type Gateway } from '../../src/server';
import { createWatch } from '../../src/watch';
import { testFixture } from './fixture';

export interface StackOptions {
  fixture?: Fixture;
  /** SDK attempts per call; 1 makes call counts exact. @default 1 */
  maxAttempts?: number;
  /** @default 5000 */
  timeoutMs?: number;
  graphiql?: boolean;
  introspection?: boolean;
  emulator?: EmulatorOptions;
  limits?: Partial<QueryLimits>;
  auth?: Partial<AuthSettings>;
  logger?: Logger;
  tracerProvider?: TracerProvider;
  clientMaxRps?: number;
  /** CORS_ORIGINS. @default [] */
  corsOrigins?: string[];
  /** IMAGE_LISTING_CAP. @default 10000 */
  imageListingCap?: number;
  /** Upstream protection; the production defaults unless given. */
  upstream?: Partial<UpstreamOptions>;
  /** The whole-response cache; off unless given, so tests count every execution's calls. */
  responseCache?: Omit<ResponseCacheOptions, 'costAlways'>;
  region?: string;
  /** SUBGRAPH_NODE_FIELDS. @default true */
  nodeFields?: boolean;
  /** PERSISTED_DOCUMENTS and APQ; absent: no file, APQ in-process. */
  persisted?: PersistedDocumentSettings;
  /** WATCH_INTERVAL_MS and SUBSCRIPTIONS_MAX. @default 30000, 1000 */
  watch?: Partial<WatchSettings>;
  /** The registry: REGISTRY_MAX_RPS (@default 1000, so suites stay fast), its breaker, its content cache. */
  registry?: { maxRps?: number; breakerResetMs?: number; cacheMaxBytes?: number };
}

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface Stack {
  gateway: Gateway;
  emulator: Emulator;
  metrics: Metrics;
  query(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse>;
  /** How many calls of this AWS operation the emulator has received. */
  calls(operation?: string): number;
}

export function createStack(options: StackOptions = {}): Stack {
  const metrics = createMetrics();
  const emulator = createEmulator(options.fixture ?? testFixture(), options.emulator);
  const timeoutMs = options.timeoutMs ?? 5000;
  const client = createEcrPublicClient({
    region: options.region ?? 'us-east-1',
    timeoutMs,
    requestHandler: emulator.requestHandler,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: options.maxAttempts ?? 1,
  });
  const upstream = createUpstream(client, {
    timeoutMs,
    maxRps: 50,
    cacheTtlMs: 10_000,
    observer: metrics.observer,
    ...options.upstream,
  });
  const gateway = createGateway({
    config: {
      graphiql: options.graphiql ?? true,
      introspection: options.introspection ?? true,
      cursorSecret: 'test-cursor-secret',
      costAlways: false,
      auth: { jwksUrl: undefined, jwtSecret: undefined, issuer: undefined, audience: undefined, ...options.auth },
      clientMaxRps: options.clientMaxRps ?? 0,
      corsOrigins: options.corsOrigins ?? [],
      limits: { ...defaultLimits(), ...options.limits },
      nodeFields: options.nodeFields ?? true,
      imageListingCap: options.imageListingCap ?? 10_000,
      // The image listing cache follows the upstream cache's TTL, as in production.
      upstreamCacheTtlMs: options.upstream?.cacheTtlMs ?? 10_000,
      ...(options.persisted ? { persisted: options.persisted } : {}),
    },
    upstream,
    registry: createRegistryBackend(
      {
        registry: {
          url: 'https://public.ecr.aws',
          maxRps: options.registry?.maxRps ?? 1000,
          cacheMaxBytes: options.registry?.cacheMaxBytes ?? 32 * 1024 * 1024,
        },
        upstreamTimeoutMs: timeoutMs,
        upstreamCacheTtlMs: options.upstream?.cacheTtlMs ?? 10_000,
        redisKeyPrefix: 'test:',
      },
      {
        client,
        handle: emulator.handle,
        ...(options.registry?.breakerResetMs === undefined ? {} : { breakerResetMs: options.registry.breakerResetMs }),
      },
    ),
    watch: createWatch({
      upstream,
      listingCap: options.imageListingCap ?? 10_000,
      intervalMs: options.watch?.intervalMs,
      maxSubscriptions: options.watch?.subscriptionsMax,
      observer: metrics.watch,
    }),
    metrics,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.tracerProvider ? { tracerProvider: options.tracerProvider } : {}),
    readinessCacheMs: 0,
    ...(options.responseCache ? { responseCache: options.responseCache } : {}),
  });
  return {
    gateway,
    emulator,
    metrics,
    calls: (operation) => emulator.calls.count(operation),
    async query(query, variables, headers) {
      const response = await gateway.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse;
    },
  };
}
