/**
 * One autocannon run against one server, with what the benchmark needs beside autocannon's own
 * figures: errors as a client sees them (non-2xx answers and 200 answers that carry GraphQL
 * `errors`) and the upstream calls the emulator received meanwhile.
 */
import autocannon from 'autocannon';
import type { Emulator } from '../../src/emulator';

export interface LoadOptions {
  url: string;
  body: string;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
  /** The server's CPU time so far, ms, read before and after the run. */
  cpuMs?: () => number | undefined;
}

export interface LoadResult {
  /** Measured seconds (autocannon's own count). */
  seconds: number;
  /** The server's CPU time during the run, ms; with `requests`, its CPU cost per request. */
  serverCpuMs?: number;
  serverCpuMsPerRequest?: number;
  requests: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Non-2xx answers, GraphQL errors in 200 answers, connection errors and timeouts. */
  errors: number;
  /** Calls the emulator received during the run, by AWS operation. */
  upstreamCalls: Record<string, number>;
  upstreamCallsTotal: number;
  upstreamCallsPerSecond: number;
  upstreamCallsPerRequest: number;
  /** Calls the emulator answered ThrottlingException during the run. */
  upstreamThrottled: number;
  /** What the errors were: autocannon's counts, and the first failed answer's status and body (cut). */
  errorDetail?: { non2xx: number; graphqlErrors: number; connectionErrors: number; timeouts: number; sample?: string };
}

const OPERATIONS = ['DescribeImages', 'DescribeRepositories'] as const;

/** The emulator's call counts by operation, to subtract with {@link since}. */
export function countCalls(emulator: Emulator): Record<string, number> {
  return Object.fromEntries(OPERATIONS.map((operation) => [operation, emulator.calls.count(operation)]));
}

/** Calls per operation since `before`, leaving out operations with none. */
export function since(emulator: Emulator, before: Record<string, number>): Record<string, number> {
  const now = countCalls(emulator);
  return Object.fromEntries(
    OPERATIONS.map((operation) => [operation, (now[operation] ?? 0) - (before[operation] ?? 0)] as const).filter(
      ([, n]) => n > 0,
    ),
  );
}

export async function runLoad(emulator: Emulator, options: LoadOptions): Promise<LoadResult> {
  await quiesce(emulator);
  const before = countCalls(emulator);
  const startedAt = Date.now();
  let bodyErrors = 0;
  let sample: string | undefined;
  const cpuBefore = options.cpuMs?.();
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: options.body,
        onResponse: (status, body) => {
          const failed = status !== 200 || body.includes('"errors":');
          if (status === 200 && failed) bodyErrors++;
          if (failed && sample === undefined) sample = `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  const cpuAfter = options.cpuMs?.();
  // What the run's requests started upstream, the calls still finishing after its end included.
  await quiesce(emulator);
  const upstreamCalls = since(emulator, before);
  const upstreamCallsTotal = Object.values(upstreamCalls).reduce((a, b) => a + b, 0);
  const upstreamThrottled = emulator.calls
    .all()
    .filter((call) => call.at >= startedAt && call.outcome === 'ThrottlingException').length;
  const requests = result.requests.total;
  const serverCpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  return {
    seconds: result.duration,
    ...(serverCpuMs !== undefined
      ? { serverCpuMs, serverCpuMsPerRequest: requests > 0 ? serverCpuMs / requests : 0 }
      : {}),
    requests,
    requestsPerSecond: requests / result.duration,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.non2xx + bodyErrors + result.errors,
    ...(result.non2xx + bodyErrors + result.errors > 0
      ? {
          errorDetail: {
            non2xx: result.non2xx,
            graphqlErrors: bodyErrors,
            connectionErrors: result.errors,
            timeouts: result.timeouts,
            ...(sample === undefined ? {} : { sample }),
          },
        }
      : {}),
    upstreamCalls,
    upstreamCallsTotal,
    upstreamCallsPerSecond: upstreamCallsTotal / result.duration,
    upstreamCallsPerRequest: requests > 0 ? upstreamCallsTotal / requests : 0,
    upstreamThrottled,
  };
}

/**
 * One figure from several runs of the same load: counts add up; p50 is the runs' p50s weighted by
 * their requests (an approximation), p99 the worst run's (an upper bound).
 */
export function mergeLoads(runs: LoadResult[]): LoadResult {
  const sum = (pick: (run: LoadResult) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const seconds = sum((run) => run.seconds);
  const requests = sum((run) => run.requests);
  const upstreamCalls: Record<string, number> = {};
  for (const run of runs) {
    for (const [operation, n] of Object.entries(run.upstreamCalls))
      upstreamCalls[operation] = (upstreamCalls[operation] ?? 0) + n;
  }
  const upstreamCallsTotal = sum((run) => run.upstreamCallsTotal);
  const failed = runs.filter((run) => run.errorDetail);
  const cpu = runs.every((run) => run.serverCpuMs !== undefined) ? sum((run) => run.serverCpuMs ?? 0) : undefined;
  return {
    seconds,
    ...(cpu !== undefined ? { serverCpuMs: cpu, serverCpuMsPerRequest: requests > 0 ? cpu / requests : 0 } : {}),
    requests,
    requestsPerSecond: requests / seconds,
    latencyP50Ms: requests > 0 ? sum((run) => run.latencyP50Ms * run.requests) / requests : 0,
    latencyP99Ms: Math.max(...runs.map((run) => run.latencyP99Ms)),
    errors: sum((run) => run.errors),
    upstreamCalls,
    upstreamCallsTotal,
    upstreamCallsPerSecond: upstreamCallsTotal / seconds,
    upstreamCallsPerRequest: requests > 0 ? upstreamCallsTotal / requests : 0,
    upstreamThrottled: sum((run) => run.upstreamThrottled),
    ...(failed.length
      ? {
          errorDetail: {
            non2xx: sum((run) => run.errorDetail?.non2xx ?? 0),
            graphqlErrors: sum((run) => run.errorDetail?.graphqlErrors ?? 0),
            connectionErrors: sum((run) => run.errorDetail?.connectionErrors ?? 0),
            timeouts: sum((run) => run.errorDetail?.timeouts ?? 0),
            ...(failed[0]?.errorDetail?.sample ? { sample: failed[0].errorDetail.sample } : {}),
          },
        }
      : {}),
  };
}

/**
 * Waits until the emulator has had no call for `quietMs` and has none in flight: autocannon stops
 * sending at the end of a run, but a server finishes (and retries) what it had started, and those
 * calls must not be counted against the next target.
 */
export async function quiesce(emulator: Emulator, quietMs = 300, maxMs = 30_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const count = emulator.calls.count();
    const pending = emulator.calls.all().some((call) => call.outcome === 'pending');
    if (count !== last || pending) {
      last = count;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= quietMs) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * One POST with JSON, outside autocannon (the walk, the cold-cost probe). It asks for no
 * compression, as autocannon does not: fetch would otherwise ask for gzip, which the gateway
 * gives and the baseline and peer do not, so the walk would weigh compression against nothing.
 */
export async function postJson(
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-encoding': 'identity', ...headers },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
