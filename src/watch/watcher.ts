/**
 * One watched repository's poller: every `intervalMs` it fetches the whole listing (the largest
 * pages, past every cache), and when the listing's content hash differs from the last one seen it
 * diffs the two (changes.ts) and hands the events on. The first listing is the baseline: nothing is
 * sent for it. A failed poll keeps the last listing, so what changed during an outage is reported
 * once the upstream answers again. With REDIS_URL only the lease holder polls (`lead`), and the
 * last listing lives in Redis too, so a replica that takes over carries on from it.
 */
import type { ImageDetail } from '@aws-sdk/client-ecr-public';
import { diffListings, type ListedImage } from './changes';
import { type ChangeEvent, eventsOf, type WatchKey } from './events';

/** A whole listing as the watcher reads it. */
export interface FetchedListing {
  /** The listing's content hash (data/listings/whole-listing.ts). */
  version: string;
  items: readonly ImageDetail[];
}

/** The last listing seen: what the next one is diffed against. */
export interface Snapshot {
  version: string;
  images: ListedImage[];
}

/**
 * Whether this process polls now. 'fresh': it just became the poller (a baseline may be loaded);
 * 'held': it polled last time too; false: another replica holds the lease.
 */
export type Lead = 'fresh' | 'held' | false;

export interface WatcherDeps {
  key: WatchKey;
  intervalMs: number;
  /** One whole listing, fresh, through the gateway's guarded upstream. */
  fetch(): Promise<FetchedListing>;
  lead(): Promise<Lead>;
  /** The last listing another holder saw (REDIS_URL), and where to keep ours. */
  baseline?: { load(): Promise<Snapshot | undefined>; save(snapshot: Snapshot): Promise<void> };
  /** Events found by a poll, in the order found. */
  deliver(events: ChangeEvent[]): void;
  onError?(error: unknown): void;
}

export interface Watcher {
  /** Settles after the first round: the baseline is taken (or another replica polls). */
  ready: Promise<void>;
  /** No further poll starts; resolves once a poll in flight has settled. */
  stop(): Promise<void>;
}

const snapshotOf = (listing: FetchedListing): Snapshot => ({
  version: listing.version,
  images: listing.items.map((i) => ({ digest: i.imageDigest ?? '', tags: i.imageTags ?? [] })),
});

export function startWatcher(deps: WatcherDeps): Watcher {
  let previous: Snapshot | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  async function poll(): Promise<void> {
    const lead = await deps.lead();
    if (lead === false) {
      // Another replica polls; its listing, not an old one of ours, is the next baseline.
      previous = undefined;
      return;
    }
    if (lead === 'fresh') previous = await deps.baseline?.load();
    const listing = await deps.fetch();
    if (stopped) return;
    if (previous && previous.version !== listing.version) {
      const changes = diffListings(previous.images, snapshotOf(listing).images);
      const images = new Map(listing.items.map((i) => [i.imageDigest ?? '', i]));
      if (changes.length > 0) deps.deliver(eventsOf(deps.key, changes, images));
    }
    previous = snapshotOf(listing);
    await deps.baseline?.save(previous);
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      const started = Date.now();
      round = poll()
        .catch((error: unknown) => deps.onError?.(error))
        .finally(() => schedule(Math.max(0, deps.intervalMs - (Date.now() - started))));
    }, delayMs);
  }

  const first = poll().catch((error: unknown) => deps.onError?.(error));
  round = first;
  const ready = first.then(() => schedule(deps.intervalMs));
  return {
    ready,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
