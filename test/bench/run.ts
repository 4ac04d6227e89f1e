/**
 * `npm run bench`: the gateway on its production path (a child process running src/main.ts with
 * ECR_PUBLIC_BACKEND=aws, AWS_ENDPOINT_URL_ECR_PUBLIC at the emulator), with its defaults and with
 * every cache off, beside a GraphQL peer (Fastify + Mercurius + graphql-jit and DataLoader:
 * peer-server.ts), the fastest honest hand-written service (node:http calling the SDK, one call
 * per request: baseline-server.ts) and the raw node:http limit (precomputed answers:
 * raw-server.ts), all over the same loopback emulator, under autocannon, in rounds of alternating
 * order. Prints a Markdown table; every figure is meant as a ratio to the others of the same run,
 * since the machine is shared and noisy.
 *
 *   npm run bench -- [--json FILE] [--duration S] [--rounds N] [--warmup S] [--only page,lookups,crowd,walk]
 *                    [--targets gateway,nocache,peer,baseline,raw] [--profile DIR] [--strict]
 *
 * --profile DIR writes each gateway's CPU profiles (`node --cpu-prof`) to DIR/<target>/ (the largest
 * is the main thread's; read it with profile-summary.ts); --strict exits 1 when
 * a target of the issue is missed.
 */
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEmulator, loadFixture } from '../../src/emulator';
import { writeBenchFixture } from './fixture';
import { type Server, startServer } from './processes';
import { checks, table } from './report';
import {
  crowdScenario,
  lookupsScenario,
  pageScenario,
  type Row,
  type ScenarioContext,
  type Target,
  walkScenario,
} from './scenarios';

const SCENARIOS = { page: pageScenario, lookups: lookupsScenario, crowd: crowdScenario, walk: walkScenario };
type ScenarioName = keyof typeof SCENARIOS;

const TARGETS = {
  gateway: { label: 'gateway', kind: 'gateway', env: {} },
  // The same gateway with UPSTREAM_CACHE_TTL_MS=0: no upstream or response cache (coalescing and
  // the rate limit stay, as the contract has it), so every request executes in full.
  nocache: { label: 'gateway (no caches)', kind: 'gateway', env: { UPSTREAM_CACHE_TTL_MS: '0' } },
  peer: { label: 'peer', kind: 'peer', env: {} },
  baseline: { label: 'baseline', kind: 'baseline', env: {} },
  // Started last: it learns its answers from the default gateway.
  raw: { label: 'raw', kind: 'raw', env: {} },
} as const;
type TargetName = keyof typeof TARGETS;

function list<T extends string>(raw: string | undefined, all: readonly T[], what: string): T[] {
  if (!raw) return [...all];
  const names = raw.split(',').map((name) => name.trim()) as T[];
  for (const name of names)
    if (!all.includes(name)) throw new Error(`--${what}: unknown '${name}' (${all.join(', ')})`);
  return names;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'string' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      rounds: { type: 'string', default: '2' },
      only: { type: 'string' },
      targets: { type: 'string' },
      profile: { type: 'string' },
      strict: { type: 'boolean', default: false },
    },
  });
  const scenarios = list(values.only, Object.keys(SCENARIOS) as ScenarioName[], 'only');
  const targetNames = list(values.targets, Object.keys(TARGETS) as TargetName[], 'targets');
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const bench = writeBenchFixture();
  // Loaded back from the file, as the standalone emulator loads ECR_PUBLIC_FIXTURE.
  const emulator = createEmulator(loadFixture(bench.file));
  const listening = await emulator.listen(0);
  log(`emulator on ${listening.url}, fixture ${bench.file}`);

  const common = {
    AWS_ENDPOINT_URL_ECR_PUBLIC: listening.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    PORT: '0',
    NODE_ENV: 'production',
  };
  const servers: Server[] = [];
  const stopAll = () => Promise.all(servers.map((server) => server.stop()));
  try {
    const targets: Target[] = [];
    for (const name of targetNames) {
      const spec = TARGETS[name];
      const profile =
        values.profile && spec.kind === 'gateway'
          ? // One folder per target: tsx's loader thread writes a profile of its own beside the main one.
            ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile, name)}`]
          : [];
      const answersFrom = targets.find((target) => target.label === 'gateway')?.server.origin;
      if (spec.kind === 'raw' && !answersFrom) {
        log('raw: left out, it needs the gateway target to learn its answers from');
        continue;
      }
      const server = await startServer(
        spec.kind === 'gateway'
          ? {
              name: spec.label,
              script: 'src/main.ts',
              env: { ...common, ...spec.env, ECR_PUBLIC_BACKEND: 'aws' },
              ready: /gateway listening on http:\/\/localhost:(\d+)\//,
              nodeArgs: profile,
            }
          : {
              name: spec.label,
              script: `test/bench/${spec.kind}-server.ts`,
              env: { ...common, ...(answersFrom ? { ANSWERS_FROM: answersFrom } : {}) },
              ready: new RegExp(`${spec.kind} listening on http://127\\.0\\.0\\.1:(\\d+)`),
            },
      );
      servers.push(server);
      targets.push({ label: spec.label, kind: spec.kind, server });
      log(`${spec.label} on ${server.origin}`);
    }

    const ctx: ScenarioContext = {
      emulator,
      fixture: bench,
      targets,
      durationSeconds: Number(values.duration),
      rounds: Math.max(1, Number(values.rounds)),
      warmupSeconds: Number(values.warmup),
      log,
    };
    const rows: Row[] = [];
    for (const name of scenarios) {
      log(`scenario ${name}`);
      rows.push(...(await SCENARIOS[name](ctx)));
    }
    await stopAll();

    const results = checks(rows);
    const text = [
      table(rows),
      '',
      ...results.map((check) => `${check.pass ? 'PASS' : 'MISS'}  ${check.name}: ${check.detail}`),
    ].join('\n');
    process.stdout.write(`\n${text}\n`);
    if (values.json) {
      writeFileSync(
        values.json,
        `${JSON.stringify(
          {
            at: new Date().toISOString(),
            machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
            durationSeconds: ctx.durationSeconds,
            rows,
            checks: results,
          },
          null,
          2,
        )}\n`,
      );
      log(`results written to ${values.json}`);
    }
    if (values.strict && results.some((check) => !check.pass)) process.exitCode = 1;
  } finally {
    await stopAll();
    await listening.close();
    rmSync(path.dirname(bench.file), { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
