/**
 * Environment -> typed configuration, checked once at start-up. Every variable is listed in the
 * README's configuration table; a bad value throws a ConfigError naming the variable. It owns its
 * types and imports nothing of the gateway: every other module may read a config, none shapes it.
 */

import { type CursorSecretSource, cursorSecretOf } from './cursor-secret';
import { type HttpServerSettings, httpServerSettingsOf } from './http-server';
import {
  ConfigError,
  type Env,
  parseBoolean,
  parseChoice,
  parseInteger,
  parseOrigins,
  parsePort,
  parseRedisUrl,
  text,
} from './parse';
import { type PersistedDocumentSettings, persistedDocumentsOf } from './persisted-documents';
import type { QueryLimits } from './query-limits';
import { type RegistrySettings, registrySettingsOf } from './registry';
import { type WatchSettings, watchSettingsOf } from './watch';

export { BUILT_IN_CURSOR_SECRET, type CursorSecretSource } from './cursor-secret';
export type { HttpServerSettings } from './http-server';
export { ConfigError } from './parse';
export { documentKey, type PersistedDocumentSettings } from './persisted-documents';
export type { QueryLimits } from './query-limits';
export { DEFAULT_REGISTRY_URL, type RegistrySettings } from './registry';
export type { WatchSettings } from './watch';

export type Backend = 'embedded' | 'aws';

/** Bearer-token authentication (plugins/request/use-auth.ts); off when neither key source is set. */
export interface AuthSettings {
  /** A JWKS endpoint whose keys sign the tokens (RS256/ES256). */
  jwksUrl: string | undefined;
  /** A shared HS256 key. */
  jwtSecret: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
  /** Leeway for `exp` and `nbf`, seconds (AUTH_JWT_CLOCK_SKEW_S); tokens without `exp` are refused. @default 30 */
  clockSkewS?: number;
}

export interface GatewayConfig {
  /** @default 4000 */
  port: number;
  /** Address the gateway binds (HOST); unset: every interface. The image sets 0.0.0.0. */
  host: string | undefined;
  /** @default 'embedded' */
  backend: Backend;
  /** Fixture path for the embedded backend; undefined = the bundled demo catalog. */
  fixturePath: string | undefined;
  /** @default 'us-east-1' */
  region: string;
  /** Deadline of one upstream call, retries included. @default 5000 */
  upstreamTimeoutMs: number;
  /** The most calls sent to AWS in any one-second window; bursts queue. @default 50 */
  upstreamMaxRps: number;
  /** Lifetime of cached answers; 0 turns every cache off (coalescing stays). @default 10000 */
  upstreamCacheTtlMs: number;
  /** Memory cap of the upstream cache. @default 67108864 (64 MiB) */
  upstreamCacheMaxBytes: number;
  /** Memory cap of the whole-response cache, by JSON size; lives UPSTREAM_CACHE_TTL_MS. @default 33554432 */
  responseCacheMaxBytes: number;
  /** Compile queries that repeat with graphql-jit (plugins/execution); false: graphql-js only. @default true */
  graphqlJit: boolean;
  /** The most images fetched to order or filter one repository's listing; past it, BAD_USER_INPUT. @default 10000 */
  imageListingCap: number;
  /** Query limits, each refused before execution (README "Limits"). */
  limits: QueryLimits;
  /** Send `extensions.cost` with every response, not only when asked (NODE_ENV=development). */
  costAlways: boolean;
  /** pino level: fatal, error, warn, info, debug, trace or silent. @default 'info' */
  logLevel: string;
  /** Serve Prometheus metrics on /metrics. @default true */
  metrics: boolean;
  /** /metrics on this port only (METRICS_PORT); unset: on the gateway's while authentication is off. */
  metricsPort: number | undefined;
  /** Address the metrics port binds. @default '127.0.0.1' */
  metricsHost: string;
  /** OpenTelemetry spans for GraphQL operations, to the operator's tracer provider. @default false */
  tracing: boolean;
  /** Bearer-token authentication; off unless AUTH_JWKS_URL or AUTH_JWT_SECRET is set. */
  auth: AuthSettings;
  /** GraphQL requests a second from one client (token or address); 0 = no limit. @default 0 */
  clientMaxRps: number;
  /** Origins allowed with credentials (CORS_ORIGINS); any other gets `*` without them. @default [] */
  corsOrigins: string[];
  /** How long SIGTERM waits for requests in flight before it cuts their connections. @default 25000 */
  shutdownGraceMs: number;
  /** @default true */
  graphiql: boolean;
  /** @default true */
  introspection: boolean;
  /** Query.node and Query.nodes in the schema; false for a supergraph that owns `Node`. @default true */
  nodeFields: boolean;
  /** Signs cursors, so a tampered one is refused before any upstream call; replicas share it (config/cursor-secret.ts). */
  cursorSecret: string;
  /** 'random': unset in production, so this process's own key (main.ts warns). */
  cursorSecretSource: CursorSecretSource;
  /** NODE_ENV=production: a known-weak CURSOR_SECRET is refused. */
  production: boolean;
  /** Redis shared by the replicas (upstream cache, coalescing, the AWS rate limit); unset: in-process. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key, so deployments can share one Redis. @default 'ecr-public-gateway:' */
  redisKeyPrefix: string;
  /** Deadline of one Redis command; past it the gateway uses its local cache and limit. @default 150 */
  redisCommandTimeoutMs: number;
  /** node:http timeouts and connection caps (config/http-server.ts). */
  http: HttpServerSettings;
  /** Trusted documents and APQ (config/persisted-documents.ts). */
  persisted: PersistedDocumentSettings;
  /** Subscriptions: WATCH_INTERVAL_MS and SUBSCRIPTIONS_MAX (config/watch.ts). */
  watch: WatchSettings;
  /** The registry of image contents (config/registry.ts). */
  registry: RegistrySettings;
}

