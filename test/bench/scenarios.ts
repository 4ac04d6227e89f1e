/**
 * The four scenarios of the performance issue, each run against every target in turn (never two at
 * once), so every figure can be read as a ratio to the direct-SDK baseline of the same run.
 */
import type { Emulator } from '../../src/emulator';
import {
  type BenchFixture,
  LOOKUPS,
  lookupsQuery,
  PAGE_SIZE,
  pageQuery,
  REPOS,
  WALK_IMAGES,
  WALK_PAGE,
} from './fixture';
import { countCalls, type LoadOptions, type LoadResult, mergeLoads, postJson, quiesce, runLoad, since } from './load';
import type { Server } from './processes';

/** gateway: this project; peer: Mercurius + graphql-jit; baseline: node:http + SDK, one call; raw: precomputed answers. */
export type TargetKind = 'gateway' | 'peer' | 'baseline' | 'raw';

export interface Target {
  /** As shown in the table: `gateway`, `gateway (no caches)`, `peer`, `baseline`, `raw`. */
  label: string;
  kind: TargetKind;
  server: Server;
}

export interface Row extends Partial<LoadResult> {
  scenario: string;
  target: string;
  /** Higher is better; 1 = the baseline. Load scenarios: req/s over the baseline's; the walk: baseline time over this. */
  ratio?: number;
  /** req/s over the Mercurius peer's (uncached rows: the gateway without caches is the one compared). */
  peerRatio?: number;
  /** req/s over the raw node:http limit's (cached rows). */
  rawRatio?: number;
  /** The baseline's server CPU per request over this target's: higher is better, 1 = the baseline. */
  cpuRatio?: number;
  /** The walk: wall time of the whole walk. */
  walkMs?: number;
  /** The lookups' first request, asked with `x-include-cost: 1` (gateways) or counted by the emulator. */
  coldUpstreamCalls?: Record<string, number>;
  /** The same, as the gateway's `extensions.cost` reported it. */
  coldReportedCost?: Record<string, number>;
  /** The walk: images seen, and whether the last page said it was the last. */
  walkImages?: number;
  walkComplete?: boolean;
}

export interface ScenarioContext {
  emulator: Emulator;
  fixture: BenchFixture;
  targets: Target[];
  /** Seconds of load per target and scenario, split over `rounds`. */
  durationSeconds: number;
  rounds: number;
  warmupSeconds: number;
  log(line: string): void;
}

function request(target: Target, graphql: { query: string; variables?: unknown }, baseline: [string, unknown]) {
  return target.kind === 'baseline'
    ? { url: `${target.server.origin}${baseline[0]}`, payload: baseline[1] }
    : { url: `${target.server.origin}/graphql`, payload: graphql };
}

/** `better`: higher is better (req/s); `cost`: lower is better (CPU per request), its ratio inverted. */
function withRatios(
  rows: Row[],
  better: (row: Row) => number | undefined,
  cost?: (row: Row) => number | undefined,
): Row[] {
  const measureOf = (label: string): number | undefined => {
    const row = rows.find((each) => each.target === label);
    return row && better(row);
  };
  const base = rows.find((row) => row.target === 'baseline');
  const baseValue = measureOf('baseline');
  const peerValue = measureOf('peer');
  const rawValue = measureOf('raw');
  const baseCost = base && cost?.(base);
  return rows.map((row) => {
    const value = better(row);
    const own = cost?.(row);
    const gateway = row.target.startsWith('gateway');
    return {
      ...row,
      ...(baseValue && value !== undefined ? { ratio: value / baseValue } : {}),
      ...(gateway && peerValue && value !== undefined ? { peerRatio: value / peerValue } : {}),
      ...(gateway && rawValue && value !== undefined ? { rawRatio: value / rawValue } : {}),
      ...(baseCost && own ? { cpuRatio: baseCost / own } : {}),
    };
  });
}

/**
 * Every target under the same load, in rounds whose order alternates (A B C, then C B A, ...), so
 * a machine that gets busier or quieter during the scenario weighs on every target alike.
 */
async function loadEach(
  ctx: ScenarioContext,
  scenario: string,
  options: { connections: number; warmup: boolean; headers?: Record<string, string> },
  body: (target: Target) => { url: string; payload: unknown },
  before?: (target: Target) => Promise<Partial<Row>>,
): Promise<Row[]> {
  const loads = new Map<
    Target,
    { load: Omit<LoadOptions, 'durationSeconds'>; extra: Partial<Row>; runs: LoadResult[] }
  >();
  for (const target of ctx.targets) {
    const { url, payload } = body(target);
    const extra = before ? await before(target) : {};
    const load = {
      url,
      cpuMs: target.server.cpuMs,
      body: JSON.stringify(payload),
      connections: options.connections,
      ...(options.headers ? { headers: options.headers } : {}),
    };
    if (options.warmup && ctx.warmupSeconds > 0) {
      await runLoad(ctx.emulator, { ...load, durationSeconds: ctx.warmupSeconds });
    }
    loads.set(target, { load, extra, runs: [] });
  }
  const seconds = Math.max(1, Math.round(ctx.durationSeconds / ctx.rounds));
  for (let round = 0; round < ctx.rounds; round++) {
    const order = round % 2 === 0 ? ctx.targets : [...ctx.targets].reverse();
    for (const target of order) {
      const entry = loads.get(target);
      if (!entry) continue;
      ctx.log(`  ${scenario}: ${target.label}, ${options.connections} connections, ${seconds} s (round ${round + 1})`);
      entry.runs.push(await runLoad(ctx.emulator, { ...entry.load, durationSeconds: seconds }));
    }
  }
  const rows = ctx.targets.map((target): Row => {
    const entry = loads.get(target);
    return { scenario, target: target.label, ...entry?.extra, ...mergeLoads(entry?.runs ?? []) };
  });
  return withRatios(
    rows,
    (row) => row.requestsPerSecond,
    (row) => row.serverCpuMsPerRequest,
  );
}

