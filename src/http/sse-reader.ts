/**
 * The `next` events of a GraphQL-over-SSE answer (Yoga's "distinct connections" format:
 * `event: next` + `data: <json>`, then `event: complete`; `:` lines are keep-alive), read as they
 * arrive. `return()` cancels the body at once, even while a read waits (an async generator would
 * only see it at its next event), which ends the operation on the serving side.
 */
type Result = Record<string, unknown>;

export function sseResults(body: ReadableStream<Uint8Array>): AsyncIterableIterator<Result> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let finished = false;
  const done = (): IteratorResult<Result> => ({ done: true, value: undefined });
  const finish = async (): Promise<IteratorResult<Result>> => {
    if (!finished) {
      finished = true;
      await reader.cancel().catch(() => undefined);
    }
    return done();
  };
  /** The next whole event already received: a result, 'complete', or undefined for "read more". */
  function take(): Result | 'complete' | undefined {
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const lines = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      const event = lines
        .find((line) => line.startsWith('event:'))
        ?.slice(6)
        .trim();
      if (event === 'complete') return 'complete';
      const data = lines
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (event === 'next' && data) return JSON.parse(data) as Result;
    }
    return undefined;
  }
  const iterator: AsyncIterableIterator<Result> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      while (!finished) {
        const taken = take();
        if (taken === 'complete') return finish();
        if (taken) return { done: false, value: taken };
        const { done: ended, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (ended || finished) return finish();
        buffer += decoder.decode(value, { stream: true });
      }
      return done();
    },
    return: finish,
  };
  return iterator;
}
