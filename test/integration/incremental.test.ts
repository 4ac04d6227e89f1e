import { catalogFixture } from '../helpers/catalog-fixture';
import { createStack, type Stack } from '../helpers/stack';

// The deferred fragment needs GetRepositoryCatalogData, held back by the emulator's latency on
// that operation alone; the rest of the query costs one DescribeRepositories.
const DEFERRED = '{ repository(name: "gallery/app") { repositoryName ... @defer { catalogData { description } } } }';

/** Reads a response body part by part: `next()` resolves when one more complete part has arrived. */
function partsOf(response: Response, split: (text: string) => { parts: string[]; rest: string }) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const ready: string[] = [];
  let buffer = '';
  return {
    async next(): Promise<unknown> {
      while (ready.length === 0) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended; unparsed: ${buffer}`);
        const { parts, rest } = split(buffer + decoder.decode(value, { stream: true }));
        ready.push(...parts);
        buffer = rest;
      }
      return JSON.parse(ready.shift() as string);
    },
    rest: async () => {
      for (;;) if ((await reader.read()).done) return buffer;
    },
  };
}

// multipart/mixed: each part is headers, a blank line, then the JSON, up to the next `\r\n---`.
const multipart = (text: string) => {
  const pieces = text.split('\r\n---');
  const rest = pieces.pop() ?? '';
  const parts = pieces.map((p) => p.slice(p.indexOf('\r\n\r\n') + 4)).filter((p) => p.trim().startsWith('{'));
  return { parts, rest };
};

// SSE: events end with a blank line; `event: next` carries the JSON in `data:`.
const sse = (text: string) => {
  const events = text.split('\n\n');
  const rest = events.pop() ?? '';
  const parts = events
    .filter((e) => e.includes('event: next'))
    .map((e) => e.slice(e.indexOf('data: ') + 6).replace(/\ndata: /g, '\n'));
  return { parts, rest };
};

const LATENCY_MS = 500;

const post = (stack: Stack, accept: string, query: string) =>
  stack.gateway.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query }),
  });

const answeredCatalogCalls = (stack: Stack) =>
  stack.emulator.calls.all().filter((c) => c.operation === 'GetRepositoryCatalogData' && c.outcome !== 'pending');

describe('@defer and @stream', () => {
  it.each([
    ['multipart/mixed', multipart],
    ['text/event-stream', sse],
  ])('sends the initial payload over %s while the deferred upstream call is still delayed', async (accept, split) => {
    const stack = createStack({ fixture: catalogFixture() });
    stack.emulator.faults.set({ latencyMs: LATENCY_MS, operations: ['GetRepositoryCatalogData'] });
    const response = await post(stack, accept, DEFERRED);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(accept);
    const parts = partsOf(response, split);

    const first = await parts.next();
    const firstAt = Date.now();
    expect(first).toEqual({ data: { repository: { repositoryName: 'gallery/app' } }, hasNext: true });
    // The deferred fragment's upstream call has not been answered: it did not hold the payload back.
    expect(answeredCatalogCalls(stack)).toHaveLength(0);

    const second = (await parts.next()) as { incremental: { data: unknown; path: unknown[] }[]; hasNext: boolean };
    expect(second.incremental).toEqual([
      { data: { catalogData: { description: expect.any(String) } }, path: ['repository'] },
    ]);
    expect(second.hasNext).toBe(false);
    expect(answeredCatalogCalls(stack).map((c) => c.outcome)).toEqual(['ok']);
    // It started with the initial payload, not a latency later: it reached the emulator within a
    // few milliseconds of that payload's delivery (the SDK's own pipeline), well inside LATENCY_MS.
    const [catalogCall] = answeredCatalogCalls(stack);
    expect(catalogCall?.at).toBeLessThan(firstAt + LATENCY_MS / 5);
    expect(stack.calls('GetRepositoryCatalogData')).toBe(1);
    await parts.rest();
  });

  it("runs the deferred part's upstream calls beside the initial payload's, not after it", async () => {
    // Both the deferred catalog data and the initial payload's page of images wait LATENCY_MS at
    // the emulator: run one after the other, the deferred part would come LATENCY_MS after the first.
    const stack = createStack({ fixture: catalogFixture() });
    stack.emulator.faults.set({ latencyMs: LATENCY_MS, operations: ['GetRepositoryCatalogData', 'DescribeImages'] });
    const response = await post(
      stack,
      'multipart/mixed',
      `{ repository(name: "gallery/app") { repositoryName ... @defer { catalogData { description } } }
         other: repository(name: "web/frontend") { images(first: 1) { edges { node { imageTags } } } } }`,
    );
    const parts = partsOf(response, multipart);
    expect(await parts.next()).toMatchObject({
      data: { repository: { repositoryName: 'gallery/app' } },
      hasNext: true,
    });
    const firstAt = Date.now();
    const [catalogCall] = stack.emulator.calls.all().filter((c) => c.operation === 'GetRepositoryCatalogData');
    const [imagesCall] = stack.emulator.calls.all().filter((c) => c.operation === 'DescribeImages');
    // The deferred call reached the emulator about when the initial payload's did, long before that payload left.
    expect(firstAt - (imagesCall?.at ?? 0)).toBeGreaterThanOrEqual(LATENCY_MS);
    expect(Math.abs((catalogCall?.at ?? 0) - (imagesCall?.at ?? 0))).toBeLessThan(LATENCY_MS / 2);
    expect(await parts.next()).toMatchObject({ incremental: [{ path: ['repository'] }], hasNext: false });
    expect(Date.now() - firstAt).toBeLessThan(LATENCY_MS / 2);
    await parts.rest();
  });

  it('streams a list field with @stream, items after the initial count', async () => {
    const stack = createStack();
    const response = await post(
      stack,
      'multipart/mixed',
      '{ repository(name: "web/frontend") { images(first: 3) { edges @stream(initialCount: 1) { node { imageDigest } } } } }',
    );
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain('"hasNext":true');
    expect(text).toContain('"items"');
  });

  it('prices deferred fields as any others: over the cost limit is refused, no upstream call', async () => {
    const stack = createStack({ limits: { maxCost: 3 } });
    const response = await post(
      stack,
      'multipart/mixed',
      '{ repositories(first: 50) { edges { node { ... @defer { catalogData { description } } } } } }',
    );
    const text = await response.text();
    expect(text).toContain('QUERY_TOO_COMPLEX');
    expect(stack.calls()).toBe(0);
  });

  it('is never compiled by graphql-jit: the same deferred document streams every time', async () => {
    const stack = createStack({ fixture: catalogFixture() });
    for (let i = 0; i < 3; i++) {
      const text = await (await post(stack, 'multipart/mixed', DEFERRED)).text();
      expect(text).toContain('"incremental"');
    }
  });
});
