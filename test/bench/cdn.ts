/**
 * `npx tsx test/bench/cdn.ts`: the CDN setup of deploy/nginx/cdn.conf measured on loopback. It
 * starts the gateway (embedded demo catalog) and an nginx of the machine's own (`nginx` on PATH:
 * Debian's `nginx-light` will do) with that file, its upstream pointed at the gateway, then loads
 * GraphiQL's Gallery operation as a persisted GET query (APQ hash, registered first) against the
 * gateway alone and through nginx, and prints req/s, latency and nginx's hit ratio (from its
 * access log's $upstream_cache_status). Not part of `npm test` or CI. nginx is started with
 * `daemon on`: the launching process exits once the master holds its socket, the readiness signal.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { exampleQuery } from '../../src/graphiql-example';
import { ROOT, startServer } from './processes';

const SECONDS = Number(process.env.CDN_BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

function nginxConfig(dir: string, port: number, origin: string): string {
  const cdn = readFileSync(path.join(ROOT, 'deploy/nginx/cdn.conf'), 'utf8')
    .replace('/var/cache/nginx/graphql', path.join(dir, 'cache'))
    .replace('server ecr-public:4000;', `server ${origin.replace('http://', '')};`)
    .replace('listen 4001;', `listen 127.0.0.1:${port};`);
  writeFileSync(path.join(dir, 'cdn.conf'), cdn);
  return `pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
worker_processes 1;
events { worker_connections 1024; }
http {
  log_format cache '$upstream_cache_status';
  access_log ${dir}/access.log cache;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  include ${dir}/cdn.conf;
}
`;
}

async function load(url: string) {
  let failed = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { accept: 'application/graphql-response+json' },
    requests: [
      {
        method: 'GET',
        onResponse: (status, body) => {
          if (status !== 200 || body.includes('"errors":')) failed++;
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: failed + result.errors + result.timeouts,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cdn-bench-'));
  // nginx started by root runs its workers as `nobody`: they must reach the cache folder inside.
  chmodSync(dir, 0o755);
  const gateway = await startServer({
    name: 'gateway',
    script: 'src/main.ts',
    env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', GRAPHIQL: 'false' },
    ready: /gateway listening on http:\/\/[^/]+:(\d+)\//,
  });
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig(dir, port, gateway.origin));
  try {
    execFileSync('nginx', ['-p', dir, '-c', conf, '-g', 'daemon on;'], { stdio: 'inherit' });
    // Register Gallery's hash with its query once, as Apollo Client's link does on a miss.
    const sha256Hash = createHash('sha256').update(exampleQuery).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const registered = await fetch(`${gateway.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: exampleQuery, operationName: 'Gallery', extensions }),
    });
    if (!registered.ok) throw new Error(`registration failed: ${registered.status}`);
    const search = new URLSearchParams({ operationName: 'Gallery', extensions: JSON.stringify(extensions) });
    const alone = await load(`${gateway.origin}/graphql?${search}`);
    const through = await load(`http://127.0.0.1:${port}/graphql?${search}`);
    const statuses = readFileSync(path.join(dir, 'access.log'), 'utf8').trim().split('\n');
    const hits = statuses.filter((status) => status === 'HIT' || status === 'UPDATING' || status === 'STALE').length;
    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, node ${process.version}`,
          nginx: spawnSync('nginx', ['-v'], { encoding: 'utf8' }).stderr.trim(),
          seconds: SECONDS,
          connections: CONNECTIONS,
          gatewayAlone: alone,
          throughNginx: {
            ...through,
            cacheHitRatio: Number((hits / statuses.length).toFixed(4)),
            originRequests: statuses.length - hits,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    try {
      execFileSync('nginx', ['-p', dir, '-c', conf, '-s', 'quit'], { stdio: 'inherit' });
    } catch {
      // nginx never started: nothing to stop.
    }
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
