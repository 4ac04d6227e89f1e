/**
 * Entry point: read the configuration, build the backend, listen, and drain on SIGTERM.
 * The only gateway module that listens, traps signals or exits.
 */
import { createServer } from 'node:http';
import { createBackend } from './backend';
import { ConfigError, loadConfig } from './config';
import { createGateway } from './server';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function start(): void {
  let config: ReturnType<typeof loadConfig>;
  let backend: ReturnType<typeof createBackend>;
  try {
    config = loadConfig();
    backend = createBackend(config);
  } catch (err) {
    if (err instanceof ConfigError) fail(`configuration error: ${err.message}`);
    throw err;
  }
  const gateway = createGateway({ config, upstream: backend.upstream });
  const server = createServer(gateway);
  server.on('error', (err) => fail(`cannot listen on PORT ${config.port}: ${err.message}`));
  server.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const source =
      config.backend === 'aws' ? 'ECR Public' : `the embedded emulator (${config.fixturePath ?? 'demo catalog'})`;
    process.stdout.write(`gateway listening on http://localhost:${port}/graphql, backed by ${source}\n`);
  });

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // Stop accepting, let requests in flight finish, then exit 0 (CONTRACT.md "HTTP").
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

start();
