/**
 * createGateway(deps) -> a Yoga instance. It never listens: main.ts does, and tests call
 * `gateway.fetch` or serve it on port 0.
 */
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { TracerProvider } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';
import { createGraphQLError, createYoga, maskError, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { GatewayConfig } from './config';
import { createContext, type GatewayContext } from './context';
import { DEFAULT_IMAGE_LISTING_CAP } from './cost';
import { createImageListings } from './data/listings/image-listing';
import { createTagListings } from './data/listings/tag-listing';
import { createCursorCodec } from './data/paging/cursors';
import type { Upstream } from './ecr/guard/upstream';
import { ErrorCode } from './errors';
import { exampleQuery } from './graphiql-example';
import { useRequestLogging, yogaLogger } from './observability/logging';
import type { Metrics } from './observability/metrics';
import { useRedisStatus } from './observability/redis-status';
import { useTracing } from './observability/tracing';
import { useCacheControl } from './plugins/caching/use-cache-control';
import { type ResponseCacheOptions, useGatewayResponseCache } from './plugins/caching/use-response-cache';
import { createDocumentStore, type DocumentStore } from './plugins/documents/document-store';
import { usePersistedDocuments } from './plugins/documents/use-persisted-documents';
import { useCostExtension } from './plugins/execution/use-cost-extension';
import { useIncrementalDelivery } from './plugins/execution/use-incremental';
import { useGatewayJit } from './plugins/execution/use-jit';
import { authEnabled, useAuth } from './plugins/request/use-auth';
import { useClientBudget } from './plugins/request/use-client-budget';
import { useCors } from './plugins/request/use-cors';
import { useEntrance } from './plugins/request/use-entrance';
import { useHttpLimits } from './plugins/request/use-http-limits';
import { useParamChecks } from './plugins/request/use-param-checks';
import { useHealthCheck, useReadinessCheck, YOGA_HEALTH_CHECK_OFF } from './plugins/request/use-probes';
import { useQueryLimits } from './plugins/validation/use-query-limits';
import { useReadOnly } from './plugins/validation/use-read-only';
import type { RegistryClient } from './registry';
import { schema, withoutNodeFields } from './schema';
import { createWatch, type WatchHub } from './watch';

export interface GatewayDeps {
  config: Pick<
    GatewayConfig,
    'graphiql' | 'introspection' | 'cursorSecret' | 'limits' | 'costAlways' | 'auth' | 'clientMaxRps' | 'corsOrigins'
  > &
    /** Image listings for orderBy/filter: IMAGE_LISTING_CAP, kept for UPSTREAM_CACHE_TTL_MS. @default 10000, 10000 */
    Partial<Pick<GatewayConfig, 'imageListingCap' | 'upstreamCacheTtlMs'>> &
    /** GRAPHQL_JIT: compile repeated queries (plugins/execution/use-jit.ts). @default true */
    Partial<Pick<GatewayConfig, 'graphqlJit'>> &
    /** SUBGRAPH_NODE_FIELDS: Query.node and Query.nodes in the schema. @default true */
    Partial<Pick<GatewayConfig, 'nodeFields'>> &
    /** PERSISTED_DOCUMENTS and APQ (plugins/documents). @default no file, APQ in-process */
    Partial<Pick<GatewayConfig, 'persisted'>>;
  upstream: Upstream;
  /** Live changes (src/watch); absent = one of this process alone, over `upstream`, with the defaults. */
  watch?: WatchHub;
  /** The registry of image contents (src/registry: backend.ts builds it). */
  registry: RegistryClient;
  /** How long a readiness verdict is reused, so probes cost few upstream calls. @default 2000 */
  readinessCacheMs?: number;
  /** GraphQL metrics; absent = none recorded and no `/metrics`. */
  metrics?: Metrics;
  /** `/metrics` on this port (CONTRACT.md METRICS_PORT). @default true while authentication is off */
  metricsEndpoint?: boolean;
  /** Request logs; absent = silent. */
  logger?: Logger;
  /** OpenTelemetry spans, to this provider; absent = no spans. */
  tracerProvider?: TracerProvider;
  /** The whole-response cache (plugins/caching); absent = none. */
  responseCache?: Omit<ResponseCacheOptions, 'costAlways'>;
  /** Wraps the in-process APQ store, to share it between replicas (REDIS_URL: src/redis/document-store.ts). */
  shareDocuments?: (local: DocumentStore) => DocumentStore;
}

export type Gateway = YogaServerInstance<Record<string, unknown>, GatewayContext>;

/** GraphiQL with its bundle from the gateway itself: no CDN, so it works offline and under CSP. */
const renderGraphiQLPage = (): string =>
  renderGraphiQL({ title: 'ECR Public GraphQL', defaultQuery: exampleQuery, defaultEditorToolsVisibility: true });

/**
 * An expected error without what only the gateway should see: Yoga's JSON parser puts the
 * SyntaxError in `extensions.originalError`, quoting the body (one with a byte-order mark, say).
 * Its status stays 400: Yoga sends it because of that originalError, and its `http.spec` flag
 * would otherwise make it 200 for `Accept: application/json`.
 */
function withoutInternals(error: Error): Error {
  if (!(error instanceof GraphQLError) || !('originalError' in error.extensions || 'stack' in error.extensions)) {
    return error;
  }
  const { originalError: _originalError, stack: _stack, http, ...extensions } = error.extensions;
  const { spec: _spec, ...status } = (http ?? {}) as { spec?: boolean; status?: number };
  return createGraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: http ? { ...extensions, http: status } : extensions,
  });
}

