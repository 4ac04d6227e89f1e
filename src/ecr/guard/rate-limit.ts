/**
 * A client-side limit on calls to AWS: at most `maxPerSecond` calls start in ANY one-second window
 * (a sliding log, not fixed windows, which let 2x the limit through across a window boundary).
 * Callers beyond it queue in order and start as soon as the oldest call in the window is a second
 * old, so bursts wait instead of being throttled by AWS.
 *
 * Hand-written because the established limiters count fixed windows (rate-limiter-flexible) or
 * space calls evenly (bottleneck's minTime, which delays a burst even well under the limit).
 */

/** Says that a call's answer arrived. */
export type Release = () => void;

export interface RateLimiter {
  /**
   * Resolves when a call may start, with a Release to call once its answer arrived where the
   * limiter counts a call until then (src/redis/rate-limiter.ts); rejects with the signal's reason if it
   * aborts first. An `urgent` call (the readiness probe) waits ahead of every queued one, so a flood
   * of queued work never makes the gateway look dead: it takes the next free slot.
   */
  acquire(signal?: AbortSignal, urgent?: boolean): Promise<Release | undefined>;
  /** Calls waiting now. */
  queued(): number;
}

/**
 * A call starts here but reaches AWS a little later, and not always equally late: two calls that
 * start exactly a second apart may land less than a second apart. The limit counts a slightly
 * longer window, so that what AWS sees holds in any one second even with that much jitter.
 */
const WINDOW_MS = 1000;
export const JITTER_GUARD_MS = 100;
const SPAN_MS = WINDOW_MS + JITTER_GUARD_MS;

export function createRateLimiter(maxPerSecond: number, now: () => number = Date.now): RateLimiter {
  /** Start times of the calls in the current window, oldest first. */
  const starts: number[] = [];
  const waiting: { resolve: (release: undefined) => void; reject: (reason: unknown) => void; signal?: AbortSignal }[] =
    [];
  let timer: NodeJS.Timeout | undefined;

  function prune(at: number): void {
    while (starts.length > 0 && (starts[0] as number) <= at - SPAN_MS) starts.shift();
  }

  function drain(): void {
    timer = undefined;
    const at = now();
    prune(at);
    while (waiting.length > 0 && starts.length < maxPerSecond) {
      const next = waiting.shift();
      if (!next || next.signal?.aborted) continue;
      starts.push(at);
      next.resolve(undefined);
    }
    if (waiting.length > 0 && !timer) {
      const wait = Math.max(1, (starts[0] as number) + SPAN_MS - at);
      // Not unref'd: calls are waiting on it, and a process with work queued must not exit.
      timer = setTimeout(drain, wait);
    }
  }

  return {
    acquire(signal, urgent = false) {
      const at = now();
      prune(at);
      if (waiting.length === 0 && starts.length < maxPerSecond) {
        starts.push(at);
        return Promise.resolve(undefined);
      }
      return new Promise<undefined>((resolve, reject) => {
        const entry: (typeof waiting)[number] = { resolve, reject };
        if (signal) {
          entry.signal = signal;
          signal.addEventListener(
            'abort',
            () => {
              const index = waiting.indexOf(entry);
              if (index >= 0) waiting.splice(index, 1);
              reject(signal.reason);
            },
            { once: true },
          );
        }
        if (urgent) waiting.unshift(entry);
        else waiting.push(entry);
        if (!timer) drain();
      });
    },
    queued: () => waiting.length,
  };
}
