/**
 * Live-change metrics (src/watch): repositories watched and polled, subscriptions open, events
 * sent, the upstream calls the watchers' polls made and the polls that failed.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { WatchObserver } from '../watch';

export function watchMetrics(registry: Registry): WatchObserver {
  const registers = [registry];
  const watched = new Gauge({
    name: 'gateway_watch_repositories',
    help: "Repositories watched for this process's subscribers.",
    registers,
  });
  const polling = new Gauge({
    name: 'gateway_watch_polling_repositories',
    help: 'Of those, the ones this process polls (with REDIS_URL, the ones whose lease it holds).',
    registers,
  });
  const subscribers = new Gauge({
    name: 'gateway_subscriptions',
    help: 'Subscription streams open on this process.',
    registers,
  });
  const events = new Counter({
    name: 'gateway_subscription_events_total',
    help: "Events written to subscribers' streams.",
    registers,
  });
  const pollCalls = new Counter({
    name: 'gateway_watch_poll_calls_total',
    help: "Upstream calls made by this process's watchers.",
    registers,
  });
  const pollFailures = new Counter({
    name: 'gateway_watch_poll_failures_total',
    help: 'Polls that failed (the upstream did not answer); the streams stay open.',
    registers,
  });
  return {
    watched: (repositories, polled) => {
      watched.set(repositories);
      polling.set(polled);
    },
    subscribers: (open) => subscribers.set(open),
    sent: (count) => events.inc(count),
    pollCalls: (count) => pollCalls.inc(count),
    pollFailed: () => pollFailures.inc(),
  };
}
