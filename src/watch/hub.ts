/**
 * The process's live-change hub: one watcher per watched repository, whatever the number of its
 * subscribers, started by the first and stopped as the last leaves; every subscriber gets the
 * events its `tagPrefix` keeps. SUBSCRIPTIONS_MAX bounds the streams open at once (RATE_LIMITED
 * past it, before any upstream call). Where events come from and go is the coordination's say:
 * this process alone (local.ts) or every replica through Redis (shared.ts). The watcher lists
 * through the gateway's own guarded upstream: the same client, rate limit, breaker and deadline as
 * queries, past the caches.
 */
import { createCallStats } from '../ecr/guard/call-stats';
import type { Upstream } from '../ecr/guard/upstream';
import { ErrorCode, GatewayError } from '../errors';
import type { Coordination } from './coordination';
import { type ChangeEvent, eventMatches, type WatchKey, watchKeyId } from './events';
import { createStream, type Stream } from './stream';
import type { WatchListings } from './watch-listings';
import { startWatcher, type Watcher } from './watcher';

/** What metrics hear of the hub (observability/metrics.ts). */
export interface WatchObserver {
  /** Repositories watched for this process's subscribers, and of those, polled by it. */
  watched?(repositories: number, polling: number): void;
  subscribers?(open: number): void;
  /** Events written to subscribers' streams. */
  sent?(count: number): void;
  /** Upstream calls the watchers' polls made. */
  pollCalls?(count: number): void;
  pollFailed?(error: unknown): void;
}

export interface WatchHubOptions {
  upstream: Upstream;
  listings: WatchListings;
  /** WATCH_INTERVAL_MS. */
  intervalMs: number;
  /** SUBSCRIPTIONS_MAX. */
  maxSubscriptions: number;
  coordination: Coordination;
  observer?: WatchObserver;
}

/** A place among SUBSCRIPTIONS_MAX, held from the request's start to its stream's end. */
export interface Slot {
  release(): void;
}

export interface WatchHub {
  /** RATE_LIMITED when SUBSCRIPTIONS_MAX streams are open. */
  reserve(): Slot;
  /** A subscriber's stream; resolves once the repository is watched (its baseline taken). */
  subscribe(slot: Slot, key: WatchKey, tagPrefix: string | undefined): Promise<AsyncIterableIterator<ChangeEvent>>;
  /** Completes every stream and stops every watcher (SIGTERM). */
  close(): Promise<void>;
}

interface Topic {
  sinks: Set<{ stream: Stream<ChangeEvent>; tagPrefix: string | undefined }>;
  watcher: Watcher;
  polling: boolean;
  stopListening: Promise<() => void>;
  ready: Promise<void>;
}

export function createWatchHub(options: WatchHubOptions): WatchHub {
  const { coordination, observer = {} } = options;
  const topics = new Map<string, Topic>();
  /** How each topic stops: its watcher, its listening, its lease. */
  const closers = new Map<string, () => Promise<void>>();
  const leaving = new Set<Promise<void>>();
  let reserved = 0;
  /** Streams past their baseline, delivering: what the subscriber gauge shows. */
  let streaming = 0;
  let closed = false;
  const report = (): void => {
    observer.subscribers?.(streaming);
    observer.watched?.(topics.size, [...topics.values()].filter((t) => t.polling).length);
  };

  function deliver(id: string, events: ChangeEvent[]): void {
    let sent = 0;
    for (const sink of topics.get(id)?.sinks ?? []) {
      for (const event of events) {
        if (!eventMatches(event, sink.tagPrefix)) continue;
        sink.stream.push(event);
        sent++;
      }
    }
    if (sent > 0) observer.sent?.(sent);
  }

  function open(key: WatchKey): Topic {
    const id = watchKeyId(key);
    const lease = coordination.lease(key);
    const topic: Topic = {
      sinks: new Set(),
      polling: false,
      stopListening: coordination.listen(key, (events) => deliver(id, events)),
      watcher: startWatcher({
        key,
        intervalMs: options.intervalMs,
        lead: async () => {
          const lead = await lease.hold();
          topic.polling = lead !== false;
          report();
          return lead;
        },
        fetch: async () => {
          const stats = createCallStats();
          try {
            return await options.listings.fetch(key, options.upstream.forRequest(stats));
          } finally {
            observer.pollCalls?.(Object.values(stats.upstreamCalls).reduce((a, b) => a + b, 0));
          }
        },
        ...(coordination.baseline ? { baseline: coordination.baseline(key) } : {}),
        deliver: (events) => void coordination.publish(key, events, () => deliver(id, events)),
        onError: (error) => observer.pollFailed?.(error),
      }),
      ready: Promise.resolve(),
    };
    topic.ready = Promise.all([topic.stopListening, topic.watcher.ready]).then(() => undefined);
    const leave = async (): Promise<void> => {
      await topic.watcher.stop();
      (await topic.stopListening)();
      await lease.release();
    };
    topics.set(id, topic);
    closers.set(id, leave);
    return topic;
  }

  function maybeStop(id: string, topic: Topic): void {
    if (topic.sinks.size > 0 || topics.get(id) !== topic) return;
    topics.delete(id);
    const leave = closers.get(id);
    closers.delete(id);
    if (leave) {
      const left = leave().catch(() => undefined);
      leaving.add(left);
      void left.finally(() => leaving.delete(left));
    }
    report();
  }

  return {
    reserve() {
      if (closed) throw new GatewayError(ErrorCode.RATE_LIMITED, 'The gateway is shutting down');
      if (reserved >= options.maxSubscriptions) {
        throw new GatewayError(
          ErrorCode.RATE_LIMITED,
          `This gateway holds its most open subscriptions (${options.maxSubscriptions}, SUBSCRIPTIONS_MAX); retry later`,
        );
      }
      reserved++;
      report();
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          reserved--;
          report();
        },
      };
    },
    async subscribe(slot, key, tagPrefix) {
      const id = watchKeyId(key);
      const topic = topics.get(id) ?? open(key);
      let counted = false;
      const sink = {
        tagPrefix,
        stream: createStream<ChangeEvent>(() => {
          topic.sinks.delete(sink);
          if (counted) streaming--;
          counted = false;
          slot.release();
          maybeStop(id, topic);
        }),
      };
      topic.sinks.add(sink);
      await topic.ready;
      if (closed) sink.stream.end();
      else if (topic.sinks.has(sink)) {
        counted = true;
        streaming++;
        report();
      }
      return sink.stream.iterator;
    },
    async close() {
      closed = true;
      const all = [...topics.values()];
      // Each stream ends (its queued events first); the last of a topic stops its watcher.
      for (const topic of all) for (const sink of [...topic.sinks]) sink.stream.end();
      await Promise.all([...leaving]);
    },
  };
}
