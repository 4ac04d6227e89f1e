/**
 * Entry point: read the configuration, build the backend, listen (HOST, PORT; METRICS_PORT when
 * set), compress answers, drain on SIGTERM and close the backend.
 * The only gateway module that listens, traps signals or exits.
 */
import type { Server } from 'node:http';
import { trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { type Backend, createBackend } from './backend';
import { ConfigError, type GatewayConfig, loadConfig } from './config';
import { createBodyLimit } from './http/body-limit';
import { withCompression } from './http/compression';
import { edgeRefusals } from './http/edge-refusals';
import { attachGraphqlWs } from './http/graphql-ws';
import { createHardenedServer } from './http/hardened-server';
import { createMetricsServer } from './http/metrics-server';
import { createLogger } from './observability/logging';
import { createMetrics } from './observability/metrics';
import { authEnabled } from './plugins/request/use-auth';
import { bodyTooLargeText } from './plugins/request/use-http-limits';
import { createGateway } from './server';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** What an operator should know before the first request: logged once, after listening. */
function warnAtStart(config: GatewayConfig, backend: Backend, logger: Logger): void {
  if (config.metrics && config.metricsPort === undefined && authEnabled(config.auth)) {
    logger.warn('authentication is on and METRICS_PORT is unset: /metrics is served on no port');
  }
  if (config.cursorSecretSource === 'random') {
    logger.warn(
      'CURSOR_SECRET is unset: cursors are signed with a random key of this process, so they stop working ' +
        'when it restarts and other replicas refuse them; set one secret shared by every replica',
    );
  }
  void backend.credentialsProblem?.().then((problem) => {
    if (problem) {
      logger.warn(
        { problem },
        'ECR_PUBLIC_BACKEND=aws found no AWS credentials: every query will fail with UPSTREAM_UNAUTHORIZED',
      );
    }
  });
}

function start(): void {
  let config: ReturnType<typeof loadConfig>;
  let backend: ReturnType<typeof createBackend>;
  let logger: ReturnType<typeof createLogger>;
  const metrics = createMetrics();
  try {
    config = loadConfig();
    logger = createLogger(config.logLevel);
    backend = createBackend(config, metrics.observer, logger, config.metrics ? metrics.watch : undefined);
  } catch (err) {
    if (err instanceof ConfigError) fail(`configuration error: ${err.message}`);
    throw err;
  }
  const gateway = createGateway({
    config,
    upstream: backend.upstream,
    watch: backend.watch,
    registry: backend.registry,
    logger,
    // With a port of their own, metrics leave the GraphQL port; otherwise server.ts decides (auth).
    ...(config.metrics ? { metrics, ...(config.metricsPort === undefined ? {} : { metricsEndpoint: false }) } : {}),
    ...(config.tracing ? { tracerProvider: trace.getTracerProvider() } : {}),
    ...(backend.shareDocuments ? { shareDocuments: backend.shareDocuments } : {}),
    responseCache: {
      ttlMs: config.upstreamCacheTtlMs,
      maxBytes: config.responseCacheMaxBytes,
      ...(backend.shareResponses ? { share: backend.shareResponses } : {}),
    },
  });
  let stopping = false;
  const serve = withCompression((req, res) => gateway(req, res));
  const refused = edgeRefusals(logger, metrics.edgeRefused);
  const bodyLimit = createBodyLimit(config.limits.maxBodyBytes, bodyTooLargeText(config.limits.maxBodyBytes), (req) =>
    refused('body_too_large', req.socket.remoteAddress ?? ''),
  );
  const server = createHardenedServer(
    config.http,
    bodyLimit,
    (req, res) => {
      if (stopping) {
        // Draining: this answer is the connection's last, so keep-alive clients go elsewhere.
        res.setHeader('connection', 'close');
      }
      // A keep-alive connection that just went idle is closed at once while draining.
      res.once('finish', () => stopping && server.closeIdleConnections());
      serve(req, res);
    },
    refused,
  );
  // graphql-ws on the same port and path; each operation is served by `gateway` as a request.
  const websockets = attachGraphqlWs(server, {
    path: '/graphql',
    maxPayloadBytes: config.limits.maxBodyBytes,
    handle: (request, context) => Promise.resolve(gateway.fetch(request, context)),
  });
  server.on('error', (err) => fail(`cannot listen on PORT ${config.port}: ${err.message}`));
  server.listen(config.port, config.host, () => {
    const port = boundPort(server, config.port);
    const source =
      config.backend === 'aws' ? 'ECR Public' : `the embedded emulator (${config.fixturePath ?? 'demo catalog'})`;
    logger.info(
      { port, host: config.host ?? 'every interface', backend: config.backend },
      `gateway listening on http://${hostForUrl(config.host)}:${port}/graphql, backed by ${source}`,
    );
    warnAtStart(config, backend, logger);
  });

  const metricsServer =
    config.metrics && config.metricsPort !== undefined ? createMetricsServer(metrics.registry) : undefined;
  if (metricsServer) {
    metricsServer.on('error', (err) => fail(`cannot listen on METRICS_PORT ${config.metricsPort}: ${err.message}`));
    metricsServer.listen(config.metricsPort, config.metricsHost, () => {
      const port = boundPort(metricsServer, config.metricsPort);
      logger.info(
        { port, host: config.metricsHost },
        `metrics on http://${hostForUrl(config.metricsHost)}:${port}/metrics`,
      );
    });
  }

  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining: no new connections; requests in flight finish');
    // Every subscription completes (SSE: the stream ends; graphql-ws: `complete`, then the socket
    // closes), so that no stream holds the drain up (CONTRACT.md "What's new").
    void backend.watch.close().then(() => websockets.close());
    // Stop accepting, let requests in flight finish, then exit 0 (CONTRACT.md "HTTP").
    server.close(() => {
      // The backend's connections (Redis) go last, once no request can use them; a Redis that
      // does not answer the goodbye does not hold the exit up.
      const closed = Promise.race([backend.close(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      void closed.finally(() => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      });
    });
    metricsServer?.close();
    server.closeIdleConnections();
    // Whatever still holds a connection after the grace period is cut, and the process exits.
    setTimeout(() => {
      logger.warn({ graceMs: config.shutdownGraceMs }, 'grace period over: closing the remaining connections');
      server.closeAllConnections();
    }, config.shutdownGraceMs).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** The port a listening server got (PORT=0 picks one), else the one asked for. */
function boundPort(server: Server, asked: number | undefined): number | undefined {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : asked;
}

/** A host as a URL writes it: localhost for every interface, IPv6 in brackets. */
function hostForUrl(host: string | undefined): string {
  if (host === undefined || host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

start();
