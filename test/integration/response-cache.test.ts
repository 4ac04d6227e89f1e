import { createHmac } from 'node:crypto';
import { credentialsSession } from '../../src/plugins/caching/response-key';
import { createStack } from '../helpers/stack';

const PAGE = '{ repository(name: "web/frontend") { images(first: 10) { edges { node { imageDigest imageTags } } } } }';
const COST = { 'x-include-cost': '1' };
// The upstream cache off, so a repeat that costs no call can only have come from the response cache.
const ONLY_RESPONSE_CACHE = { upstream: { cacheTtlMs: 0 }, responseCache: { ttlMs: 10_000 } };

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
function hs256(payload: object, secret: string): string {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

describe('the whole-response cache', () => {
  it('answers a repeat of the same query with the same answer and no upstream call', async () => {
    const stack = createStack(ONLY_RESPONSE_CACHE);
    const first = await stack.query(PAGE);
    const calls = stack.calls();
    expect(calls).toBe(2);
    const again = await stack.query(PAGE);
    expect(stack.calls()).toBe(calls);
    expect(again).toEqual(first);
    // Other variables, another answer.
    await stack.query(
      'query ($n: Int) { repository(name: "web/frontend") { images(first: $n) { edges { cursor } } } }',
      {
        n: 3,
      },
    );
    expect(stack.calls()).toBe(calls + 2);
  });

  it('sends a hit byte for byte as the first answer was sent, and never stores introspection', async () => {
    const stack = createStack(ONLY_RESPONSE_CACHE);
    const raw = async (query: string) =>
      (
        await stack.gateway.fetch('http://gateway/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        })
      ).text();
    const first = await raw(PAGE);
    expect(await raw(PAGE)).toBe(first);
    const introspection = '{ __schema { queryType { name } } }';
    await stack.query(introspection);
    expect((await stack.query(introspection, undefined, COST)).extensions?.cost).not.toHaveProperty('responseCache');
  });

  it('reports a cached answer as costing nothing upstream, and never stores a request’s cost', async () => {
    const stack = createStack(ONLY_RESPONSE_CACHE);
    const miss = await stack.query(PAGE, undefined, COST);
    expect(miss.extensions?.cost).toEqual({
      upstreamCalls: { DescribeRepositories: 1, DescribeImages: 1 },
      cacheHits: 0,
      coalesced: 0,
      retries: 0,
    });
    const hit = await stack.query(PAGE, undefined, COST);
    expect(hit.extensions?.cost).toEqual({
      upstreamCalls: {},
      cacheHits: 0,
      coalesced: 0,
      retries: 0,
      responseCache: true,
    });
    expect(hit.data).toEqual(miss.data);
    expect((await stack.query(PAGE)).extensions).toBeUndefined();
  });

  it('keeps each client’s answers to itself: the Authorization header is part of the key', async () => {
    const secret = 'a-shared-key-of-reasonable-length';
    const stack = createStack({ ...ONLY_RESPONSE_CACHE, auth: { jwtSecret: secret } });
    const token = (sub: string) => ({
      authorization: `Bearer ${hs256({ sub, exp: Math.floor(Date.now() / 1000) + 60 }, secret)}`,
    });
    const alice = token('alice');
    const bob = token('bob');
    await stack.query(PAGE, undefined, alice);
    const afterAlice = stack.calls();
    const forBob = await stack.query(PAGE, undefined, { ...bob, ...COST });
    expect(forBob.extensions?.cost).not.toHaveProperty('responseCache');
    expect(stack.calls()).toBe(afterAlice + 2);
    const aliceAgain = await stack.query(PAGE, undefined, { ...alice, ...COST });
    expect(aliceAgain.extensions?.cost).toHaveProperty('responseCache', true);
    expect(stack.calls()).toBe(afterAlice + 2);
  });

  it('tells credentials apart whichever header carries them', () => {
    const session = (headers: Record<string, string>) => credentialsSession(new Request('http://x/', { headers }));
    expect(session({})).toBeNull();
    expect(session({ authorization: 'Bearer a' })).not.toEqual(session({ authorization: 'Bearer b' }));
    expect(session({ cookie: 'sid=1' })).not.toEqual(session({ cookie: 'sid=2' }));
    expect(session({ 'x-api-key': 'k1' })).not.toEqual(session({ 'x-api-key': 'k2' }));
    expect(session({ 'x-api-key': 'k1' })).not.toEqual(session({}));
  });

  it('is off with a TTL of 0 (UPSTREAM_CACHE_TTL_MS=0)', async () => {
    const stack = createStack({ upstream: { cacheTtlMs: 0 }, responseCache: { ttlMs: 0 } });
    await stack.query(PAGE);
    await stack.query(PAGE);
    expect(stack.calls()).toBe(4);
  });

  it('stores no answer built on upstream-cache hits, whose age it cannot know', async () => {
    const stack = createStack({ responseCache: { ttlMs: 10_000 } });
    await stack.query(PAGE);
    // The same upstream answers, another query: built from the upstream cache, so executed every time.
    const other = '{ repository(name: "web/frontend") { images(first: 10) { edges { node { imageDigest } } } } }';
    await stack.query(other);
    const again = await stack.query(other, undefined, COST);
    expect(again.extensions?.cost).toEqual({ upstreamCalls: {}, cacheHits: 2, coalesced: 0, retries: 0 });
    // The first one was built from fresh answers, and is served whole.
    expect((await stack.query(PAGE, undefined, COST)).extensions?.cost).toHaveProperty('responseCache', true);
  });

  it('stores no answer with errors', async () => {
    const stack = createStack(ONLY_RESPONSE_CACHE);
    const missing = '{ repository(name: "no/such") { repositoryName } }';
    await stack.query(missing);
    const calls = stack.calls();
    const again = await stack.query(missing);
    expect(again.errors?.[0]?.extensions?.code).toBe('REPOSITORY_NOT_FOUND');
    expect(stack.calls()).toBe(calls + 1);
  });

  it('answers If-None-Match with 304 while the answer is cached', async () => {
    const stack = createStack(ONLY_RESPONSE_CACHE);
    const ask = (headers: Record<string, string> = {}) =>
      stack.gateway.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: PAGE }),
      });
    await (await ask()).text();
    const hit = await ask();
    await hit.text();
    const etag = hit.headers.get('etag');
    expect(etag).toBeTruthy();
    const revalidated = await ask({ 'if-none-match': etag as string });
    expect(revalidated.status).toBe(304);
  });

  it('says "not modified" only of the asker\'s own query and credentials', async () => {
    const stack = createStack(ONLY_RESPONSE_CACHE);
    const ask = (query: string, headers: Record<string, string> = {}) =>
      stack.gateway.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
    await (await ask(PAGE)).text();
    const hit = await ask(PAGE);
    await hit.text();
    const etag = hit.headers.get('etag') as string;
    const otherQuery = await ask('{ repository(name: "web/backend") { repositoryName } }', { 'if-none-match': etag });
    expect(otherQuery.status).toBe(200);
    expect(await otherQuery.json()).toEqual({ data: { repository: { repositoryName: 'web/backend' } } });
    const otherClient = await ask(PAGE, { 'if-none-match': etag, authorization: 'Bearer someone-else' });
    expect(otherClient.status).toBe(200);
  });
});