function metricsPort(env: Env, port: number): number | undefined {
  if (text(env, 'METRICS_PORT') === undefined) return undefined;
  const chosen = parsePort(env, 'METRICS_PORT', 0);
  if (chosen !== 0 && chosen === port) throw new ConfigError('METRICS_PORT', `is PORT (${port}); it must differ`);
  return chosen;
}

/** The limits in force when no variable says otherwise. */
export const defaultLimits = (): QueryLimits => loadConfig({}).limits;

/** Reads the gateway's configuration; throws ConfigError on the first bad value. */
export function loadConfig(env: Env = process.env): GatewayConfig {
  const port = parsePort(env, 'PORT', 4000);
  const production = text(env, 'NODE_ENV') === 'production';
  const upstreamTimeoutMs = parseInteger(env, 'UPSTREAM_TIMEOUT_MS', 5000, 1, 600_000);
  return {
    port,
    host: text(env, 'HOST'),
    backend: parseChoice<Backend>(env, 'ECR_PUBLIC_BACKEND', 'embedded', ['embedded', 'aws']),
    fixturePath: text(env, 'ECR_PUBLIC_FIXTURE'),
    region: text(env, 'AWS_REGION') ?? 'us-east-1',
    upstreamTimeoutMs,
    upstreamMaxRps: parseInteger(env, 'UPSTREAM_MAX_RPS', 50, 1, 100_000),
    upstreamCacheTtlMs: parseInteger(env, 'UPSTREAM_CACHE_TTL_MS', 10_000, 0, 86_400_000),
    upstreamCacheMaxBytes: parseInteger(env, 'UPSTREAM_CACHE_MAX_BYTES', 64 * 1024 * 1024, 1024, 2 ** 40),
    responseCacheMaxBytes: parseInteger(env, 'RESPONSE_CACHE_MAX_BYTES', 32 * 1024 * 1024, 1024, 2 ** 40),
    graphqlJit: parseBoolean(env, 'GRAPHQL_JIT', true),
    imageListingCap: parseInteger(env, 'IMAGE_LISTING_CAP', 10_000, 1, 1_000_000),
    limits: {
      maxDepth: parseInteger(env, 'QUERY_MAX_DEPTH', 15, 1, 1000),
      maxAliases: parseInteger(env, 'QUERY_MAX_ALIASES', 250, 0, 100_000),
      maxTokens: parseInteger(env, 'QUERY_MAX_TOKENS', 10_000, 100, 10_000_000),
      maxDirectives: parseInteger(env, 'QUERY_MAX_DIRECTIVES', 50, 0, 100_000),
      maxQueryLength: parseInteger(env, 'QUERY_MAX_LENGTH', 100_000, 100, 100_000_000),
      maxCost: parseInteger(env, 'QUERY_MAX_COST', 1000, 1, 10_000_000),
      maxBodyBytes: parseInteger(env, 'REQUEST_MAX_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    },
    costAlways: text(env, 'NODE_ENV') === 'development',
    logLevel: parseChoice(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    metrics: parseBoolean(env, 'METRICS', true),
    metricsPort: metricsPort(env, port),
    metricsHost: text(env, 'METRICS_HOST') ?? '127.0.0.1',
    tracing: parseBoolean(env, 'OTEL_TRACES', false),
    auth: {
      jwksUrl: text(env, 'AUTH_JWKS_URL'),
      jwtSecret: text(env, 'AUTH_JWT_SECRET'),
      issuer: text(env, 'AUTH_JWT_ISSUER'),
      audience: text(env, 'AUTH_JWT_AUDIENCE'),
      clockSkewS: parseInteger(env, 'AUTH_JWT_CLOCK_SKEW_S', 30, 0, 3600),
    },
    clientMaxRps: parseInteger(env, 'CLIENT_MAX_RPS', 0, 0, 1_000_000),
    corsOrigins: parseOrigins(env, 'CORS_ORIGINS'),
    shutdownGraceMs: parseInteger(env, 'SHUTDOWN_GRACE_MS', 25_000, 0, 600_000),
    graphiql: parseBoolean(env, 'GRAPHIQL', true),
    introspection: parseBoolean(env, 'INTROSPECTION', true),
    nodeFields: parseBoolean(env, 'SUBGRAPH_NODE_FIELDS', true),
    ...cursorSecretOf(env, production),
    production,
    redisUrl: parseRedisUrl(env, 'REDIS_URL'),
    redisKeyPrefix: text(env, 'REDIS_KEY_PREFIX') ?? 'ecr-public-gateway:',
    redisCommandTimeoutMs: parseInteger(env, 'REDIS_COMMAND_TIMEOUT_MS', 150, 1, 60_000),
    http: httpServerSettingsOf(env, upstreamTimeoutMs),
    persisted: persistedDocumentsOf(env),
    watch: watchSettingsOf(env),
    registry: registrySettingsOf(env),
  };
}
