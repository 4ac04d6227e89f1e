/**
 * Where a watcher's events go and who polls: the seam between the hub and its deployment. Alone
 * (this file), the process polls every repository its subscribers watch and delivers to them
 * directly; with REDIS_URL (shared.ts), a lease picks one poller per repository for all replicas
 * and pub/sub carries its events to every replica's subscribers.
 */
import type { ChangeEvent, WatchKey } from './events';
import type { Lead, Snapshot } from './watcher';

export interface Lease {
  /** Whether this process polls this round (watcher.ts `Lead`); renews a lease it holds. */
  hold(): Promise<Lead>;
  /** Gives the lease up, so that another replica with subscribers takes over at once. */
  release(): Promise<void>;
}

export interface Coordination {
  /** Calls `deliver` with the key's events, from whichever process found them; resolves to "stop". */
  listen(key: WatchKey, deliver: (events: ChangeEvent[]) => void): Promise<() => void>;
  /** Sends events to every listener; `local` delivers to this process's alone, where no one else hears. */
  publish(key: WatchKey, events: ChangeEvent[], local: () => void): Promise<void>;
  lease(key: WatchKey): Lease;
  /** The last listing seen by whichever process polled, kept where a new poller finds it. */
  baseline?(key: WatchKey): { load(): Promise<Snapshot | undefined>; save(snapshot: Snapshot): Promise<void> };
}

/** One process, no one to share with: it always polls, and delivers its own events. */
export function createLocalCoordination(): Coordination {
  return {
    listen: () => Promise.resolve(() => undefined),
    publish: async (_key, _events, local) => local(),
    lease() {
      let held = false;
      return {
        hold: async () => {
          const lead = held ? 'held' : 'fresh';
          held = true;
          return lead;
        },
        release: async () => {
          held = false;
        },
      };
    },
  };
}