/** One page of 100 images, upstream latency 0: throughput against the baseline. */
export function pageScenario(ctx: ScenarioContext): Promise<Row[]> {
  ctx.emulator.faults.reset();
  return loadEach(ctx, `page of ${PAGE_SIZE}`, { connections: 50, warmup: true }, (target) =>
    request(target, { query: pageQuery(REPOS.page, PAGE_SIZE) }, [
      '/page',
      { repository: REPOS.page, first: PAGE_SIZE },
    ]),
  );
}

/** Fifty aliased image lookups with 20 ms upstream latency: latency, and calls per request. */
export function lookupsScenario(ctx: ScenarioContext): Promise<Row[]> {
  ctx.emulator.faults.reset();
  ctx.emulator.faults.set({ latencyMs: 20 });
  const tags = ctx.fixture.lookupTags;
  const body = (target: Target) =>
    request(target, { query: lookupsQuery(REPOS.lookups, tags) }, ['/lookups', { repository: REPOS.lookups, tags }]);
  // The first request of each target meets cold caches: what fifty lookups cost upstream, as the
  // emulator counted it (the gateways' `extensions.cost` must agree: checked in run.ts).
  const cold = async (target: Target): Promise<Partial<Row>> => {
    const { url, payload } = body(target);
    await quiesce(ctx.emulator);
    const before = countCalls(ctx.emulator);
    const answer = await postJson(url, payload, target.kind === 'gateway' ? { 'x-include-cost': '1' } : {});
    const cost = (answer.body.extensions as { cost?: { upstreamCalls?: Record<string, number> } } | undefined)?.cost;
    return {
      coldUpstreamCalls: since(ctx.emulator, before),
      ...(cost?.upstreamCalls ? { coldReportedCost: cost.upstreamCalls } : {}),
    };
  };
  return loadEach(ctx, `${LOOKUPS} lookups, 20 ms upstream`, { connections: 50, warmup: true }, body, cold).finally(
    () => ctx.emulator.faults.reset(),
  );
}

/** Two hundred clients on one page, the upstream throttling past 50 calls/s: errors and calls/s. */
export function crowdScenario(ctx: ScenarioContext): Promise<Row[]> {
  ctx.emulator.faults.reset();
  ctx.emulator.faults.set({ maxCallsPerSecond: 50 });
  return loadEach(ctx, '200 clients, upstream 50 calls/s', { connections: 200, warmup: false }, (target) =>
    request(target, { query: pageQuery(REPOS.crowd, PAGE_SIZE) }, [
      '/page',
      { repository: REPOS.crowd, first: PAGE_SIZE },
    ]),
  ).finally(() => ctx.emulator.faults.reset());
}

interface PageAnswer {
  edges: unknown[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** One walk of a repository's pages, `first: 1000` at a time, until the last page. */
async function walkOnce(target: Target, repository: string, maxPages: number) {
  let after: string | null = null;
  let images = 0;
  let complete = false;
  let errors = 0;
  for (let page = 0; page < maxPages; page++) {
    const { url, payload } = request(target, { query: pageQuery(repository, WALK_PAGE), variables: { after } }, [
      '/page',
      { repository, first: WALK_PAGE, after },
    ]);
    const answer = await postJson(url, payload);
    if (answer.status !== 200 || answer.body.errors) errors++;
    const found = (answer.body.data as { repository?: { images?: PageAnswer } } | undefined)?.repository?.images;
    if (!found) break;
    images += found.edges.length;
    after = found.pageInfo.endCursor;
    if (!found.pageInfo.hasNextPage) {
      complete = true;
      break;
    }
  }
  return { images, complete, errors };
}

/** Every image of a 10,000-image repository, `first: 1000` at a time: time, and calls (10 DescribeImages). */
export async function walkScenario(ctx: ScenarioContext): Promise<Row[]> {
  ctx.emulator.faults.reset();
  // Untimed, on another repository: the first walk would otherwise also pay for warming up the
  // emulator's and the server's code, and whichever target went first would look slowest.
  // The raw limit answers what it learnt; a walk's pages are each asked once, so it has no place here.
  const walkers = ctx.targets.filter((target) => target.kind !== 'raw');
  for (const target of walkers) await walkOnce(target, REPOS.walkWarmup, 10);
  const rows: Row[] = [];
  for (const target of walkers) {
    ctx.log(`  walk: ${target.label}`);
    await quiesce(ctx.emulator);
    const before = countCalls(ctx.emulator);
    const started = performance.now();
    const { images, complete, errors } = await walkOnce(target, REPOS.walk, WALK_IMAGES / WALK_PAGE + 1);
    const walkMs = performance.now() - started;
    const upstreamCalls = since(ctx.emulator, before);
    rows.push({
      scenario: `walk ${WALK_IMAGES} images, first: ${WALK_PAGE}`,
      target: target.label,
      walkMs,
      walkImages: images,
      walkComplete: complete,
      errors,
      upstreamCalls,
      upstreamCallsTotal: Object.values(upstreamCalls).reduce((a, b) => a + b, 0),
    });
  }
  return withRatios(rows, (row) => (row.walkMs ? 1 / row.walkMs : undefined));
}
