/**
 * Subscriptions at scale, in process (the gateway over the embedded emulator's request handler):
 * 10 subscribers (one per repository) and then 1,000 (100 per repository) on 10 repositories,
 * SSE through `gateway.fetch`. Prints the upstream calls per polling round of each crowd, which
 * should be equal (one watcher per repository), and the delivery delay from a change made through
 * the emulator's control API to each subscriber's event (p50, p95, max), which is bounded by
 * WATCH_INTERVAL_MS.
 *
 *   npx tsx test/bench/subscriptions.ts [--interval MS] [--per-repo N]
 */
import { parseArgs } from 'node:util';
import type { Fixture } from '../../src/emulator';
import { digestOf, images, REGISTRY_ID } from '../helpers/fixture';
import { createStack } from '../helpers/stack';
import { type Subscriber, sseSubscriber } from '../helpers/subscribers';
import { changesOf, morePolls } from '../helpers/watching';

const { values } = parseArgs({ options: { interval: { type: 'string' }, 'per-repo': { type: 'string' } } });
const INTERVAL = Number(values.interval ?? 1000);
const PER_REPO = Number(values['per-repo'] ?? 100);
const REPOS = Array.from({ length: 10 }, (_, i) => `bench/repo-${i}`);

const fixture: Fixture = {
  registries: [
    {
      registryId: REGISTRY_ID,
      repositories: REPOS.map((name) => ({ repositoryName: name, images: images(name, 50) })),
    },
  ],
};
const stack = createStack({ fixture, watch: { intervalMs: INTERVAL, subscriptionsMax: 10 * PER_REPO + 10 } });
const fetchFn = (url: string, init: RequestInit) => stack.gateway.fetch(url, init);

/** Upstream calls per interval, all operations, over `rounds` whole intervals once the crowd is settled. */
async function callsPerInterval(rounds: number): Promise<number> {
  await morePolls(stack.emulator.calls, REPOS[0] as string, 2, 60_000);
  const start = Date.now();
  await new Promise((resolve) => setTimeout(resolve, rounds * INTERVAL));
  const calls = stack.emulator.calls.all().filter((call) => call.at >= start && call.at < start + rounds * INTERVAL);
  return calls.length / rounds;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function main(): Promise<void> {
  const subscribers: Subscriber[] = [];
  for (const name of REPOS) subscribers.push(await sseSubscriber(fetchFn, 'http://gateway/graphql', changesOf(name)));
  const few = await callsPerInterval(5);
  for (const name of REPOS) {
    const opened = await Promise.all(
      Array.from({ length: PER_REPO - 1 }, () => sseSubscriber(fetchFn, 'http://gateway/graphql', changesOf(name))),
    );
    subscribers.push(...opened);
  }
  const many = await callsPerInterval(5);

  const changedAt = Date.now();
  for (const name of REPOS) {
    stack.emulator.control.push({
      repositoryName: name,
      image: { imageDigest: digestOf(`bench ${name}`), imageTags: ['new'] },
    });
  }
  const delayOf = async (s: Subscriber): Promise<number> => {
    await s.next(3 * INTERVAL + 5000);
    return Date.now() - changedAt;
  };
  const delays = (await Promise.all(subscribers.map(delayOf))).sort((a, b) => a - b);
  for (const s of subscribers) s.close();
  process.stdout.write(
    `| subscribers | repositories | upstream calls per interval | delivery delay p50 / p95 / max (ms), WATCH_INTERVAL_MS ${INTERVAL} |\n` +
      '| --- | --- | --- | --- |\n' +
      `| ${REPOS.length} | ${REPOS.length} | ${few} | |\n` +
      `| ${subscribers.length} | ${REPOS.length} | ${many} | ${percentile(delays, 0.5)} / ${percentile(delays, 0.95)} / ${delays.at(-1)} |\n`,
  );
  process.exit(0);
}

void main();
