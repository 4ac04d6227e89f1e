/** The benchmark's table (Markdown, so it pastes into the README as printed) and its checks. */
import type { Row } from './scenarios';

const fixed = (value: number | undefined, digits = 0): string =>
  value === undefined || Number.isNaN(value)
    ? ''
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function calls(record: Record<string, number> | undefined): string {
  if (!record) return '';
  const parts = Object.entries(record)
    .filter(([, n]) => n > 0)
    .map(([operation, n]) => `${operation.replace('Describe', '')} ${n}`);
  return parts.length ? parts.join(', ') : '0';
}

const COLUMNS = [
  'scenario',
  'target',
  'req/s',
  'p50 ms',
  'p99 ms',
  'errors',
  'upstream calls',
  'calls/req',
  'calls/s',
  'server CPU ms/req',
  'vs baseline (req/s)',
  'vs baseline (CPU/req)',
  'vs peer (req/s)',
  'vs raw (req/s)',
] as const;

export function table(rows: Row[]): string {
  const lines = rows.map((row) => [
    row.scenario,
    row.target,
    row.walkMs !== undefined ? `walk ${fixed(row.walkMs)} ms` : fixed(row.requestsPerSecond),
    fixed(row.latencyP50Ms, 1),
    fixed(row.latencyP99Ms, 1),
    fixed(row.errors),
    row.coldUpstreamCalls
      ? `first: ${calls(row.coldUpstreamCalls)}; run: ${calls(row.upstreamCalls)}`
      : calls(row.upstreamCalls),
    fixed(row.upstreamCallsPerRequest, 3),
    fixed(row.upstreamCallsPerSecond, 1),
    fixed(row.serverCpuMsPerRequest, 2),
    row.ratio === undefined ? '' : `${fixed(row.ratio, 2)}x`,
    row.cpuRatio === undefined ? '' : `${fixed(row.cpuRatio, 2)}x`,
    row.peerRatio === undefined ? '' : `${fixed(row.peerRatio, 2)}x`,
    row.rawRatio === undefined ? '' : `${fixed(row.rawRatio, 2)}x`,
  ]);
  const header = `| ${COLUMNS.join(' | ')} |`;
  const rule = `| ${COLUMNS.map((c) => (c === 'scenario' || c === 'target' ? '---' : '---:')).join(' | ')} |`;
  return [header, rule, ...lines.map((cells) => `| ${cells.join(' | ')} |`)].join('\n');
}

export interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

/** The "Done when", read off the rows of the default gateway. */
export function checks(rows: Row[]): Check[] {
  const find = (scenario: string, target: string) =>
    rows.find((row) => row.scenario.startsWith(scenario) && row.target === target);
  const gateway = (scenario: string) => find(scenario, 'gateway');
  const uncached = (scenario: string) => find(scenario, 'gateway (no caches)');
  const out: Check[] = [];
  const ratio = (name: string, value: number | undefined, floor: number): void => {
    if (value !== undefined)
      out.push({ name: `${name} >= ${floor}x`, pass: value >= floor, detail: `${fixed(value, 2)}x` });
  };
  ratio('uncached page of 100: gateway vs the Mercurius + graphql-jit peer', uncached('page')?.peerRatio, 1.0);
  ratio('uncached page of 100: gateway vs the one-call direct-SDK baseline', uncached('page')?.ratio, 0.75);
  ratio('cached page of 100: gateway vs the raw node:http limit', gateway('page')?.rawRatio, 0.3);
  ratio('cached 50 lookups: gateway vs the raw node:http limit', gateway('50 lookups')?.rawRatio, 0.2);
  ratio('walk of 10,000 images: gateway speed vs the direct-SDK baseline', gateway('walk')?.ratio, 0.9);
  const lookups = gateway('50 lookups');
  if (lookups?.coldUpstreamCalls) {
    const images = lookups.coldUpstreamCalls.DescribeImages ?? 0;
    const reported = lookups.coldReportedCost?.DescribeImages;
    out.push({
      name: 'fifty lookups cost one DescribeImages call',
      pass: images === 1 && reported === 1,
      detail: `emulator counted ${images}, extensions.cost said ${reported ?? 'nothing'}`,
    });
  }
  const crowd = gateway('200 clients');
  if (crowd) {
    out.push({
      name: 'two hundred clients on a 50 calls/s upstream: no throttling errors',
      pass: crowd.errors === 0 && crowd.upstreamThrottled === 0,
      detail: `${crowd.errors} client errors, ${crowd.upstreamThrottled} calls throttled upstream`,
    });
  }
  const walk = gateway('walk');
  if (walk) {
    const images = walk.upstreamCalls?.DescribeImages ?? 0;
    out.push({
      name: 'the 10,000-image walk costs exactly 10 DescribeImages calls',
      pass: images === 10 && walk.walkComplete === true && walk.walkImages === 10_000 && walk.errors === 0,
      detail: `${images} DescribeImages, ${walk.walkImages} images, ${walk.walkComplete ? 'complete' : 'incomplete'}`,
    });
  }
  return out;
}