/** Masks what Yoga did not expect with the contract's code; never a message or stack of theirs. */
function maskUnexpected(error: unknown, message: string): Error {
  const masked = maskError(error, message, false);
  if (masked === error) return withoutInternals(masked);
  if (!(masked instanceof GraphQLError)) return masked;
  return createGraphQLError(message, {
    nodes: masked.nodes,
    path: masked.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  });
}

export function createGateway(deps: GatewayDeps): Gateway {
  const cursors = createCursorCodec(deps.config.cursorSecret);
  const listingCap = deps.config.imageListingCap ?? DEFAULT_IMAGE_LISTING_CAP;
  const listingOptions = { cap: listingCap, ttlMs: deps.config.upstreamCacheTtlMs ?? 10_000 };
  const listings = createImageListings(listingOptions);
  const tagListings = createTagListings(listingOptions);
  const readinessCacheMs = deps.readinessCacheMs ?? 2000;
  let readiness: { at: number; ok: Promise<boolean> } | undefined;
  const persisted = deps.config.persisted ?? { documents: undefined, only: false, apqMaxBytes: 4 * 1024 * 1024 };
  const apqStore = createDocumentStore(persisted.apqMaxBytes);
  const watch = deps.watch ?? createWatch({ upstream: deps.upstream, listingCap });
  const budget = deps.config.limits.maxCost;
  const contextDeps = {
    upstream: deps.upstream,
    registry: deps.registry,
    cursors,
    listings,
    tagListings,
    watch,
    budget,
  };

  return createYoga<Record<string, unknown>, GatewayContext>({
    // The schema reads no environment; what a deployment leaves out is decided here.
    schema: (deps.config.nodeFields ?? true) ? schema : withoutNodeFields(schema),
    graphqlEndpoint: '/graphql',
    // Yoga's health check answers any URL ending in /health, and its CORS cannot send `*`: ours do.
    healthCheckEndpoint: YOGA_HEALTH_CHECK_OFF,
    cors: false,
    landingPage: false,
    context: () => createContext(contextDeps),
    maskedErrors: { maskError: maskUnexpected },
    logging: deps.logger ? yogaLogger(deps.logger) : false,
    // GraphiQL's page is served by useEntrance, rendered and compressed once.
    graphiql: false,
    plugins: [
      ...(deps.logger ? [useRequestLogging(deps.logger)] : []),
      useCors(deps.config.corsOrigins),
      useHealthCheck('/health'),
      useParamChecks(),
      useEntrance({ graphqlPath: '/graphql', graphiql: deps.config.graphiql && renderGraphiQLPage }),
      ...(deps.metrics
        ? [deps.metrics.plugin({ endpoint: deps.metricsEndpoint ?? !authEnabled(deps.config.auth) })]
        : []),
      ...(deps.tracerProvider ? [useTracing(deps.tracerProvider)] : []),
      useRedisStatus(deps.upstream),
      // The budget counts before the token is verified (both in onRequestParse).
      ...(deps.config.clientMaxRps > 0
        ? [useClientBudget({ maxRps: deps.config.clientMaxRps, byToken: authEnabled(deps.config.auth) })]
        : []),
      ...useAuth(deps.config.auth),
      useHttpLimits(deps.config.limits.maxBodyBytes),
      // Before every plugin that reads `query`: a persisted document meets the same limits.
      usePersistedDocuments({ ...persisted, store: deps.shareDocuments ? deps.shareDocuments(apqStore) : apqStore }),
      useIncrementalDelivery(),
      useReadOnly(),
      ...useQueryLimits(deps.config.limits, listingCap),
      useCostExtension({ always: deps.config.costAlways }),
      ...((deps.config.graphqlJit ?? true) ? useGatewayJit() : []),
      useCacheControl(deps.config.upstreamCacheTtlMs ?? 10_000),
      ...(deps.responseCache
        ? useGatewayResponseCache({ ...deps.responseCache, costAlways: deps.config.costAlways })
        : []),
      ...(deps.config.introspection ? [] : [useDisableIntrospection()]),
      useReadinessCheck({
        endpoint: '/readiness',
        check: () => {
          // While the breaker is open the upstream keeps failing: not ready, and no probe sent.
          if (!deps.upstream.healthy()) return false;
          const now = Date.now();
          if (!readiness || now - readiness.at > readinessCacheMs) {
            readiness = {
              at: now,
              ok: deps.upstream.probe(),
            };
          }
          return readiness.ok;
        },
      }),
    ],
  });
}
