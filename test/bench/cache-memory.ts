/**
 * What the caches really hold, against their caps: the gateway in this process (as main.ts builds
 * it, ECR_PUBLIC_BACKEND=aws) over a standalone emulator in a child process (so the catalog and the
 * call log are not counted), filled with distinct answers, then measured after full collections.
 *
 *   node --expose-gc --import tsx test/bench/cache-memory.ts [--requests 6000] [--repos 60]
 *
 * Phases: a warm-up, then `--requests` distinct `nodes(ids:)` requests of 100 images each (every one a
 * fresh DescribeImages call, so it fills the upstream cache and the response cache alike), then one
 * ordered page and 20 filtered ones of every repository (the listing cache and its views), then the
 * newest 200 requests five times over (response-cache hits, for their CPU cost). Prints RSS and heap after each phase, beside the caps in force
 * (UPSTREAM_CACHE_MAX_BYTES, RESPONSE_CACHE_MAX_BYTES, IMAGE_LISTING_CAP: any env given is used).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { createBackend } from '../../src/backend';
import { loadConfig } from '../../src/config';
import { createSyntheticRepository, type Fixture } from '../../src/emulator';
import { createLogger } from '../../src/observability/logging';
import { encodeId } from '../../src/schema/support/global-id';
import { createGateway } from '../../src/server';
import { startServer } from './processes';

const REGISTRY_ID = '123456789012';
const IMAGES_PER_REPO = 1000;
const IDS_PER_REQUEST = 100;
/** Requests repeated as hits: few enough that every cap holds them. */
const HITS = 200;
const MiB = 1024 * 1024;

const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Image {
  imageDigest imageTags imageSizeInBytes imagePushedAt imageManifestMediaType artifactMediaType registryId repositoryName
} } }`;
const LISTED = `query($name: String!, $filter: ImageFilter) {
  repository(name: $name) { images(first: 20, orderBy: { field: PUSHED_AT, direction: DESC }, filter: $filter) {
    edges { node { imageDigest imageTags } } } } }`;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function sample(label: string, baseline?: NodeJS.MemoryUsage): NodeJS.MemoryUsage {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  const heap = getHeapStatistics();
  const mib = (n: number) => (n / MiB).toFixed(1).padStart(7);
  const delta = baseline
    ? `  (+${mib(usage.rss - baseline.rss)} RSS, +${mib(usage.heapUsed - baseline.heapUsed)} heap)`
    : '';
  process.stdout.write(
    `${label.padEnd(34)} RSS ${mib(usage.rss)} MiB  heapUsed ${mib(usage.heapUsed)}  heapTotal ${mib(usage.heapTotal)}  ` +
      `malloced ${mib(heap.malloced_memory)}  external ${mib(usage.external)}${delta}\n`,
  );
  return usage;
}

/** A deterministic pseudo-random sample of `k` of `0..n-1`. */
function pick(seed: number, n: number, k: number): number[] {
  const chosen = new Set<number>();
  let x = seed * 2654435761 + 1;
  while (chosen.size < k) {
    x = (x * 1103515245 + 12345) % 2147483648;
    chosen.add(x % n);
  }
  return [...chosen];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { requests: { type: 'string', default: '6000' }, repos: { type: 'string', default: '60' } },
  });
  const requests = Number(values.requests);
  const repoCount = Number(values.repos);
  const repositories = Array.from({ length: repoCount }, (_, i) =>
    createSyntheticRepository(`mem/r${String(i).padStart(3, '0')}`, IMAGES_PER_REPO),
  );
  const fixture: Fixture = { registries: [{ registryId: REGISTRY_ID, repositories }] };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ecr-mem-')), 'fixture.json');
  writeFileSync(file, JSON.stringify(fixture));
  const digests = repositories.map((repo) => (repo.images ?? []).map((image) => image.imageDigest as string));

  const emulator = await startServer({
    name: 'emulator',
    script: 'src/emulator/main.ts',
    env: { EMULATOR_PORT: '0', ECR_PUBLIC_FIXTURE: file },
    ready: /listening on http:\/\/127\.0\.0\.1:(\d+)/,
  });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_ECR_PUBLIC: emulator.origin,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
  });
  const config = loadConfig({
    ...process.env,
    ECR_PUBLIC_BACKEND: 'aws',
    AWS_REGION: 'us-east-1',
    LOG_LEVEL: 'silent',
    METRICS: 'false',
    UPSTREAM_MAX_RPS: '100000',
    // Nothing expires while the caches fill: only their caps bound them.
    UPSTREAM_CACHE_TTL_MS: process.env.UPSTREAM_CACHE_TTL_MS ?? '3600000',
  });
  const backend = createBackend(config, undefined, createLogger('silent'));
  const gateway = createGateway({
    config,
    upstream: backend.upstream,
    registry: backend.registry,
    logger: createLogger('silent'),
    responseCache: { ttlMs: config.upstreamCacheTtlMs, maxBytes: config.responseCacheMaxBytes },
  });
  const post = async (query: string, variables: Record<string, unknown>): Promise<void> => {
    const response = await gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: { message: string }[] };
    if (body.errors) throw new Error(`${body.errors[0]?.message}`);
  };
  const idsOf = (i: number): string[] => {
    const repo = i % repoCount;
    const name = repositories[repo]?.repositoryName as string;
    return pick(i, IMAGES_PER_REPO, IDS_PER_REQUEST).map((k) =>
      encodeId('Image', `${REGISTRY_ID}:${name}@${digests[repo]?.[k]}`),
    );
  };
  const run = async (count: number, one: (i: number) => Promise<void>): Promise<number> => {
    const started = process.cpuUsage();
    for (let i = 0; i < count; i += 8) {
      await Promise.all(Array.from({ length: Math.min(8, count - i) }, (_, k) => one(i + k)));
    }
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  };

  process.stdout.write(
    `caps: upstream ${config.upstreamCacheMaxBytes / MiB} MiB, response ${config.responseCacheMaxBytes / MiB} MiB, ` +
      `listing cap ${config.imageListingCap} images; ${requests} requests of ${IDS_PER_REQUEST} images over ${repoCount} repositories\n`,
  );
  await run(16, (i) => post(NODES, { ids: idsOf(requests + i) }));
  const baseline = sample('after warm-up');
  const fillMs = await run(requests, (i) => post(NODES, { ids: idsOf(i) }));
  sample(`after ${requests} distinct requests`, baseline);
  const filters = (i: number) => ({ tagPrefix: `git-${i.toString(16)}` });
  const listedMs = await run(repoCount * 21, (i) => {
    const name = repositories[i % repoCount]?.repositoryName as string;
    const k = Math.floor(i / repoCount);
    return post(LISTED, k === 0 ? { name } : { name, filter: filters(k) });
  });
  sample('after the ordered listings', baseline);
  // The last HITS requests, which both caches still hold, five times over: response-cache hits.
  const hits = Math.min(HITS, requests);
  const hitMs = await run(hits * 5, (i) => post(NODES, { ids: idsOf(requests - hits + (i % hits)) }));
  sample('after hits on the newest entries', baseline);
  process.stdout.write(
    `CPU: fill ${fillMs.toFixed(0)} ms (${(fillMs / requests).toFixed(2)}/request), listings ${listedMs.toFixed(0)} ms, ` +
      `hits ${hitMs.toFixed(0)} ms (${(hitMs / (hits * 5)).toFixed(3)}/request)\n`,
  );
  await backend.close();
  await emulator.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
