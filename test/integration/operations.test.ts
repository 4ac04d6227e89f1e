/**
 * What an operator meets on day one, through the gateway's HTTP surface: metrics a client cannot
 * multiply and cannot read while authentication is on, one telling log line per request, and a
 * browser's first steps (`/`, and `/graphql` with GraphiQL off).
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { OPERATION_NAMES_MAX } from '../../src/observability/graphql-metrics';
import { capturedLogger } from '../helpers/logs';
import { createStack, type Stack } from '../helpers/stack';

const series = (text: string): number => text.split('\n').filter((line) => line && !line.startsWith('#')).length;
const metricsOf = async (stack: Stack): Promise<string> => (await stack.gateway.fetch('http://gateway/metrics')).text();

describe('/metrics', () => {
  it('adds fewer than 20 series for 100 distinct GET queries: no URL or query text in any label', async () => {
    const stack = createStack();
    const get = (query: string) =>
      stack.gateway.fetch(`http://gateway/graphql?query=${encodeURIComponent(query)}`, {
        headers: { accept: 'application/json' },
      });
    await get('{ repository(name: "web/frontend") { repositoryName } }');
    const before = series(await metricsOf(stack));
    for (let i = 0; i < 100; i += 1) {
      const response = await get(`{ repository(name: "web/frontend") { repositoryName n${i}: repositoryUri } }`);
      expect(response.status).toBe(200);
    }
    const text = await metricsOf(stack);
    expect(series(text) - before).toBeLessThan(20);
    expect(text).not.toContain('repositoryUri');
    expect(text).not.toMatch(/url="/);
  });

  it('labels operation names from a capped set, the rest as other, and never an error path', async () => {
    const stack = createStack();
    const names = OPERATION_NAMES_MAX + 50;
    for (let i = 0; i < names; i += 1) {
      // An alias in the error's path: the client's word, which must not become a label either.
      await stack.query(`query Op${i} { alias${i}: repository(name: "no/such-repo") { repositoryName } }`);
    }
    const text = await metricsOf(stack);
    const named = new Set([...text.matchAll(/operationName="([^"]+)"/g)].map((match) => match[1]));
    expect(named.size).toBe(OPERATION_NAMES_MAX + 1);
    expect(named.has('other')).toBe(true);
    expect(named.has(`Op${names - 1}`)).toBe(false);
    expect(text).not.toMatch(/alias\d+/);
    expect(text).toMatch(/graphql_envelop_error_result\{[^}]*operationName="other"[^}]*\} 50\b/);
  });

  it('is not served on the GraphQL port while authentication is on', async () => {
    const stack = createStack({ auth: { jwtSecret: 'a-secret-of-thirty-two-characters!!' } });
    const response = await stack.gateway.fetch('http://gateway/metrics');
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain('ecr_public_upstream');
    // Metrics are still kept, for the operator's own port (METRICS_PORT).
    expect(await stack.metrics.registry.metrics()).toContain('ecr_public_upstream_calls_total');
  });
});

describe('request log', () => {
  it("names a failing request's operation, type and error codes, with its upstream calls, at the right level", async () => {
    const { logger, lines } = capturedLogger();
    const stack = createStack({ logger });
    await stack.query('query Missing { repository(name: "no/such-repo") { repositoryName } }');
    stack.emulator.faults.failNext('ServerException', 1);
    await stack.query('query Broken { repository(name: "web/frontend") { repositoryName } }');
    await stack.query('query Fine { repository(name: "web/frontend") { repositoryName } }');
    await stack.query('query Bad { repository(name: "x") { repositoryName } }');

    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(4);
    const [missing, broken, fine, bad] = requests;
    expect(missing).toMatchObject({
      level: 30,
      operationName: 'Missing',
      operationType: 'query',
      errors: ['REPOSITORY_NOT_FOUND'],
      upstreamCalls: 1,
      calls: { DescribeRepositories: 1 },
      reqId: expect.any(String),
      ms: expect.any(Number),
    });
    // ECR Public's fault: a warning.
    expect(broken).toMatchObject({ level: 40, operationName: 'Broken', errors: ['UPSTREAM_ERROR'], upstreamCalls: 1 });
    expect(fine).toMatchObject({ level: 30, operationName: 'Fine', upstreamCalls: 1 });
    expect(fine?.errors).toBeUndefined();
    // Refused before any call.
    expect(bad).toMatchObject({ operationName: 'Bad', errors: ['BAD_USER_INPUT'], upstreamCalls: 0 });
  });

  it('gives the code of a refusal made before parsing, and marks answers of the response cache', async () => {
    const { logger, lines } = capturedLogger();
    const stack = createStack({ logger, responseCache: { ttlMs: 60_000 } });
    const refused = await stack.gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{ repositories { edges { cursor } } }',
    });
    expect(refused.status).toBe(415);
    const query = 'query Twice { repository(name: "web/frontend") { repositoryName } }';
    await stack.query(query);
    await stack.query(query);
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests[0]).toMatchObject({ status: 415, errors: ['BAD_REQUEST'] });
    expect(requests[1]).toMatchObject({ operationName: 'Twice', upstreamCalls: 1 });
    expect(requests[1]?.responseCache).toBeUndefined();
    expect(requests[2]).toMatchObject({ upstreamCalls: 0, responseCache: true });
  });
});

describe("a browser's first steps", () => {
  it('is sent from / to /graphql', async () => {
    const stack = createStack();
    const response = await stack.gateway.fetch('http://gateway/', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphql');
  });

  it('gets GraphiQL rendered and compressed once: the encoding it prefers, an ETag, and 304 on revalidation', async () => {
    const stack = createStack();
    const page = (headers: Record<string, string>) =>
      stack.gateway.fetch('http://gateway/graphql', { headers: { accept: 'text/html', ...headers } });
    const br = await page({ 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brotliDecompressSync(brBytes).toString()).toContain('query Gallery');
    const gzip = await page({ 'accept-encoding': 'br;q=0, gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toContain('YogaGraphiQL');
    const plain = await page({});
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await plain.text()).length).toBeGreaterThan(brBytes.length * 3);

    const etag = br.headers.get('etag') as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await page({ 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('gets a page that says how to query when GraphiQL is off, and a query still works by GET', async () => {
    const stack = createStack({ graphiql: false });
    const page = await stack.gateway.fetch('http://gateway/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    expect(html).toContain('POST /graphql');
    expect(html).not.toContain('YogaGraphiQL');

    const query = encodeURIComponent('{ repository(name: "web/frontend") { repositoryName } }');
    const answered = await stack.gateway.fetch(`http://gateway/graphql?query=${query}`, {
      headers: { accept: 'text/html, application/json' },
    });
    expect(await answered.json()).toEqual({ data: { repository: { repositoryName: 'web/frontend' } } });
  });
});
