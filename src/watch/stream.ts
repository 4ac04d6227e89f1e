/**
 * One subscriber's stream: an async iterator fed by the hub. `return()` (the client left, Yoga or
 * graphql-ws gave up on it) and `end()` (SIGTERM, the hub closing) both finish it, once, and call
 * `onClose`. A consumer that stops reading cannot grow it without bound: past `maxQueued` events
 * waiting, the stream ends, and the client resubscribes.
 */
export interface Stream<T> {
  push(value: T): void;
  /** Completes the stream: a waiting `next()` resolves done. */
  end(): void;
  iterator: AsyncIterableIterator<T>;
}

export function createStream<T>(onClose: () => void, maxQueued = 10_000): Stream<T> {
  const queue: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    onClose();
    waiting?.({ done: true, value: undefined });
    waiting = undefined;
  };
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]() {
      return iterator;
    },
    next() {
      const value = queue.shift();
      if (value !== undefined) return Promise.resolve({ done: false, value });
      if (done) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return() {
      queue.length = 0;
      finish();
      return Promise.resolve({ done: true, value: undefined });
    },
    throw(error: unknown) {
      queue.length = 0;
      finish();
      return Promise.reject(error);
    },
  };
  return {
    push(value) {
      if (done) return;
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ done: false, value });
      } else if (queue.length < maxQueued) {
        queue.push(value);
      } else {
        finish();
      }
    },
    end: finish,
    iterator,
  };
}
