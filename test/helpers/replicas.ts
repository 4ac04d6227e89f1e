/**
 * Scale-out as deployed: one ECR Public endpoint (the emulator on loopback), one Redis, and two
 * real gateway processes (`src/main.ts`, ECR_PUBLIC_BACKEND=aws) sharing both through REDIS_URL.
 */
import { createEmulator, type Emulator } from '../../src/emulator';
import { testFixture } from './fixture';
import { awsBackendEnv, GATEWAY_READY, type Started, startScript } from './process';
import { freePort, type RedisServer, startRedis } from './redis';
import type { GraphQLResponse } from './stack';

export interface Replicas {
  emulator: Emulator;
  /** Base URLs of replica A and replica B. */
  bases: [string, string];
  redis(): RedisServer;
  /** A fresh redis-server on the same port, after the old one was killed. */
  restartRedis(): Promise<void>;
  post(
    base: string,
    query: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: GraphQLResponse }>;
  /** SIGKILL to replica 0 (A) or 1 (B), as a crash would. */
  kill(index: 0 | 1): void;
  stop(): Promise<void>;
}

export async function startReplicas(env: Record<string, string> = {}): Promise<Replicas> {
  const emulator = createEmulator(testFixture());
  const upstream = await emulator.listen(0);
  let redis = await startRedis(await freePort());
  const gateways: Started[] = [];
  const stop = async (): Promise<void> => {
    for (const gateway of gateways) gateway.child.kill('SIGKILL');
    await Promise.all(gateways.map((gateway) => gateway.exited));
    await redis.kill();
    await upstream.close();
  };
  try {
    const gatewayEnv = {
      ...awsBackendEnv(upstream.url),
      AWS_MAX_ATTEMPTS: '1',
      REDIS_URL: redis.url,
      ...env,
    };
    const started = await Promise.allSettled([0, 1].map(() => startScript('src/main.ts', gatewayEnv, GATEWAY_READY)));
    for (const result of started) if (result.status === 'fulfilled') gateways.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    emulator,
    bases: gateways.map((gateway) => gateway.match[1] as string) as [string, string],
    redis: () => redis,
    async restartRedis() {
      redis = await startRedis(redis.port);
    },
    async post(base, query, headers = {}) {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLResponse };
    },
    kill: (index) => void gateways[index]?.child.kill('SIGKILL'),
    stop,
  };
}

/** The most calls that started within any one second, and how many calls there were. */
export function busiestSecond(starts: number[]): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
