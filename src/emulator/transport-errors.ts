/**
 * The errors a caller sees when no answer comes, shaped as @smithy/node-http-handler 4.x shapes them
 * so the SDK classifies them the same way in-process as over a socket:
 * - a connection reset: Node's `socket hang up` (code ECONNRESET), renamed `TimeoutError` by the
 *   handler, which the SDK's retry strategy treats as a transient error and retries;
 * - an aborted call: `AbortError` "Request aborted" (its buildAbortError), never retried.
 */
export function createDropError(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', name: 'TimeoutError' });
}

export function createAbortError(signal?: { reason?: unknown }): Error {
  const reason = signal?.reason;
  const error = new Error(reason !== undefined && !(reason instanceof Error) ? String(reason) : 'Request aborted');
  error.name = 'AbortError';
  if (reason instanceof Error) error.cause = reason;
  return error;
}

/** Resolves after `ms`, or rejects with an AbortError as soon as `signal` aborts; leaves no timer behind. */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(createAbortError(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(createAbortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
