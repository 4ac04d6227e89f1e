import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { capturedLogger } from '../helpers/logs';
import { createStack } from '../helpers/stack';

const QUERY = '{ repository(name: "web/frontend") { repositoryName } }';

async function ask(stack: ReturnType<typeof createStack>, headers: Record<string, string> = {}) {
  return stack.gateway.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: QUERY }),
  });
}

describe('request logs', () => {
  it('logs one JSON line per request with its id, honouring a sane incoming x-request-id', async () => {
    const { logger, lines } = capturedLogger();
    const stack = createStack({ logger });
    const given = await ask(stack, { 'x-request-id': 'trace-abc.123' });
    expect(given.headers.get('x-request-id')).toBe('trace-abc.123');
    const made = await ask(stack);
    const madeId = made.headers.get('x-request-id');
    expect(madeId).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await ask(stack, { 'x-request-id': 'x'.repeat(500) });
    expect(hostile.headers.get('x-request-id')).not.toBe('x'.repeat(500));

    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests.map((line) => line.reqId)).toEqual(['trace-abc.123', madeId, hostile.headers.get('x-request-id')]);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/graphql', status: 200, ms: expect.any(Number) });
  });
});

describe('trace hooks', () => {
  it('gives each GraphQL operation a span on the tracer provider it is handed', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider();
    provider.addSpanProcessor(new SimpleSpanProcessor(exporter));
    const stack = createStack({ tracerProvider: provider });
    await stack.query(`query RepoName ${QUERY}`);
    const names = exporter.getFinishedSpans().map((span) => span.name);
    expect(names).toContain('query.RepoName');
    await provider.shutdown();
  });
});
