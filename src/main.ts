/**
 * Entry point: read the configuration, build the backend, listen, drain on SIGTERM and close the
 * backend.
 * The only gateway module that listens, traps signals or exits.
 */
import { createServer } from 'node:http';
import { trace } from '@opentelemetry/api';
import { createBackend } from './backend';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './observability/logging';
import { createMetrics } from './observability/metrics';
import { createGateway } from './server';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function start(): void {
  let config: ReturnType<typeof loadConfig>;
  let backend: ReturnType<typeof createBackend>;
  let logger: ReturnType<typeof createLogger>;
  const metrics = createMetrics();
  try {
    config = loadConfig();
    logger = createLogger(config.logLevel);
    backend = createBackend(config, metrics.observer, logger);
  } catch (err) {
    if (err instanceof ConfigError) fail(`configuration error: ${err.message}`);
    throw err;
  }
  const gateway = createGateway({
    config,
    upstream: backend.upstream,
    logger,
    ...(config.metrics ? { metrics } : {}),
    ...(config.tracing ? { tracerProvider: trace.getTracerProvider() } : {}),
    responseCache: {
      ttlMs: config.upstreamCacheTtlMs,
      maxBytes: config.responseCacheMaxBytes,
      ...(backend.shareResponses ? { share: backend.shareResponses } : {}),
    },
  });
  let stopping = false;
  const server = createServer((req, res) => {
    if (stopping) {
      // Draining: this answer is the connection's last, so keep-alive clients go elsewhere.
      res.setHeader('connection', 'close');
    }
    // A keep-alive connection that just went idle is closed at once while draining.
    res.once('finish', () => stopping && server.closeIdleConnections());
    gateway(req, res);
  });
  server.on('error', (err) => fail(`cannot listen on PORT ${config.port}: ${err.message}`));
  server.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const source =
      config.backend === 'aws' ? 'ECR Public' : `the embedded emulator (${config.fixturePath ?? 'demo catalog'})`;
    logger.info(
      { port, backend: config.backend },
      `gateway listening on http://localhost:${port}/graphql, backed by ${source}`,
    );
  });

  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining: no new connections; requests in flight finish');
    // Stop accepting, let requests in flight finish, then exit 0 (CONTRACT.md "HTTP").
    server.close(() => {
      // The backend's connections (Redis) go last, once no request can use them; a Redis that
      // does not answer the goodbye does not hold the exit up.
      const closed = Promise.race([backend.close(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      void closed.finally(() => {
        logger.info('stopped');
        process.exit(0);
      });
    });
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

start();
