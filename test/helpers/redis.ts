/**
 * A throwaway `redis-server` on a free loopback port, with nothing persisted, started and waited
 * for on its own "Ready to accept connections" line; and a wait for gateways to report Redis up or
 * down on /metrics. Signals, never sleeps.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export interface RedisServer {
  port: number;
  url: string;
  child: ChildProcess;
  /** SIGKILL, as a crash would; resolves once the process is gone. */
  kill(): Promise<void>;
}

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function startRedis(port: number, timeoutMs = 10_000): Promise<RedisServer> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    child,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server not ready in ${timeoutMs} ms: ${out}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run redis-server (apt-get install redis-server): ${error.message}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(server);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited before it was ready: ${out}`));
    });
  });
}

/** What a gateway's /metrics says of Redis: true, false, or undefined (no gauge). */
export async function redisUpOn(base: string): Promise<boolean | undefined> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const match = text.match(/^ecr_public_redis_up (\d+)/m);
  return match ? match[1] === '1' : undefined;
}

/** Resolves once every gateway reports Redis `up` (or down); polls /metrics, bounded. */
export async function waitForRedisState(bases: string[], up: boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(bases.map(redisUpOn));
    if (states.every((state) => state === up)) return;
    if (Date.now() > deadline) throw new Error(`gateways never reported redis ${up ? 'up' : 'down'}: ${states}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Whether `redis-server` is on PATH. */
function hasRedisServer(): boolean {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir && existsSync(path.join(dir, 'redis-server')));
}

/**
 * `describe` for suites that need a real redis-server (Debian's package). CI installs it and must
 * run them: there a missing server fails loudly. On a developer's machine without it they are left
 * out with a note, so `npm test` on a fresh clone still passes.
 */
export const describeWithRedis: typeof describe =
  hasRedisServer() || process.env.CI
    ? describe
    : (() => {
        process.stderr.write(
          'redis-server is not installed: the Redis suites are left out (apt-get install redis-server)\n',
        );
        return describe.skip;
      })();
